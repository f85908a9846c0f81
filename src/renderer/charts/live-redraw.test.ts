// Live ticks that change nothing visible do not redraw; ticks that do, do.
import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { PX_PER_BUCKET } from './decimate';
import { snapWindow } from './live-window';
import { redrawPlan } from './pixel-diff';

/** The parts of a uPlot chart redrawPlan reads: a 100 device-px tall y scale over [lo, hi]. */
function chart(lo: number, hi: number): uPlot {
  // a 'nice' range in steps of 100, like uPlot's rounding
  const range = (_u: uPlot, min: number | null, max: number | null): [number, number] => [Math.floor((min ?? 0) / 100) * 100, Math.ceil((max ?? 1) / 100) * 100];
  return {
    series: [{}, { scale: 'y' }],
    scales: { y: { range, min: lo, max: hi } },
    valToPos: (v: number) => 100 - ((v - lo) / (hi - lo)) * 100,
  } as unknown as uPlot;
}

describe('redrawing only what the wall would show', () => {
  const drawn: uPlot.AlignedData = [[10, 20, 30], [1, 50, 99]];
  const win: [number, number] = [0, 40];

  it('skips a change smaller than half a device pixel', () => {
    // 0.3 units on a 0..100 scale 100 px tall is 0.3 px
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50.3, 99]], win)).toEqual({ kind: 'none' });
  });

  it('redraws from the first changed row when only the end of the line changed', () => {
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50, 97]], win)).toEqual({ kind: 'tail', fromRow: 2 });
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50.6, 99]], win)).toEqual({ kind: 'tail', fromRow: 1 });
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, null, 99]], win)).toEqual({ kind: 'tail', fromRow: 1 });
    // a row appended, or the last one moved
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30, 35], [1, 50, 99, 40]], win)).toEqual({ kind: 'tail', fromRow: 3 });
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 31], [1, 50, 99]], win)).toEqual({ kind: 'tail', fromRow: 2 });
  });

  it('starts the tail at the earliest change, even a sub-pixel one, so unredrawn moves cannot add up', () => {
    // row 1 moves 0.3 px (invisible alone), row 2 moves 2 px: redraw from row 1
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50.3, 97]], win)).toEqual({ kind: 'tail', fromRow: 1 });
  });

  it('redraws everything when the first row, the y range or the layout changes', () => {
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [3, 50, 99]], win)).toEqual({ kind: 'all' });
    expect(redrawPlan(chart(0, 100), drawn, [[11, 20, 30], [1, 50, 99]], win)).toEqual({ kind: 'all' });
    // 99 → 100.4 moves < 0.5 px, but the range function now gives [0, 200]: the axis changes
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50, 100.4]], win)).toEqual({ kind: 'all' });
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50, 99], [1, 2, 3]], win)).toEqual({ kind: 'all' });
    expect(redrawPlan(chart(0, 100), drawn, [[10, 20, 30], [1, 50, 97]], null)).toEqual({ kind: 'all' });
  });

  it('moves a live window in whole buckets, keeping its width and the newest point inside', () => {
    const day = 86_400; // s
    const bucket = (day * PX_PER_BUCKET) / 240; // s per bucket on a 240 px chart
    const a = snapWindow([1_000 - day, 1_000], 240);
    const b = snapWindow([1_015 - day, 1_015], 240);
    expect(a).toEqual(b); // a 15 s tick inside the same bucket: the same window, no redraw
    expect(a![1] - a![0]).toBeCloseTo(day, 6);
    expect(a![1]).toBeGreaterThanOrEqual(1_015);
    expect(a![1] - 1_015).toBeLessThan(bucket);
    expect(snapWindow(null, 240)).toBeNull();
    expect(snapWindow([0, 10], 0)).toEqual([0, 10]);
  });
});
