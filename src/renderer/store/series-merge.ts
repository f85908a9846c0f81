// Appending a live tail to a panel's visible series without refetching the whole range.
import type { SeriesData } from '../../shared/model';

/**
 * Appends the points of `tail` newer than `prev`'s last x and drops points older than `fromSec`.
 * Returns undefined when the series set changed (a label set appeared or vanished): refetch then.
 */
export function mergeTail(prev: SeriesData, tail: SeriesData, fromSec: number): SeriesData | undefined {
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
  let drop = 0;
  while (drop < prev.x.length && (prev.x[drop] as number) < fromSec) drop++;
  if (start === tail.x.length && drop === 0 && sameErrors(prev, tail)) return prev;
  const x = prev.x.slice(drop).concat(tail.x.slice(start));
  const y = prev.y.map((col, i) => {
    const t = tail.y[order[i] as number] ?? [];
    return col.slice(drop).concat(t.slice(start));
  });
  return { ...prev, x, y, errors: tail.errors };
}

function sameErrors(a: SeriesData, b: SeriesData): boolean {
  return a.errors.length === b.errors.length && a.errors.every((e, i) => e.reason === b.errors[i]?.reason && e.query === b.errors[i]?.query);
}
