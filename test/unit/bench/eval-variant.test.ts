import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/main/engine/detect/index';
import { candidateOf, parseOverride, withOverride } from '../../bench/eval-variant';
import { combineScores } from '../../bench/nab-eval';

describe('eval:variant overrides', () => {
  it('changes only what the override names, down into the likelihood', () => {
    const p = withOverride(DEFAULT_PARAMS, parseOverride('{"flagAt": 6, "likelihood": {"warmup": 50}}'));
    expect(p.contextual.flagAt).toBe(6);
    expect(p.contextual.likelihood).toEqual({ ...DEFAULT_PARAMS.contextual.likelihood, warmup: 50 });
    expect({ ...p.contextual, flagAt: DEFAULT_PARAMS.contextual.flagAt, likelihood: DEFAULT_PARAMS.contextual.likelihood }).toEqual(DEFAULT_PARAMS.contextual);
    expect(p.rarity).toBe(DEFAULT_PARAMS.rarity);
    expect(withOverride(DEFAULT_PARAMS, parseOverride('{}'))).toEqual(DEFAULT_PARAMS);
  });

  it('refuses what is not JSON, an unknown setting and a setting of the wrong kind, naming it', () => {
    expect(() => parseOverride('{flagAt: 6}')).toThrow(/not JSON/);
    expect(() => parseOverride('{"flagat": 6}')).toThrow(/flagat/);
    expect(() => parseOverride('{"likelihood": {"warmup": -1}}')).toThrow(/likelihood\.warmup|warmup/);
    expect(() => parseOverride('{"warmup": "600"}')).toThrow(/warmup/);
  });

  it('names another method and how it joins the default', () => {
    const c = candidateOf('{"method": "changepoint", "combine": "max"}');
    expect(c.method).toBe('changepoint');
    expect(c.combine).toBe('max');
    expect(c.params).toEqual(DEFAULT_PARAMS);
    expect(candidateOf('{}')).toEqual({ name: '{}', params: DEFAULT_PARAMS });
    expect(() => parseOverride('{"method": "arima"}')).toThrow(/method/);
    expect(() => parseOverride('{"combine": "min"}')).toThrow(/combine/);
  });

  it('joins scores: max takes the louder; consensus keeps the default only near the other method’s scores', () => {
    const base = Float64Array.of(0.6, 0.2, 0.6, 0.6);
    const other = Float64Array.of(0, 0.9, 0, 0);
    expect(Array.from(combineScores('max', base, other))).toEqual([0.6, 0.9, 0.6, 0.6]);
    const c = Array.from(combineScores('consensus', base, other));
    expect(c[0]).toBeCloseTo(0.6 * 0.97);
    expect(c.slice(1)).toEqual([0.2, 0.6, 0.6]);
  });
});
