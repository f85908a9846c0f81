// Gap bands: a chart shades its own source's gaps, inside its window, where it has no data.
import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../shared/api';
import { chartGaps, gapBands, labelFits, type ChartGap } from './gap-bands';

const timeline = (gaps: Timeline['gaps']): Timeline => ({ from: 0, to: 10_000_000, incidents: [], gaps });

const down: ChartGap = { from: 100, to: 160, kind: 'down', reason: 'source down: refused', sourceId: 'prom' };

/** x every second over [from, to], y 1 except where `hole` says (no row at all there). */
function data(from: number, to: number, hole?: [number, number]): { xs: number[]; ys: (number | null)[][] } {
  const xs: number[] = [];
  for (let t = from; t <= to; t++) if (!hole || t <= hole[0] || t >= hole[1]) xs.push(t);
  return { xs, ys: [xs.map(() => 1)] };
}

describe('chartGaps', () => {
  it('keeps the gaps of the chart’s own source, in seconds', () => {
    const t = timeline([
      { sourceId: 'prom', kind: 'down', reason: 'source down: refused', from: 100_000, to: 160_000 },
      { sourceId: 'demo', kind: 'not-running', reason: 'wall not running', from: 200_000, to: 300_000 },
    ]);
    expect(chartGaps(t, 'prom')).toEqual([down]);
    expect(chartGaps(t, 'other')).toEqual([]);
    expect(chartGaps(null, 'prom')).toEqual([]);
    expect(chartGaps(t, undefined)).toEqual([]);
  });

  it('gives back the same list when a re-read timeline has the same gaps (no redraw)', () => {
    const gap = { sourceId: 'prom', kind: 'down' as const, reason: 'source down: refused', from: 100_000, to: 160_000 };
    const first = chartGaps(timeline([gap]), 'prom');
    expect(chartGaps(timeline([{ ...gap }]), 'prom', first)).toBe(first);
    const longer = chartGaps(timeline([{ ...gap, to: 165_000 }]), 'prom', first);
    expect(longer).not.toBe(first);
    expect(longer[0]?.to).toBe(165);
  });
});

describe('gapBands', () => {
  it('shades a gap where the chart has no data, with its gap', () => {
    const { xs, ys } = data(0, 300, [100, 160]);
    expect(gapBands([down], xs, ys, 0, 300, 2.5)).toEqual([{ from: 100, to: 160, gap: down }]);
  });

  it('clips a band to the window and leaves out gaps outside it', () => {
    const { xs, ys } = data(120, 400, [120, 160]);
    expect(gapBands([down], xs, ys, 120, 400, 2.5)).toEqual([{ from: 120, to: 160, gap: down }]);
    expect(gapBands([down], xs, ys, 170, 400, 2.5)).toEqual([]);
    expect(gapBands([down], [], [], 0, 90, 2.5)).toEqual([]);
  });

  it('never shades data: a gap later backfilled shows no band, a half-filled one only over its hole', () => {
    const full = data(0, 300);
    expect(gapBands([down], full.xs, full.ys, 0, 300, 2.5)).toEqual([]);
    const half = data(0, 300, [130, 160]);
    expect(gapBands([down], half.xs, half.ys, 0, 300, 2.5)).toEqual([{ from: 130, to: 160, gap: down }]);
  });

  it('counts rows whose every value is null as no data', () => {
    const xs = [90, 100, 110, 120, 130, 140, 150, 160, 170];
    const ys = [[1, null, null, null, null, null, null, 1, 1]];
    expect(gapBands([down], xs, ys, 0, 200, 15)).toEqual([{ from: 100, to: 160, gap: down }]);
    // a second series with values there is data
    expect(gapBands([down], xs, [ys[0] as (number | null)[], xs.map(() => 2)], 0, 200, 15)).toEqual([]);
  });

  it('leaves out a data-free run no longer than the minimum (the spacing of drawn points)', () => {
    const { xs, ys } = data(0, 300, [100, 160]);
    expect(gapBands([down], xs, ys, 0, 300, 60)).toEqual([]);
    expect(gapBands([down], xs, ys, 0, 300, 59)).toHaveLength(1);
  });
});

describe('labelFits', () => {
  it('writes the reason only in a band wide enough for it and its padding', () => {
    expect(labelFits(100, 220, 100, 10)).toBe(true);
    expect(labelFits(100, 219, 100, 10)).toBe(false);
  });
});

describe('chartGaps while the source is down now', () => {
  const t = timeline([
    { sourceId: 'prom', kind: 'down', reason: 'source down: refused', from: 10_000, to: 20_000 },
    { sourceId: 'prom', kind: 'down', reason: 'source down: refused', from: 100_000, to: 160_000 },
  ]);

  it('lets the newest down gap reach on to the window’s end, and only that one', () => {
    const open = chartGaps(t, 'prom', undefined, true);
    expect(open.map((g) => g.to)).toEqual([20, Infinity]);
    const { xs, ys } = data(0, 300, [100, 300]);
    expect(gapBands(open, xs, ys, 0, 300, 2.5).at(-1)).toMatchObject({ from: 100, to: 300 });
  });

  it('changes (a redraw) when the source comes back, and not when it stays down', () => {
    const open = chartGaps(t, 'prom', undefined, true);
    expect(chartGaps(t, 'prom', open, true)).toBe(open);
    expect(chartGaps(t, 'prom', open, false).map((g) => g.to)).toEqual([20, 160]);
  });

  it('does not stretch a wall-not-running gap', () => {
    const t2 = timeline([{ sourceId: 'prom', kind: 'not-running', reason: 'wall not running', from: 10_000, to: 20_000 }]);
    expect(chartGaps(t2, 'prom', undefined, true).map((g) => g.to)).toEqual([20]);
  });
});
