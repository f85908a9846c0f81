import { describe, expect, it } from 'vitest';
import { beforeHoles, sameColumns, subPixelMove } from '../../../../src/renderer/charts/draw-plan';

describe('skipping a redraw nobody would see', () => {
  it('treats equal values in new arrays as the same picture', () => {
    expect(sameColumns([[1, 2], [3, null]], [[1, 2], [3, null]])).toBe(true);
  });

  it('redraws when a value, a length or the series count differs', () => {
    expect(sameColumns([[1, 2], [3, 4]], [[1, 2], [3, 5]])).toBe(false);
    expect(sameColumns([[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]])).toBe(false);
    expect(sameColumns([[1, 2], [3, 4]], [[1, 2], [3, 4], [5, 6]])).toBe(false);
    expect(sameColumns([[1], [Number.NaN]], [[1], [Number.NaN]])).toBe(false);
  });

  it('skips a window move under half a pixel and redraws one over it', () => {
    const day = 86_400; // s
    // 15 s on a 24 h, 240 px chart is 0.04 px; 10 min is 1.7 px
    expect(subPixelMove([0, day], [15, day + 15], 240)).toBe(true);
    expect(subPixelMove([0, day], [600, day + 600], 240)).toBe(false);
    // a zoom (a different span) always redraws
    expect(subPixelMove([0, day], [0, day / 2], 240)).toBe(false);
    expect(subPixelMove(null, null, 240)).toBe(true);
    expect(subPixelMove(null, [0, 1], 240)).toBe(false);
  });

  it('starts a tail before the hole it may end, and leaves one without holes as it is', () => {
    // rows 1-2 have no value in the first series: a tail from row 3 starts at row 1 (drawn from row 0)
    expect(beforeHoles([[0, 1, 2, 3, 4], [1, null, null, 4, 5], [1, 2, 3, 4, 5]], 3)).toBe(1);
    expect(beforeHoles([[0, 1, 2, 3, 4], [1, 2, 3, 4, 5]], 3)).toBe(3);
    // never before row 1: the line into it starts at row 0
    expect(beforeHoles([[0, 1, 2], [null, null, 3]], 2)).toBe(1);
  });
});
