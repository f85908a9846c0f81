// A live tail that changes rows before a chart's last point (one query's late sample at an x where
// the panel's other query has one) reaches the decimated picture, not only the store.
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import type { SeriesData } from '../../../src/shared/model';
import { LiveView } from '../../../src/renderer/charts/live-window';
import { mergeTail, olderRowsChanged } from '../../../src/renderer/store/series-merge';

const N = 2_000; // rows, 1 s apart: decimated at 100 px
const data = (x: number[], a: (number | null)[], b: (number | null)[]): SeriesData => ({
  panelId: 'p',
  x,
  series: ['a', 'b'].map((k) => ({ key: k, query: 'q', labels: {}, name: k })),
  y: [a, b],
  errors: [],
});
const aligned = (sd: SeriesData): uPlot.AlignedData => [sd.x, ...sd.y];

describe('a tail rewriting held rows, decimated', () => {
  it('shows query B’s late value at a held x once the chart starts its decimation over, as the charts do', () => {
    const xs = Array.from({ length: N }, (_, i) => i);
    const prev = data(xs, xs.map(() => 1), xs.map(() => null));
    const view = new LiveView(() => ({ from: 0, to: (N - 1) * 1000 }));
    const before = view.prepare(aligned(prev), 100);
    expect(before[0].length).toBeLessThan(N); // decimated
    expect((before[2] as (number | null)[]).every((v) => v === null)).toBe(true);

    const tx = xs.slice(1_500);
    const merged = mergeTail(prev, data(tx, tx.map(() => 1), tx.map((x) => (x === 1_600 ? 9 : null))), 0);
    if (!merged) throw new Error('no merge');
    expect(merged.y[1]?.[1_600]).toBe(9);
    expect(olderRowsChanged(merged)).toBe(true);
    // what timeseries-chart.ts and sparkline-chart.ts do with such a merge
    if (olderRowsChanged(merged)) view.reset();
    const after = view.prepare(aligned(merged), 100);
    expect(after[2]).toContain(9);
  });

  it('without starting over, the decimation would keep the old buckets (why the charts reset)', () => {
    const xs = Array.from({ length: N }, (_, i) => i);
    const view = new LiveView(() => ({ from: 0, to: (N - 1) * 1000 }));
    view.prepare(aligned(data(xs, xs.map(() => 1), xs.map(() => null))), 100);
    const b = xs.map((x) => (x === 1_600 ? 9 : null));
    expect(view.prepare(aligned(data(xs, xs.map(() => 1), b)), 100)[2]).not.toContain(9);
  });
});
