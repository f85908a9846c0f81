import { describe, expect, it } from 'vitest';
import { BASELINES } from '../../bench/baselines/index';
import { windowedGaussian } from '../../bench/baselines/windowed-gaussian';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 300_000), values });

describe('NAB baselines (evaluation checks, issue 18)', () => {
  it('every baseline scores each row in [0, 1] and never reads ahead', () => {
    const v = Array.from({ length: 3000 }, (_, i) => 50 + 10 * Math.sin(i / 20) + ((i * 7919) % 13));
    v[2500] = 400;
    for (const [name, b] of Object.entries(BASELINES)) {
      const whole = b(series(v));
      expect(whole.length, name).toBe(v.length);
      for (const s of whole) expect(s >= 0 && s <= 1, name).toBe(true);
      // a changed future leaves the past's scores alone, except through NAB's own inputs (min, max, length), kept equal here
      const future = [...v];
      for (let i = 2600; i < 2990; i++) future[i] = v[i + 1] as number;
      expect(Array.from(b(series(future)).subarray(0, 2600)), name).toEqual(Array.from(whole.subarray(0, 2600)));
    }
  });

  it('windowed Gaussian: 1 − Q(|z|) against the rows before, a spike near 1', () => {
    const v: number[] = Array.from({ length: 500 }, (_, i) => (i % 2 ? 1 : -1));
    v[400] = 30;
    const s = windowedGaussian(series(v));
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo(1, 6); // one row seen: std 0 → 1e-6
    expect(s[300]).toBeCloseTo(1 - 0.5 * 0.3173, 3); // |z| = 1 on a ±1 series: 1 − Q(1)
    expect(s[400]).toBeGreaterThan(0.999999);
  });
});
