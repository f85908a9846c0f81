// The stat panel's sparkline: the panel's first series over the visible range, no axes, no cursor,
// a faint area under the line. Store-bound like the timeseries chart; React only mounts it.
import type uPlot from 'uplot';
import type { SeriesData } from '../../shared/model';
import { useWallboard } from '../store';
import { olderRowsChanged } from '../store/series-merge';
import { LiveView } from './live-window';
import { markDrawnTo, markFirstDraw } from './draw-marks';
import { withAlpha } from './palette';
import { timeGapsRefiner } from './timeseries-options';
import { tailPaths } from './tail-draw';
import { UplotHost } from './uplot-host';
import { chartScheduler } from './draw-scheduler';
import type { ChartHandle } from './timeseries-chart';

function firstSeries(sd: SeriesData | undefined): uPlot.AlignedData | null {
  const y = sd?.y[0];
  return sd && y ? [sd.x, y] : null;
}

export function mountSparkline(root: HTMLElement, panelId: string, color: string): ChartHandle {
  const store = useWallboard;
  const view = new LiveView(() => store.getState().range);
  const factory = (size: { width: number; height: number }): uPlot.Options => ({
    width: size.width,
    height: size.height,
    // why: the sparkline is decoration of the headline value; no axes, legend or hover
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    axes: [{ show: false }, { show: false }],
    padding: [2, 0, 2, 0],
    scales: {
      x: {
        time: true,
        // why: the raw data's window, not the decimated one's, so it matches what was decimated
        range: (_u, dataMin, dataMax) => view.window(host.raw) ?? [dataMin ?? 0, dataMax ?? 1],
      },
    },
    series: [{}, { stroke: color, width: 2, fill: withAlpha(color, 0.18), spanGaps: false, gaps: timeGapsRefiner(), paths: tailPaths(), points: { show: false } }],
    hooks: {
      draw: [
        (u) => {
          markFirstDraw(root, panelId, u);
          markDrawnTo(root, store.getState().range.to);
        },
      ],
    },
  });
  const host: UplotHost = new UplotHost(root, factory, firstSeries(store.getState().series[panelId]) ?? [[], []], {
    prepare: (d, widthPx) => view.prepare(d, widthPx),
    window: () => view.window(host.raw),
    // why: a move under half a pixel is not redrawn, and the chart shows that T all the same
    onSkip: () => markDrawnTo(root, store.getState().range.to),
    scheduler: () => chartScheduler(store.getState().mode),
  });
  const off = store.subscribe(
    (s) => s.series[panelId],
    (sd) => {
      const d = firstSeries(sd);
      // why: rows before the last point changed (series-merge.ts); decimated buckets must be rescanned
      if (sd && olderRowsChanged(sd)) view.reset();
      if (d) host.setData(d);
    },
  );
  const offRange = store.subscribe(
    (s) => s.range,
    () => host.windowChanged(),
  );
  return {
    destroy() {
      off();
      offRange();
      host.destroy();
    },
  };
}
