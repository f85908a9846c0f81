// The one duration parser (Prometheus's forms, plus the fractions board files always allowed) and
// the one wording of durations and ages.
import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, parseDuration } from '../../../src/shared/duration';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it('reads every form board files used before, to the same value', () => {
    const before: [string, number][] = [['250ms', 250], ['15s', 15 * S], ['5m', 5 * M], ['24h', D], ['1.5h', 1.5 * H], ['7d', 7 * D], [' 30s ', 30 * S], ['0.5s', 500]];
    for (const [text, ms] of before) expect(parseDuration(text), text).toBe(ms);
  });

  it("reads Prometheus's forms: compound units from largest to smallest, weeks, years, a bare 0", () => {
    const prom: [string, number][] = [['1h30m', 90 * M], ['1w', 7 * D], ['1y', 365 * D], ['1d', D], ['2h45m30s', 2 * H + 45 * M + 30 * S], ['1m500ms', M + 500], ['1y2w3d', 365 * D + 17 * D], ['0', 0], ['0s', 0]];
    for (const [text, ms] of prom) expect(parseDuration(text), text).toBe(ms);
  });

  it('refuses anything else', () => {
    for (const text of ['', '15', 'fast', '1x', '30m1h', '1h1h', '5m 3s', '-5m', 'h', '1.h', '.5h', '1e3s', '1H', '1h30', '9999999999999y']) {
      expect(parseDuration(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('formatDuration and formatAge, the one wording', () => {
  it('says the two largest units, floored', () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [950, '950ms'],
      [45 * S, '45s'],
      [59 * S + 999, '59s'],
      [12 * M + 59 * S, '12m'],
      [2 * H + 5 * M, '2h 5m'],
      [2 * H, '2h'],
      [81 * M, '1h 21m'],
      [(40.5 / 0.5) * M, '1h 21m'],
      [3 * D, '3d'],
      [50 * H, '2d 2h'],
      [-5 * H, '-5h'],
      [Infinity, '∞'],
    ];
    for (const [ms, text] of cases) expect(formatDuration(ms), String(ms)).toBe(text);
  });

  it('gives ages in whole seconds, never negative', () => {
    expect([0, 400, 45 * S, 12 * M, 3 * H + 5 * M, 50 * H].map(formatAge)).toEqual(['0s', '0s', '45s', '12m', '3h 5m', '2d 2h']);
    expect(formatAge(-5 * S)).toBe('0s'); // a clock a little ahead never shows a negative age
  });

  it('reads back what it writes, to the precision it shows', () => {
    for (const ms of [45 * S, 12 * M, 2 * H + 5 * M, 3 * D, 50 * H]) expect(parseDuration(formatDuration(ms).replace(' ', ''))).toBe(ms);
  });
});
