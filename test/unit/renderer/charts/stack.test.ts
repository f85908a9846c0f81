import { describe, expect, it } from 'vitest';
import { drawnColumns, stackBands, transformsColumns } from '../../../../src/renderer/charts/stack';

const stacked = { stacked: true, negate: false };
const line = { stacked: false, negate: false };
const below = { stacked: true, negate: true };

describe('drawn columns', () => {
  it('stacks each series on top of the ones before; a gap adds nothing and stays a gap', () => {
    const d = drawnColumns(
      [
        [1, 2, 3],
        [1, 2, null],
        [10, null, 30],
        [100, 200, 300],
      ],
      [stacked, stacked, stacked],
    );
    expect(d).toEqual([
      [1, 2, 3],
      [1, 2, null],
      [11, null, 30],
      [111, 202, 330],
    ]);
  });

  it('percent: each stacked series is its share of the stack, so the top is 100 at every time', () => {
    const d = drawnColumns(
      [
        [1, 2, 3],
        [1, 3, 0],
        [3, 1, 0],
        [4, null, 5],
      ],
      [stacked, stacked, stacked],
      true,
    );
    expect(d[1]).toEqual([12.5, 75, 0]);
    expect(d[2]).toEqual([50, 100, 0]);
    expect(d[3]).toEqual([100, null, 100]);
  });

  it('percent: all zero at a time draws 0, not NaN', () => {
    expect(drawnColumns([[1], [0], [0]], [stacked, stacked], true)).toEqual([[1], [0], [0]]);
  });

  it('a series kept out of the stack is drawn at its own value and is not part of the total', () => {
    const d = drawnColumns(
      [
        [1, 2],
        [10, 20],
        [100, 100],
        [30, 60],
      ],
      [stacked, line, stacked],
      true,
    );
    expect(d[1]).toEqual([25, 25]);
    expect(d[2]).toEqual([100, 100]);
    expect(d[3]).toEqual([100, 100]);
    expect(drawnColumns([[1], [5], [7]], [stacked, line])).toEqual([[1], [5], [7]]);
  });

  it('negated series are drawn below zero and stack downwards, apart from the ones above', () => {
    const d = drawnColumns(
      [
        [1],
        [5],
        [2],
        [7],
        [3],
      ],
      [stacked, below, stacked, below],
    );
    expect(d).toEqual([[1], [5], [-2], [12], [-5]]);
    expect(drawnColumns([[1], [4], [2]], [{ stacked: false, negate: true }, line])).toEqual([[1], [-4], [2]]);
    // percent: each stack is 100 % of itself
    expect(drawnColumns([[1], [1], [3], [1], [1]], [stacked, below, below, stacked], true)).toEqual([[1], [50], [-75], [-100], [100]]);
  });

  it('fills each stacked series down to the one below it in its own stack', () => {
    expect(stackBands([stacked, line, stacked, below, stacked, below])).toEqual([
      { series: [3, 1], dir: -1 },
      { series: [5, 3], dir: -1 },
      { series: [6, 4], dir: 1 },
    ]);
    expect(transformsColumns([line, line])).toBe(false);
    expect(transformsColumns([line, { stacked: false, negate: true }])).toBe(true);
  });

  it('series on the right axis stack among themselves, apart from the left axis ones (as Grafana groups them)', () => {
    const right = { stacked: true, negate: false, right: true };
    const d = drawnColumns(
      [
        [1, 2],
        [1, 2],
        [50, 60],
        [10, 20],
        [5, 5],
      ],
      [stacked, right, stacked, right],
    );
    expect(d).toEqual([
      [1, 2],
      [1, 2],
      [50, 60],
      [11, 22],
      [55, 65],
    ]);
    expect(stackBands([stacked, right, stacked, right])).toEqual([
      { series: [3, 1], dir: -1 },
      { series: [4, 2], dir: -1 },
    ]);
  });
});
