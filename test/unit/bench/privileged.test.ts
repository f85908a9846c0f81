import { describe, expect, it } from 'vitest';
import { ContextModel } from '../../../src/main/engine/detect/context';
import { createDetector, DEFAULT_PARAMS, type DetectorParams } from '../../../src/main/engine/detect/index';
import { candidateOf } from '../../bench/eval-variant';
import { privilegedParams } from '../../bench/privileged';
import { seasonalNoise } from '../detect/synthetic';

/** A short series (1,300 rows, an hourly file's length) with a level shift after the default's 750-sample silence would end. */
function series(n = 1300) {
  const { t, v } = seasonalNoise(n, 11);
  for (let i = 1000; i < n; i++) v[i] = (v[i] as number) + 12;
  return { t, v };
}

function scores(params: DetectorParams, n?: number): number[] {
  const { t, v } = series(n);
  const d = createDetector({ method: 'auto', sensitivity: 'medium' }, params);
  return t.map((ti, i) => d.update(ti, v[i] as number).score);
}

describe('privileged mode (NAB look-ahead, diagnosis only)', () => {
  it('leaves the default untouched: no privilege is the default, and DEFAULT_PARAMS is neither changed nor given a range', () => {
    const before = structuredClone(DEFAULT_PARAMS);
    const { v } = series();
    expect(privilegedParams(DEFAULT_PARAMS, v, {})).toEqual(DEFAULT_PARAMS);
    privilegedParams(DEFAULT_PARAMS, v, { range: true, probation: true, rest: true });
    expect(DEFAULT_PARAMS).toEqual(before);
    expect('range' in DEFAULT_PARAMS.contextual).toBe(false);
    expect(candidateOf('{}').privileged).toBeUndefined();
  });

  it('maps the probation onto the default’s lengths: a ≥ 5,000-row file keeps them, a 1,300-row one gets 15 %', () => {
    const long = privilegedParams(DEFAULT_PARAMS, new Float64Array(6000), { probation: true, rest: true });
    expect(long).toEqual(DEFAULT_PARAMS);
    const short = privilegedParams(DEFAULT_PARAMS, new Float64Array(1300), { probation: true, rest: true }).contextual;
    // P = floor(0.15 · 1300) = 195, split 600 : 150 as the default's 750
    expect([short.warmup, short.likelihood.warmup, short.rest]).toEqual([156, 39, 26]);
    const htm = privilegedParams(DEFAULT_PARAMS, new Float64Array(1300), { probation: true, share: 0.5 }).contextual;
    expect([htm.warmup, htm.likelihood.warmup]).toEqual([98, 97]);
  });

  it('gives the grid the whole range at sample 1: novelty is read before the grid warm-up would end', () => {
    const p = { levels: 6, offset: 0, orders: 3, warmup: 600, tableBits: 8 };
    const causal = new ContextModel(p);
    const given = new ContextModel({ ...p, range: { lo: 0, hi: 10 } });
    const a = [0, 5, 10].map((x) => causal.observe(x));
    const b = [0, 5, 10].map((x) => given.observe(x));
    expect(a).toEqual([0, 0, 0]);
    expect(b).toEqual([1, 1, 1]);
  });

  it('changes the scores of a short series with each privilege, and not the default’s', () => {
    const base = scores(DEFAULT_PARAMS);
    const { v } = series();
    for (const p of [{ range: true }, { probation: true }, { rest: true }, { range: true, probation: true }]) {
      expect(scores(privilegedParams(DEFAULT_PARAMS, v, p))).not.toEqual(base);
    }
    expect(scores(DEFAULT_PARAMS)).toEqual(base);
  });
});
