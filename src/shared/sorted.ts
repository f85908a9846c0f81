// Binary search on ascending time arrays, for the engine's store and the renderer's live merge.

/** First index ≥ `from` with ts[i] ≥ x. */
export function lowerBound(ts: ArrayLike<number>, n: number, x: number, from = 0): number {
  let lo = from, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ts[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with ts[i] > x. */
export function upperBound(ts: ArrayLike<number>, n: number, x: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ts[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
