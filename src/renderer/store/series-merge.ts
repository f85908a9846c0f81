// Appending a live tail to a panel's visible series without refetching the whole range.
import type { TailSeries } from '../../shared/api';
import type { SeriesData } from '../../shared/model';
import { lowerBound } from '../../shared/sorted';

/** Series whose rows before the panel's last point may differ from what it held (copies, not the old columns). */
const rewritten = new WeakSet<SeriesData>();

/**
 * The merge or read that made `sd` may have changed rows at or before the point that was last
 * before it: a chart must not reuse what it computed from the old rows (its decimation keeps
 * buckets by their rows' count and first/last x, which a value written at a held x does not change).
 */
export function olderRowsChanged(sd: SeriesData): boolean {
  return rewritten.has(sd);
}

/** Rows dropped one by one up to this many; past it one splice (a copy) is cheaper. */
const SHIFT_LIMIT = 256;

/** A read whose rows may hold other values than the panel held at the same x (see olderRowsChanged). */
export function markRewritten(sd: SeriesData): void {
  rewritten.add(sd);
}

/** Drops the first `n` rows of `col` in place. */
function dropFront(col: unknown[], n: number): void {
  if (n > SHIFT_LIMIT) col.splice(0, n);
  // why: V8 moves the array's start instead of copying on shift(), so this is O(n), not O(length)
  else for (let i = 0; i < n; i++) col.shift();
}

function append<T>(col: T[], from: readonly T[], start: number): void {
  for (let i = start; i < from.length; i++) col.push(from[i] as T);
}

/**
 * Appends the points of `tail` newer than `prev`'s last x and drops points older than `fromSec`.
 * Rows of `tail` at or before that x that `prev` does not hold as they are (one query's gap
 * backfilled behind the panel's other queries' newer samples, a slot polled again) are merged in
 * time order: from the tail's first x on, the tail replaces `prev` (an update's tail starts at the
 * oldest sample written and holds every series of the panel from there), in new columns (see
 * olderRowsChanged).
 * Returns undefined when the series set changed (a label set appeared or vanished): refetch then.
 * `tail`'s series need only their keys (an update's tail carries no more); `prev`'s are kept.
 *
 * The result is a new object (the store notices the change by identity) but it reuses `prev`'s
 * column arrays, changed in place: a 15 s tick on 40 panels of 24 h would otherwise copy ~5 MB of
 * columns per tick, and the garbage collection of those copies was the largest cost of an update.
 * `prev` must not be read after this (the store replaces it).
 */
export function mergeTail(prev: SeriesData, tail: TailSeries, fromSec: number): SeriesData | undefined {
  if (tail.series.length !== prev.series.length) return undefined;
  const order: number[] = [];
  for (const s of prev.series) {
    const j = tail.series.findIndex((t) => t.key === s.key);
    if (j < 0) return undefined;
    order.push(j);
  }
  const lastX = prev.x.length ? (prev.x[prev.x.length - 1] as number) : -Infinity;
  let start = 0;
  while (start < tail.x.length && (tail.x[start] as number) <= lastX) start++;
  if (start > 0 && !holds(prev, tail, order, start)) return mergeSorted(prev, tail, order, fromSec);
  let drop = 0;
  while (drop < prev.x.length && (prev.x[drop] as number) < fromSec) drop++;
  if (start === tail.x.length && drop === 0 && sameErrors(prev, tail)) return prev;
  const x = prev.x;
  dropFront(x, drop);
  append(x, tail.x, start);
  const y = prev.y.map((col, i) => {
    dropFront(col, drop);
    append(col, tail.y[order[i] as number] ?? [], start);
    return col;
  });
  return { ...prev, x, y, errors: tail.errors };
}

/** `prev` ends with the tail's first `rows` rows, x and values alike (the usual case: nothing written late). */
function holds(prev: SeriesData, tail: TailSeries, order: readonly number[], rows: number): boolean {
  const k = lowerBound(prev.x, prev.x.length, tail.x[0] as number);
  if (prev.x.length - k !== rows) return false;
  for (let i = 0; i < rows; i++) if (prev.x[k + i] !== tail.x[i]) return false;
  return prev.y.every((col, c) => {
    const t = tail.y[order[c] as number] ?? [];
    for (let i = 0; i < rows; i++) if ((col[k + i] ?? null) !== (t[i] ?? null)) return false;
    return true;
  });
}

/** `prev`'s rows before the tail's first x (from `fromSec` on), then the tail's rows (from `fromSec` on). */
function mergeSorted(prev: SeriesData, tail: TailSeries, order: readonly number[], fromSec: number): SeriesData {
  const k = lowerBound(prev.x, prev.x.length, tail.x[0] as number);
  const drop = Math.min(k, lowerBound(prev.x, prev.x.length, fromSec));
  const skip = lowerBound(tail.x, tail.x.length, fromSec);
  const x = [...prev.x.slice(drop, k), ...tail.x.slice(skip)];
  const y = prev.y.map((col, c) => [...col.slice(drop, k), ...(tail.y[order[c] as number] ?? []).slice(skip)]);
  const merged = { ...prev, x, y, errors: tail.errors };
  markRewritten(merged);
  return merged;
}

function sameErrors(a: SeriesData, b: TailSeries): boolean {
  return a.errors.length === b.errors.length && a.errors.every((e, i) => e.reason === b.errors[i]?.reason && e.query === b.errors[i]?.query);
}
