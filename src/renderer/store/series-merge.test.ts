// The live merge reuses the panel's columns instead of copying 24 h of them per tick.
import { describe, expect, it } from 'vitest';
import type { SeriesData } from '../../shared/model';
import { mergeTail } from './series-merge';

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
