import { describe, expect, it } from 'vitest';
import { chi2IsfEven, chi2SfEven, klDivergence, relativeEntropy } from '../../bench/baselines/relative-entropy';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 300_000), values });
const cycle = (n: number, period: number, offset = 0) => Array.from({ length: n }, (_, i) => offset + (i % period));
const flagged = (s: Float64Array, from: number, to: number) => s.subarray(from, to).reduce((a, b) => a + b, 0);

describe('relative entropy baseline (NAB port, issue 18)', () => {
  it('the chi-squared quantile matches the printed tables (and scipy.stats.chi2.isf(0.01, 4) = 13.276704135987625)', () => {
    expect(chi2IsfEven(0.01, 4)).toBeCloseTo(13.276704135987625, 12);
    expect(chi2IsfEven(0.05, 4)).toBeCloseTo(9.4877, 4);
    expect(chi2IsfEven(0.05, 2)).toBeCloseTo(-2 * Math.log(0.05), 12); // df 2: sf = e^{−x/2}
    expect(chi2IsfEven(0.01, 10)).toBeCloseTo(23.2093, 4);
    expect(chi2SfEven(chi2IsfEven(0.001, 6), 6)).toBeCloseTo(0.001, 15);
    expect(() => chi2SfEven(1, 3)).toThrow();
  });

  it('KL divergence as scipy.stats.entropy: renormalized, 0 for equal, ∞ where the hypothesis has no mass', () => {
    expect(klDivergence([1, 2, 0], [2, 4, 0])).toBe(0);
    expect(klDivergence([2, 2], [1, 3])).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 15);
    expect(klDivergence([1, 1], [1, 0])).toBe(Infinity);
    expect(klDivergence([1, 0], [1, 1])).toBeCloseTo(Math.log(2), 15);
  });

  it('a steady cycle is quiet; a new distribution is flagged; one seen before is not flagged again', () => {
    // values 0..9 then 20..29: the range 0..29 splits into bins of 5.8, the two cycles share none
    const v = [...cycle(400, 10), ...cycle(400, 10, 20), ...cycle(400, 10), ...cycle(400, 10, 20)];
    const s = relativeEntropy(series(v));
    expect(flagged(s, 0, 400)).toBe(0); // the first window becomes the only hypothesis; the rest agree
    expect(flagged(s, 400, 452)).toBeGreaterThan(0); // windows mixing in the unseen cycle
    expect(flagged(s, 452, 800)).toBe(0);
    // the way back and the second switch give mixes already seen (same proportions), so nothing new
    expect(flagged(s, 800, 1600)).toBeLessThan(flagged(s, 400, 800));
    expect(flagged(s, 1200, 1600)).toBe(0); // the second switch to 20..29: every mix seen on the first
    for (const x of s) expect(x === 0 || x === 1).toBe(true);
  });

  it('a flat file scores 0 everywhere (step 0), and the first 51 rows always score 0', () => {
    expect(flagged(relativeEntropy(series(Array(300).fill(45))), 0, 300)).toBe(0);
    const v = cycle(300, 10);
    v[20] = 1000; // the maximum, inside the first window
    expect(flagged(relativeEntropy(series(v)), 0, 51)).toBe(0);
  });
});
