// Helpers on ascending time arrays, shared by reads and sealing.

/** First index with ts[i] ≥ x. */
export function lowerBound(ts: ArrayLike<number>, n: number, x: number): number {
  let lo = 0, hi = n;
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

/** Merges ascending samples with ascending head rows `[t, v]` (v NULL = NaN); the head wins on equal t. */
export function mergeHeadRows(
  ts: Float64Array,
  values: Float64Array,
  head: readonly (readonly [number, number | null])[],
): { ts: Float64Array; values: Float64Array } {
  const n = ts.length, m = head.length;
  const ots = new Float64Array(n + m);
  const ovs = new Float64Array(n + m);
  let i = 0, j = 0, k = 0;
  while (i < n || j < m) {
    const hr = head[j];
    const ct = i < n ? (ts[i] as number) : Infinity;
    if (hr && hr[0] <= ct) {
      ots[k] = hr[0];
      ovs[k++] = hr[1] === null ? NaN : hr[1];
      if (hr[0] === ct) i++;
      j++;
    } else {
      ots[k] = ct;
      ovs[k++] = values[i++] as number;
    }
  }
  return { ts: ots.subarray(0, k), values: ovs.subarray(0, k) };
}
