// The live merge reuses the panel's columns instead of copying 24 h of them per tick.
import { describe, expect, it } from 'vitest';
import type { SeriesData } from '../../shared/model';
import { mergeTail, olderRowsChanged } from './series-merge';

const series = (x: number[], ys: (number | null)[][]): SeriesData => ({
  panelId: 'p',
  x,
  series: ys.map((_, i) => ({ key: `k${i}`, query: 'q', labels: {}, name: `k${i}` })),
  y: ys,
  errors: [],
});

describe('live tail merge in place', () => {
  it('returns a new object over the same, updated columns', () => {
    const prev = series([10, 20, 30], [[1, 2, 3]]);
    const x = prev.x;
    const y0 = prev.y[0];
    const m = mergeTail(prev, series([30, 40, 50], [[3, 4, 5]]), 20);
    expect(m).not.toBe(prev);
    expect(m?.x).toBe(x);
    expect(m?.y[0]).toBe(y0);
    expect(m?.x).toEqual([20, 30, 40, 50]);
    expect(m?.y).toEqual([[2, 3, 4, 5]]);
  });

  it('drops a long stretch at once as well as one row', () => {
    const n = 1_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const prev = series(xs, [xs.map((v) => v * 2)]);
    const m = mergeTail(prev, series([n], [[2 * n]]), 600);
    expect(m?.x.length).toBe(n - 600 + 1);
    expect(m?.x[0]).toBe(600);
    expect(m?.y[0]?.[0]).toBe(1_200);
    expect(m?.x.at(-1)).toBe(n);
  });
});

describe('a tail with rows at or before the last point (one query backfilled behind another)', () => {
  it('merges query B’s late samples in time order, at new and at held x', () => {
    // query A has reached 60; query B failed for a while and backfills 15..45, one sample at A's 30.
    // The update's tail starts at B's oldest new sample and holds both series from there.
    const prev = series([10, 20, 30, 40, 50, 60], [[1, 2, 3, 4, 5, 6], [null, null, null, null, null, null]]);
    const tail = series([15, 20, 30, 40, 45, 50, 60], [[null, 2, 3, 4, null, 5, 6], [7, null, 8, null, 9, null, 10]]);
    const m = mergeTail(prev, tail, 0);
    expect(m?.x).toEqual([10, 15, 20, 30, 40, 45, 50, 60]);
    expect(m?.y).toEqual([
      [1, null, 2, 3, 4, null, 5, 6],
      [null, 7, null, 8, null, 9, null, 10],
    ]);
    expect(m && olderRowsChanged(m)).toBe(true);
  });

  it('keeps what the tail does not cover and the window start', () => {
    const prev = series([10, 20, 30, 40], [[1, 2, 3, 4], [null, null, null, null]]);
    // B's sample at 30 written after A's 40 was shown; the tail holds both series from 30 on
    const tail = series([30, 40, 50], [[3, 4, 5], [9, null, null]]);
    const m = mergeTail(prev, tail, 20);
    expect(m?.x).toEqual([20, 30, 40, 50]);
    expect(m?.y).toEqual([
      [2, 3, 4, 5],
      [null, 9, null, null],
    ]);
  });

  it('a tail that repeats held rows as they are is an append, in place', () => {
    const prev = series([10, 20, 30], [[1, 2, 3], [null, 5, null]]);
    const x = prev.x;
    const m = mergeTail(prev, series([20, 30, 40], [[2, 3, 4], [5, null, 6]]), 0);
    expect(m?.x).toBe(x);
    expect(m?.x).toEqual([10, 20, 30, 40]);
    expect(m?.y).toEqual([[1, 2, 3, 4], [null, 5, null, 6]]);
    expect(m && olderRowsChanged(m)).toBe(false);
  });
});
