// The time window a live chart shows: the store's range, slid forward to the newest data, and
// snapped to whole decimation buckets so it moves once per bucket instead of every tick.
import type uPlot from 'uplot';
import { Decimator, PX_PER_BUCKET } from './decimate';

/**
 * s: the window a chart shows: the store's range, slid forward when data is newer than its end
 * (the live tail), keeping its width. `null` range = the data's own extent.
 */
export function slidingWindow(range: readonly [number, number] | null, dataMin: number | null, dataMax: number | null): [number, number] | null {
  if (!range) return dataMin === null || dataMax === null ? null : [dataMin, dataMax];
  const span = range[1] - range[0];
  const hi = Math.max(range[1], dataMax ?? range[1]);
  return [hi - span, hi];
}

/**
 * s: `window` with its end rounded up to a whole bucket (PX_PER_BUCKET px at `widthPx`), width
 * kept. A live window then moves in whole buckets, once per bucket of time, together with the
 * decimation's own bucket change, instead of creeping by a fraction of a pixel every tick (each
 * creep past half a pixel was a redraw of every chart). The newest point stays inside: the right
 * edge is at most one bucket ahead of it.
 */
export function snapWindow(window: [number, number] | null, widthPx: number): [number, number] | null {
  if (!window || widthPx <= 0) return window;
  const span = window[1] - window[0];
  const bucket = (span * PX_PER_BUCKET) / widthPx;
  if (!(bucket > 0) || !Number.isFinite(bucket)) return window;
  const hi = Math.ceil(window[1] / bucket) * bucket;
  return [hi - span, hi];
}


/**
 * What a store-bound chart draws of its raw data: the live window (the store's range, slid to the
 * newest data and snapped at the chart's width) and the data decimated to it. The host runs
 * `prepare` first on every draw path, so `window` snaps at the width last drawn.
 */
export class LiveView {
  /** CSS px: the chart width of the last `prepare`. */
  private chartPx = 0;
  private decimator = new Decimator();

  /** `range`: the store's range (unix ms) the charts show. */
  constructor(private readonly range: () => { from: number; to: number }) {}

  /** s: the window to show for raw data `d`. */
  window(d: uPlot.AlignedData): [number, number] | null {
    const xs = d[0];
    const r = this.range();
    const w = slidingWindow([r.from / 1000, r.to / 1000], xs.length ? (xs[0] as number) : null, xs.length ? (xs[xs.length - 1] as number) : null);
    return snapWindow(w, this.chartPx);
  }

  /** `d` as drawn at `widthPx`: about two points per PX_PER_BUCKET px column of its window. */
  prepare(d: uPlot.AlignedData, widthPx: number): uPlot.AlignedData {
    this.chartPx = widthPx;
    const w = this.window(d);
    return w ? this.decimator.run(d, widthPx / PX_PER_BUCKET, w[0], w[1]) : d;
  }

  /** Decimation buckets the last `prepare` reused instead of rescanning (tests count them). */
  reusedBuckets(): number {
    return this.decimator.reused;
  }

  /** A new series set, or values changed at rows it held (olderRowsChanged): the decimator's memory is per series and rows, so it starts over. */
  reset(): void {
    this.decimator = new Decimator();
  }
}
