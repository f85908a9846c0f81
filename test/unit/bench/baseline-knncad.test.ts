import { describe, expect, it } from 'vitest';
import { invert, knncad, ldl, sumSmallest } from '../../bench/baselines/knncad';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 300_000), values });
// deterministic noise in [0, 1)
const noise = (n: number) => Array.from({ length: n }, (_, i) => ((Math.sin(i * 12.9898) * 43758.5453) % 1 + 1) % 1);

describe('KNN-CAD baseline (NAB port, issue 18)', () => {
  it('inverts by LU with pivoting, and calls an exact zero pivot singular (numpy LinAlgError)', () => {
    // [[0, 2], [4, 1]] needs the row swap; its inverse is [[-1/8, 1/4], [1/2, 0]]
    expect(Array.from(invert(Float64Array.of(0, 2, 4, 1), 2)!)).toEqual([-0.125, 0.25, 0.5, 0]);
    expect(invert(Float64Array.from(Array(9).fill(3)), 3)).toBeNull(); // a flat file's XᵀX
  });

  it('LDLᵀ of the symmetrized matrix, indefinite allowed, null on a zero pivot', () => {
    const f = ldl(Float64Array.of(4, 1, 3, 5), 2)!; // symmetrized: [[4, 2], [2, 5]]
    expect(Array.from(f.l)).toEqual([1, 0, 0.5, 1]);
    expect(Array.from(f.dg)).toEqual([4, 4]);
    expect(Array.from(ldl(Float64Array.of(1, 2, 2, 1), 2)!.dg)).toEqual([1, -3]);
    expect(ldl(Float64Array.of(0, 1, 1, 0), 2)).toBeNull();
  });

  it('sums the k smallest, ties included once each (np.sum(np.partition(a, k)[:k]))', () => {
    expect(sumSmallest(Float64Array.of(5, 1, 4, 1, 3), 5, 2)).toBe(2);
    expect(sumSmallest(Float64Array.of(5, 1, 4, 1, 3), 5, 3)).toBe(5);
    expect(sumSmallest(Float64Array.of(2, 2, 2), 3, 9)).toBe(6);
    const a = Float64Array.from(noise(500));
    const want = [...a].sort((x, y) => x - y).slice(0, 27).reduce((s, x) => s + x, 0);
    expect(sumSmallest(a, 500, 27)).toBeCloseTo(want, 12);
  });

  it('quiet through probation; a spike scores ≥ 0.9965 and holds the next ⌊P/5⌋ rows at 0.5', () => {
    const v = noise(2000).map((x, i) => 10 + Math.sin(i / 8) + 0.2 * x); // P = 300, 281 training items
    const quiet = knncad(series(v));
    for (let i = 0; i < 299; i++) expect(quiet[i]).toBe(0);
    // every score is 0.5 (held) or a share of the 281 stored nonconformities
    for (let i = 299; i < 2000; i++) expect(quiet[i] === 0.5 || Number.isInteger(Math.round(quiet[i]! * 281 * 1e6) / 1e6)).toBe(true);
    // a noisy series has its own record highs, each holding 60 rows; spike the first row not held after 1500
    let t = 1500;
    while (quiet[t] === 0.5) t++;
    const spiked = [...v];
    spiked[t] = 25;
    const s = knncad(series(spiked));
    expect(Array.from(s.subarray(0, t))).toEqual(Array.from(quiet.subarray(0, t)));
    expect(s[t]).toBeGreaterThanOrEqual(0.9965);
    for (let i = t + 1; i <= t + 60; i++) expect(s[i]).toBe(0.5);
    expect(s[t + 61]).not.toBe(0.5);
  });

  it('a flat file: XᵀX singular, identity kept, every distance 0, nothing strictly below, all 0', () => {
    const s = knncad(series(Array(1000).fill(45)));
    expect(s.every((x) => x === 0)).toBe(true);
  });
});
