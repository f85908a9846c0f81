import { describe, expect, it } from 'vitest';
import { ewmMeanStd, histogramBins, meanStd, median, pairwiseSum } from '../../bench/baselines/numpy-like';
import { earthgeckoSkyline, skylineScores } from '../../bench/baselines/skyline';

const FIVE_MIN = 300_000;
const series = (values: number[], step = FIVE_MIN) => ({ timestamps: values.map((_, i) => 1_400_000_000_000 + i * step), values });

/** Deterministic noise in [-1, 1). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

describe('numpy / pandas semantics (numpy-like.ts)', () => {
  it('sums in numpy pairwise order: np.sum([0.1] * 10) is 1.0 where a running sum gives 0.9999999999999999', () => {
    const a = new Float64Array(10).fill(0.1);
    expect(pairwiseSum(a)).toBe(1);
    let run = 0;
    for (const x of a) run += x;
    expect(run).toBe(0.9999999999999999);
    expect(pairwiseSum(Float64Array.from({ length: 1000 }, (_, i) => i))).toBe(499500);
  });

  it('pandas mean / std (ddof 1, two-pass) and np.std (ddof 0); NaN when there are too few values', () => {
    const s = new Float64Array(4);
    expect(meanStd(Float64Array.of(1, 2, 3, 4), 4, 1, s)).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3) });
    expect(meanStd(Float64Array.of(1, 2, 3, 4), 4, 0, s).std).toBe(Math.sqrt(1.25));
    expect(meanStd(Float64Array.of(7), 1, 1, s).std).toBeNaN();
    expect(meanStd(new Float64Array(0), 0, 1, s).mean).toBeNaN();
  });

  it('np.median: the middle value, or the mean of the middle two', () => {
    expect(median(Float64Array.of(3, 1, 4, 1, 5), 5)).toBe(3);
    expect(median(Float64Array.of(4, 1, 3, 2), 4)).toBe(2.5);
    expect(median(Float64Array.of(2, 2, 2, 9, 2, 2), 6)).toBe(2);
  });

  it('pandas ewm(com=50, adjust=True): mean and bias-corrected std equal the weighted formulas', () => {
    const r = 50 / 51;
    const { mean, std } = ewmMeanStd(Float64Array.of(1, 2, 3), 50);
    expect(mean[0]).toBe(1);
    expect(mean[2]).toBeCloseTo((r * r * 1 + r * 2 + 3) / (r * r + r + 1), 14);
    expect(std[0]).toBeNaN();
    const m = (r * 1 + 2) / (r + 1);
    const biased = (r * (1 - m) ** 2 + (2 - m) ** 2) / (r + 1);
    expect(std[1]).toBeCloseTo(Math.sqrt((biased * (1 + r) ** 2) / ((1 + r) ** 2 - (1 + r * r))), 14);
    // a constant series has no spread at all (pandas skips the update when the value equals the mean)
    const flat = ewmMeanStd(new Float64Array(50).fill(0.1), 50);
    expect(flat.mean[49]).toBe(0.1);
    expect(flat.std[49]).toBe(0);
  });

  it('np.histogram: edges linspace(min, max), the max folded into the last bin, a zero span widened by ±0.5', () => {
    const h = histogramBins(1, 2, 2); // np.histogram([1, 2, 1], bins=2) → edges [1, 1.5, 2]
    expect([h.edge(0), h.edge(1), h.edge(2)]).toEqual([1, 1.5, 2]);
    expect([h.bin(1), h.bin(1.49), h.bin(1.5), h.bin(2)]).toEqual([0, 0, 1, 1]);
    const flat = histogramBins(5, 5, 15);
    expect(flat.edge(0)).toBe(4.5);
    expect(flat.edge(15)).toBe(5.5);
    expect(flat.bin(5)).toBe(7);
  });
});

describe('earthgecko Skyline (NAB baseline)', () => {
  const noisy = (n: number, seed = 1) => {
    const r = noise(seed);
    return Array.from({ length: n }, (_, i) => 50 + 5 * Math.sin(i / 40) + 3 * r());
  };

  it('scores a spike 1 (all seven algorithms agree) and the calm rows around it 0', () => {
    const v = noisy(2000);
    v[1500] = 400;
    const s = earthgeckoSkyline(series(v));
    expect(s[1500]).toBe(1);
    expect(s.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('scores a flat series 0 everywhere, even where its statistics are rounding noise', () => {
    for (const level of [0, 0.1, 1e6 + 0.3]) {
      const s = earthgeckoSkyline(series(new Array<number>(3000).fill(level)));
      expect(s.every((x) => x === 0)).toBe(true);
    }
  });

  it('stays silent for 12 hours (by the clock, not rows) after a 1', () => {
    const v = noisy(2500, 7);
    v[1500] = 400;
    v[2000] = 400;
    // 5-minute rows: the second spike is 41 h later and scores again
    const five = earthgeckoSkyline(series(v));
    expect([five[1500], five[2000]]).toEqual([1, 1]);
    // 1-minute rows: it is 8.3 h later, inside EXPIRATION_TIME, so it scores 0
    const one = earthgeckoSkyline(series(v, 60_000));
    expect([one[1500], one[2000]]).toEqual([1, 0]);
  });

  it('decides from running sums exactly as the numpy-order recomputation does', () => {
    const r = noise(3);
    const cases: number[][] = [];
    // a random walk with jumps, a flat series with steps and spikes, integers with repeats
    let w = 100;
    cases.push(Array.from({ length: 1500 }, (_, i) => (w += r() + (i % 397 === 0 ? 30 : 0))));
    cases.push(Array.from({ length: 1500 }, (_, i) => (i < 700 ? 0.1 : i < 1100 ? 0.3 : 0.1) + (i % 250 === 0 ? 5 : 0)));
    cases.push(Array.from({ length: 1500 }, () => Math.round(10 + 4 * r()) + (r() > 0.995 ? 40 : 0)));
    for (const v of cases) {
      const f = series(v);
      const fast = skylineScores(f);
      expect(Array.from(fast)).toEqual(Array.from(skylineScores(f, { exact: true })));
      expect(fast.some((x) => x === 1)).toBe(true);
    }
  });

  it('uses every row up to now and nothing after it', () => {
    const v = noisy(1200, 5);
    v[900] = 300;
    const whole = earthgeckoSkyline(series(v));
    const cut = earthgeckoSkyline(series(v.slice(0, 950)));
    expect(Array.from(cut)).toEqual(Array.from(whole.subarray(0, 950)));
  });
});
