import { describe, expect, it } from 'vitest';
import { loneBarWidth } from './bar-paths';

// A 1 h window over 900 CSS px: 4 s a px.
const FROM = 1_800_000_000;
const px = (x: number): number => ((x - FROM) / 3600) * 900;

describe('loneBarWidth', () => {
  it('a bar alone in view is one step of its source wide (60 %), not the plot', () => {
    // one sample since the wall started; the source polls every 15 s
    const w = loneBarWidth([FROM + 1800], [42], 0, 0, px, 15);
    // 15 s is 3.75 px here: 2.25 px of bar, drawn at the 4 px minimum
    expect(w).toBe(4);
    // a 5 min step: 75 px at this scale, 45 px of bar
    expect(loneBarWidth([FROM + 1800], [42], 0, 0, px, 300)).toBeCloseTo(45);
  });

  it('takes the step from the x columns when they have one (another series, or rows out of view)', () => {
    const xs = [FROM, FROM + 60, FROM + 120, FROM + 180];
    // this series holds one value; its x columns step by 60 s → 15 px, 9 px of bar
    expect(loneBarWidth(xs, [null, 5, null, null], 0, 3, px, 15)).toBeCloseTo(9);
    // rows 0..1 out of view, one value in view
    expect(loneBarWidth(xs, [1, 2, 3, 4], 3, 3, px, 15)).toBeCloseTo(9);
  });

  it('two values in view: uPlot spaces the bars itself', () => {
    expect(loneBarWidth([FROM, FROM + 60], [1, 2], 0, 1, px, 15)).toBe(Infinity);
    expect(loneBarWidth([FROM, FROM + 60], [null, null], 0, 1, px, 15)).toBe(Infinity);
  });
});
