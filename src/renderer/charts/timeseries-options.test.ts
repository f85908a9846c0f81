import { describe, expect, it } from 'vitest';
import { stableAxisSize } from './timeseries-options';

describe('stableAxisSize', () => {
  it('rounds the first width up to whole steps', () => {
    expect(stableAxisSize(0, 41, 14)).toBe(42);
    expect(stableAxisSize(0, 42, 14)).toBe(42);
  });

  it('grows at once when the labels need more', () => {
    expect(stableAxisSize(42, 43, 14)).toBe(56);
  });

  it('keeps its width while one step or less would be free, shrinks when two are', () => {
    expect(stableAxisSize(56, 50, 14)).toBe(56);
    expect(stableAxisSize(56, 30, 14)).toBe(56); // 42 would free one step
    expect(stableAxisSize(56, 28, 14)).toBe(28);
  });

  it('labels wobbling by a digit around a step keep one width', () => {
    const widths = new Set<number>();
    let size = 0;
    for (const needed of [40, 45, 39, 47, 41, 44, 38, 46]) widths.add((size = stableAxisSize(size, needed, 14)));
    expect([...widths]).toEqual([42, 56]);
    expect(size).toBe(56);
  });
});
