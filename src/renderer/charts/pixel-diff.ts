// Whether new chart data would draw the same picture as what is on the canvas. On a 24 h chart a
// 15 s tick appends a sample to the last pixel column; decimated, that often moves the column's
// min or max by a fraction of a pixel. Redrawing 40 charts for changes nobody can see is the
// largest cost of a live tick, so the host asks this first.
import type uPlot from 'uplot';

type Column = ArrayLike<number | null | undefined>;

/** Device px: a point that moves less than this is drawn on the same pixels (antialiasing aside). */
const MAX_MOVE = 0.5;

/** [min, max] of the y columns over rows whose x is inside [x0, x1]; null when none has a value. */
function visibleExtent(data: uPlot.AlignedData, x0: number, x1: number): [number, number] | null {
  const xs = data[0] as ArrayLike<number>;
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = 1; c < data.length; c++) {
    const col = data[c] as Column;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      if (x < x0 || x > x1) continue;
      const v = col[i];
      if (v === null || v === undefined) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * True when drawing `next` on `u` would look like `prev` (what `u` shows now): same x rows, the
 * y scale would get the same range (uPlot's own range function on the new extent), and no y value
 * moves by half a device pixel or more. Any doubt answers false (redraw).
 * `window` is the x window (s) that will be shown; the caller checks that it moved < 0.5 px.
 */
export function samePixels(u: uPlot, prev: uPlot.AlignedData, next: uPlot.AlignedData, window: readonly [number, number] | null): boolean {
  if (prev.length !== next.length || prev.length < 2 || !window) return false;
  const px = prev[0] as ArrayLike<number>;
  const nx = next[0] as ArrayLike<number>;
  if (px.length !== nx.length) return false;
  for (let i = 0; i < px.length; i++) if (px[i] !== nx[i]) return false;
  // why: only single-scale charts (every series on 'y'); anything else redraws
  for (let s = 1; s < u.series.length; s++) if (u.series[s]?.scale !== 'y') return false;
  const scale = u.scales.y;
  if (!scale || typeof scale.range !== 'function' || scale.min == null || scale.max == null) return false;
  const extent = visibleExtent(next, window[0], window[1]);
  if (!extent) return false;
  const range = scale.range(u, extent[0], extent[1], 'y');
  if (range[0] !== scale.min || range[1] !== scale.max) return false;
  for (let c = 1; c < next.length; c++) {
    const a = prev[c] as Column;
    const b = next[c] as Column;
    for (let i = 0; i < a.length; i++) {
      const va = a[i];
      const vb = b[i];
      if (va === vb) continue;
      if (va === null || va === undefined || vb === null || vb === undefined) return false;
      if (Math.abs(u.valToPos(va, 'y', true) - u.valToPos(vb, 'y', true)) >= MAX_MOVE) return false;
    }
  }
  return true;
}
