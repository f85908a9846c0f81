// What a live tick must redraw. On a 24 h chart a 15 s tick appends a sample to the last pixel
// column; decimated, that changes the column's min, max or end point, at the right edge only.
// Redrawing 40 whole charts for that was the largest cost of a live tick, so the host asks this
// first: nothing (the change moves no pixel), the tail (from the first changed row to the right
// edge), or everything.
import type uPlot from 'uplot';

type Column = ArrayLike<number | null | undefined>;

/** Device px: a point that moves less than this is drawn on the same pixels (antialiasing aside). */
const MAX_MOVE = 0.5;

export type RedrawPlan = { kind: 'none' } | { kind: 'tail'; fromRow: number } | { kind: 'all' };

const NONE: RedrawPlan = { kind: 'none' };
const ALL: RedrawPlan = { kind: 'all' };

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

/** Whether `next` would keep the y axis as it is: uPlot's own range function on the new extent. */
function sameYScale(u: uPlot, next: uPlot.AlignedData, window: readonly [number, number]): boolean {
  // why: only single-scale charts (every series on 'y'); anything else redraws
  for (let s = 1; s < u.series.length; s++) if (u.series[s]?.scale !== 'y') return false;
  const scale = u.scales.y;
  if (!scale || typeof scale.range !== 'function' || scale.min == null || scale.max == null) return false;
  const extent = visibleExtent(next, window[0], window[1]);
  if (!extent) return false;
  const range = scale.range(u, extent[0], extent[1], 'y');
  return range[0] === scale.min && range[1] === scale.max;
}

/**
 * What drawing `next` on `u` (which shows `prev` over `window`, unchanged, s) has to redraw.
 * - none: same x rows, and no y value moves by half a device pixel or more;
 * - tail: rows before `fromRow` are exactly as drawn (x and y), so only the line from row
 *   `fromRow - 1` to the right edge changes (rows may have been added or removed at the end);
 * - all: the y axis would change, a row changed at the start, or any doubt.
 * Exact equality before `fromRow` (not "less than half a pixel") is what keeps tail redraws from
 * adding up sub-pixel moves into a visible drift.
 */
export function redrawPlan(u: uPlot, prev: uPlot.AlignedData, next: uPlot.AlignedData, window: readonly [number, number] | null): RedrawPlan {
  if (prev.length !== next.length || prev.length < 2 || !window) return ALL;
  if (!sameYScale(u, next, window)) return ALL;
  const px = prev[0] as ArrayLike<number>;
  const nx = next[0] as ArrayLike<number>;
  const rows = Math.min(px.length, nx.length);
  let sameX = rows; // rows [0, sameX) have the same x
  for (let i = 0; i < rows; i++) {
    if (px[i] !== nx[i]) {
      sameX = i;
      break;
    }
  }
  let first = sameX; // first row that differs in any way
  // a new row, a moved row, a new gap or a value moving half a pixel or more
  let visible = sameX < Math.max(px.length, nx.length);
  for (let c = 1; c < next.length; c++) {
    const a = prev[c] as Column;
    const b = next[c] as Column;
    for (let i = 0; i < sameX; i++) {
      const va = a[i];
      const vb = b[i];
      if (va === vb) continue;
      if (i < first) first = i;
      if (va === null || va === undefined || vb === null || vb === undefined || Math.abs(u.valToPos(va, 'y', true) - u.valToPos(vb, 'y', true)) >= MAX_MOVE) visible = true;
    }
  }
  if (!visible) return NONE;
  return first >= 1 ? { kind: 'tail', fromRow: first } : ALL;
}
