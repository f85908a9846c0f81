// Min/max decimation to the chart's pixel width. A 240 px chart cannot show 5,760 samples; uPlot
// would still walk every one of them per series per draw. Keeping each pixel column's minimum and
// maximum (in the order they occurred) draws the same picture, spikes included, from ~2 points
// per pixel. A Decimator also remembers its buckets, so a live update (a few rows appended, a few
// dropped) only rescans the buckets whose rows changed.
import type uPlot from 'uplot';
import { lowerBound } from '../../shared/sorted';

type Column = ArrayLike<number | null | undefined>;

/** CSS px per bucket: a 2 px line cannot show finer detail, and it halves the path work per draw. */
export const PX_PER_BUCKET = 2;

interface Buckets {
  width: number; // s per bucket
  /** Absolute bucket numbers (floor(x / width)), ascending, of buckets that hold rows. */
  ids: number[];
  /** Row index where each bucket starts, plus the row count at the end. */
  bounds: number[];
}

/** Where bucketRows starts: the row, and the buckets (ids, bounds) known before it. */
interface Resume {
  row: number;
  ids: number[];
  bounds: number[];
}

/** Row ranges of ~`buckets` equal time buckets over [x0, x1], aligned to multiples of the width. */
function bucketRows(xs: ArrayLike<number>, buckets: number, x0: number, x1: number, resume?: Resume): Buckets {
  const n = xs.length;
  const width = (x1 - x0) / buckets;
  // why: buckets on absolute multiples of their width, so a window sliding by one sample per tick
  // keeps the same buckets and the line does not shimmer from update to update
  const first = Math.floor(x0 / width);
  const last = Math.ceil(x1 / width) - 1; // rows newer than x1 go to the last bucket
  const ids: number[] = resume?.ids ?? [];
  const bounds: number[] = resume?.bounds ?? [];
  let i = resume?.row ?? lowerBound(xs, xs.length, x0);
  let prev = ids.length ? (ids[ids.length - 1] as number) : first - 1;
  while (i < n) {
    // why: max(prev + 1) keeps buckets strictly increasing even when float rounding disagrees
    const id = Math.max(prev + 1, Math.min(last, Math.floor((xs[i] as number) / width)));
    const j = id >= last ? n : Math.max(i + 1, lowerBound(xs, n, (id + 1) * width, i + 1));
    ids.push(id);
    bounds.push(i);
    prev = id;
    i = j;
  }
  bounds.push(n);
  return { width, ids, bounds };
}

/** Writes the extremes of col[s..e) in time order to out[at], out[at + 1]; nulls when none. */
function extremes(col: Column, s: number, e: number, out: (number | null)[], at: number): void {
  let lo = Infinity;
  let hi = -Infinity;
  let loAt = -1;
  let hiAt = -1;
  for (let r = s; r < e; r++) {
    const v = col[r];
    if (v === null || v === undefined) continue;
    if (v < lo) {
      lo = v;
      loAt = r;
    }
    if (v > hi) {
      hi = v;
      hiAt = r;
    }
  }
  if (loAt < 0) {
    out[at] = null;
    out[at + 1] = null;
  } else if (loAt <= hiAt) {
    out[at] = lo;
    out[at + 1] = hi;
  } else {
    out[at] = hi;
    out[at + 1] = lo;
  }
}

function bucketX(b: Buckets): number[] {
  const out = new Array<number>(b.ids.length * 2);
  for (let k = 0; k < b.ids.length; k++) {
    const start = (b.ids[k] as number) * b.width;
    out[2 * k] = start + b.width * 0.25;
    out[2 * k + 1] = start + b.width * 0.75;
  }
  return out;
}

function needsDecimation(data: uPlot.AlignedData, buckets: number, x0: number, x1: number): boolean {
  return data[0].length > 2 * Math.max(1, Math.floor(buckets)) && x1 > x0;
}

/**
 * Decimates `[x, ...ys]` to about `buckets` equal time buckets over [x0, x1] (the visible window,
 * s). Each bucket with rows becomes two rows at its 1/4 and 3/4 points, so rows stay evenly spaced
 * and a bucket with no rows at all still reads as a gap. Per series the two values are the
 * bucket's extremes in time order; a bucket whose series has only nulls stays null (a gap).
 * Returns the input unchanged when it has no more than 2 rows per bucket.
 */
export function decimateMinMax(data: uPlot.AlignedData, buckets: number, x0: number, x1: number): uPlot.AlignedData {
  if (!needsDecimation(data, buckets, x0, x1)) return data;
  const b = bucketRows(data[0] as ArrayLike<number>, Math.max(1, Math.floor(buckets)), x0, x1);
  const out: (number | null)[][] = [];
  for (let s = 1; s < data.length; s++) {
    const o = new Array<number | null>(b.ids.length * 2);
    for (let k = 0; k < b.ids.length; k++) extremes(data[s] as Column, b.bounds[k] as number, b.bounds[k + 1] as number, o, 2 * k);
    out.push(o);
  }
  return [bucketX(b), ...out];
}

/**
 * decimateMinMax with memory: a bucket whose rows have the same count and the same first and last
 * x as last time keeps its values, so a live tick rescans about two buckets instead of every row.
 * It never reads a reused bucket's values, so it assumes the rows it was given last time still hold
 * the same values. A backfill that adds rows changes the row count of the buckets it touches; one
 * that fills a query's nulls at rows the panel already had does not: the store marks such data
 * (olderRowsChanged: a live full read, a merge before the last point, a replay frame of a panel
 * backfilled since its last one) and the charts start over with a new Decimator.
 * Columns that come out the same as last time are the same arrays (and when nothing changed, the
 * same result), so a caller comparing with what it drew stops at identity: most live ticks on a
 * long window change one bucket of one column, or none.
 */
export class Decimator {
  private window: readonly [number, number, number] | null = null; // x0, x1, buckets
  /** The buckets of the last decimation (null: the data was passed through as it was). */
  private buckets: Buckets | null = null;
  private count: number[] = [];
  private firstX: number[] = [];
  private lastX: number[] = [];
  private last: uPlot.AlignedData | null = null;
  /** Buckets the last run took from memory instead of scanning their rows (tests count them). */
  reused = 0;

  run(data: uPlot.AlignedData, buckets: number, x0: number, x1: number): uPlot.AlignedData {
    if (!needsDecimation(data, buckets, x0, x1)) {
      this.last = null;
      this.buckets = null;
      this.reused = 0;
      return data;
    }
    const xs = data[0] as ArrayLike<number>;
    const n = Math.max(1, Math.floor(buckets));
    const w = this.window;
    const sameWindow = w !== null && w[0] === x0 && w[1] === x1 && w[2] === n;
    if (sameWindow) {
      const fast = this.tailOnly(data, xs, n, x0, x1);
      if (fast) return fast;
    }
    const b = bucketRows(xs, n, x0, x1);
    const k = data.length - 1;
    const oldIds = this.buckets?.ids ?? [];
    const prev = b.width === this.buckets?.width && this.last !== null && k === this.last.length - 1 ? this.last : null;
    const m = b.ids.length;
    const count = new Array<number>(m);
    const firstX = new Array<number>(m);
    const lastX = new Array<number>(m);
    // hit[q]: the previous bucket index holding bucket q's values, or -1 (rescan)
    const hit = new Int32Array(m).fill(-1);
    let sameLayout = prev !== null && m === oldIds.length; // every bucket where it was
    let reused = 0;
    let j = 0; // walks the previous buckets; both lists ascend
    for (let q = 0; q < m; q++) {
      const s = b.bounds[q] as number;
      const e = b.bounds[q + 1] as number;
      count[q] = e - s;
      firstX[q] = xs[s] as number;
      lastX[q] = xs[e - 1] as number;
      if (prev) {
        while (j < oldIds.length && (oldIds[j] as number) < (b.ids[q] as number)) j++;
        if (oldIds[j] === b.ids[q] && this.count[j] === count[q] && this.firstX[j] === firstX[q] && this.lastX[j] === lastX[q]) {
          hit[q] = j;
          reused++;
        }
      }
      if (hit[q] !== q) sameLayout = false;
    }
    const out: (number | null)[][] = [];
    for (let c = 0; c < k; c++) out.push(this.column(data[c + 1] as Column, b, hit, prev ? (prev[c + 1] as (number | null)[]) : null));
    const xsOut = prev && m === oldIds.length && b.ids.every((id, q) => id === oldIds[q]) ? (prev[0] as number[]) : bucketX(b);
    this.window = [x0, x1, n];
    this.buckets = b;
    this.count = count;
    this.firstX = firstX;
    this.lastX = lastX;
    this.reused = reused;
    const result: uPlot.AlignedData = sameLayout && prev && out.every((col, c) => col === prev[c + 1]) ? prev : [xsOut, ...out];
    this.last = result;
    return result;
  }

  /**
   * The live tick's path, same window: when every bucket but the last still holds the same rows
   * (same count between the same first and last x: rows are only ever added, and dropped only
   * before the window), only the rows from the last bucket on are bucketed and scanned, and
   * unchanged columns are the same arrays. Undefined when that does not hold (the caller starts
   * over). O(rows of the last bucket), against O(buckets) for the general path.
   */
  private tailOnly(data: uPlot.AlignedData, xs: ArrayLike<number>, n: number, x0: number, x1: number): uPlot.AlignedData | undefined {
    const last = this.buckets;
    const prev = this.last;
    const m = last?.ids.length ?? 0;
    if (!last || !prev || m < 2 || data.length !== prev.length) return undefined;
    const i0 = lowerBound(xs, xs.length, x0);
    const start = i0 + (last.bounds[m - 1] as number) - (last.bounds[0] as number); // the last bucket's first row, if so
    if (start > xs.length || xs[i0] !== this.firstX[0] || xs[start - 1] !== this.lastX[m - 2]) return undefined;
    // a row added after the prefix's last one but still inside its last bucket
    if (start < xs.length && (xs[start] as number) < ((last.ids[m - 2] as number) + 1) * last.width) return undefined;
    const tail = bucketRows(xs, n, x0, x1, { row: start, ids: [last.ids[m - 2] as number], bounds: [start] });
    tail.ids.shift();
    tail.bounds.shift();
    const tm = tail.ids.length; // buckets from the old last one on
    const sameIds = tm === 1 && tail.ids[0] === last.ids[m - 1];
    const keep = m - 1; // buckets kept as they were
    const cols: (number | null)[][] = [];
    let changed = !sameIds;
    for (let c = 1; c < data.length; c++) {
      const old = prev[c] as (number | null)[];
      const vals = new Array<number | null>(2 * tm);
      for (let q = 0; q < tm; q++) extremes(data[c] as Column, tail.bounds[q] as number, tail.bounds[q + 1] as number, vals, 2 * q);
      const same = sameIds && vals[0] === old[2 * keep] && vals[1] === old[2 * keep + 1];
      cols.push(same ? old : old.slice(0, 2 * keep).concat(vals));
      if (!same) changed = true;
    }
    // the internal bucket lists, updated in place (nothing outside reads them)
    last.ids.length = keep;
    last.bounds.length = keep;
    this.count.length = keep;
    this.firstX.length = keep;
    this.lastX.length = keep;
    const off = i0 - (last.bounds[0] as number);
    for (let q = 0; q < keep; q++) last.bounds[q] = (last.bounds[q] as number) + off;
    for (let q = 0; q < tm; q++) {
      const s = tail.bounds[q] as number;
      const e = tail.bounds[q + 1] as number;
      last.ids.push(tail.ids[q] as number);
      last.bounds.push(s);
      this.count.push(e - s);
      this.firstX.push(xs[s] as number);
      this.lastX.push(xs[e - 1] as number);
    }
    last.bounds.push(xs.length);
    this.reused = keep;
    if (!changed) return prev;
    const x = sameIds ? (prev[0] as number[]) : bucketX(last);
    this.last = [x, ...cols];
    return this.last;
  }

  /** One series' decimated column: the previous array when no value changed, else a new one. */
  private column(col: Column, b: Buckets, hit: Int32Array, prev: (number | null)[] | null): (number | null)[] {
    const m = hit.length;
    const o = new Array<number | null>(2 * m);
    let same = prev !== null && prev.length === 2 * m;
    for (let q = 0; q < m; q++) {
      const h = hit[q] as number;
      if (h >= 0 && prev) {
        o[2 * q] = prev[2 * h] as number | null;
        o[2 * q + 1] = prev[2 * h + 1] as number | null;
        if (h !== q) same = false;
      } else {
        extremes(col, b.bounds[q] as number, b.bounds[q + 1] as number, o, 2 * q);
        if (same && (o[2 * q] !== prev?.[2 * q] || o[2 * q + 1] !== prev?.[2 * q + 1])) same = false;
      }
    }
    return same && prev ? prev : o;
  }
}
