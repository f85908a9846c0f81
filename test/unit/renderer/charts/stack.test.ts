import { describe, expect, it } from 'vitest';
import { stackColumns, unstackedAt } from '../../../../src/renderer/charts/stack';

describe('stacked series', () => {
  it('draws each series on top of the ones before; a gap adds nothing and stays a gap', () => {
    const d = stackColumns([
      [1, 2, 3],
      [1, 2, null],
      [10, null, 30],
      [100, 200, 300],
    ]);
    expect(d).toEqual([
      [1, 2, 3],
      [1, 2, null],
      [11, null, 30],
      [111, 202, 330],
    ]);
  });

  it('reads a series’ own value back for the legend', () => {
    const d = stackColumns([
      [1, 2],
      [1, null],
      [10, 20],
      [100, 200],
    ]);
    expect([1, 2, 3].map((s) => unstackedAt(d, s, 0))).toEqual([1, 10, 100]);
    expect([1, 2, 3].map((s) => unstackedAt(d, s, 1))).toEqual([null, 20, 200]);
  });
});
