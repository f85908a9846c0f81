// Helpers on ascending time arrays, shared by reads and sealing.

export { lowerBound, upperBound } from '../../../shared/sorted';

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
