import { describe, expect, it } from 'vitest';
import { contextOSE, PyIntDict, pyTupleHash } from '../../bench/baselines/cad-ose';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 300_000), values });

// Expected values below were printed by CPython 2.7.18 (64-bit), running NAB's cad_ose.py at a9853ca.
describe('NAB CAD OSE baseline (contextOSE, issue 18)', () => {
  it('hashes tuples as CPython 2.7 does', () => {
    expect(pyTupleHash([])).toBe(3527539n);
    expect(pyTupleHash([1, 2, 3])).toBe(2528502973977326415n);
    expect(pyTupleHash([0, 2, 4])).toBe(1267307236350160189n);
    expect(pyTupleHash([2 ** 31 + 5, 0, 3])).toBe(7077227510215837525n);
  });

  it('iterates an int-keyed dict in CPython 2.7 slot order, through two resizes', () => {
    const d = new PyIntDict();
    for (const [n, k] of [9, 1, 17, 3, 25, 8, 40, 2, 100, 33].entries()) d.setdefault(k, n);
    expect(d.setdefault(17, 99)).toBe(2); // known key: its value, unchanged
    expect(d.items()).toEqual([[1, 1], [2, 7], [3, 3], [100, 8], [33, 9], [8, 5], [9, 0], [17, 2], [40, 6], [25, 4]]);
  });

  it('a constant series, traced by hand: 0.5 for ever, because context 0 never fires', () => {
    // row 0: no contexts, raw (1 − 0 + 0)/2 = 0.5; row 1: the one zero-level context is new, raw 1;
    // later rows: it exists, so NAB's newContextID stays False, which equals id 0 and skips it: raw 0.5.
    // 40 rows: probation 6, rest int(6/5) = 1 row, so the output is the raw score lagged by one check.
    expect(Array.from(contextOSE(series(Array(40).fill(5))).subarray(0, 6))).toEqual([0, 1, 0, 0.5, 0.5, 0.5]);
  });

  it('honours the rest period int(probation / 5) after a score ≥ 0.75, capped at 750 rows of probation', () => {
    // the raw 1 of row 1 silences rows 2 … rest + 1 (and the initial 1.0 rows 0 … rest − 1)
    for (const [n, rest] of [[400, 12], [10_000, 150]] as const) {
      const s = contextOSE(series(Array(n).fill(3)));
      expect(s.findIndex((x) => x !== 0), `${n} rows`).toBe(rest + 2);
      expect(new Set(s.subarray(rest + 2)), `${n} rows`).toEqual(new Set([0.5]));
    }
  });

  it('flags a level shift after a learnt pattern', () => {
    const v = Array.from({ length: 1000 }, (_, i) => (i < 700 ? i % 4 : i % 4 < 2 ? 7 : 6));
    const s = contextOSE(series(v));
    expect(Math.max(...s.subarray(400, 700))).toBeLessThan(0.05);
    expect(s[700]).toBe(1);
    expect(Math.max(...s.subarray(701, 731))).toBe(0); // rest: 30 rows
  });

  it('matches CPython 2.7 on a noisy series (hash and dict order both change these)', () => {
    let x = 12345n; // an exact LCG, as Python's ints
    const v = Array.from({ length: 600 }, (_, i) => {
      x = (x * 1103515245n + 12345n) % 2147483648n;
      return Number((x >> 16n) % 100n) + (Math.floor(i / 50) % 3 === 0 ? 40 : 0);
    });
    const s = contextOSE(series(v));
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(187.19315250253683, 9);
    expect(s.filter((t) => t > 0).length).toBe(443);
    expect(s[250]).toBeCloseTo(0.4131168831168831, 12);
    expect(s[400]).toBeCloseTo(0.3714377778828871, 12);
    expect(s[599]).toBeCloseTo(0.3456170561288468, 12);
  });
});
