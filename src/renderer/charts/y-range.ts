// The y range of a timeseries: the data, the panel's fixed min/max, and thresholds that sit near
// the data (so the line shows its headroom), but not a far threshold that would flatten the line.

/** Raw [min, max] before uPlot's nice rounding; `null` data means no finite value yet. */
export function yRange(
  dataMin: number | null,
  dataMax: number | null,
  thresholds: readonly number[],
  fixedMin?: number,
  fixedMax?: number,
): [number, number] {
  let lo = dataMin ?? fixedMin ?? 0;
  let hi = dataMax ?? fixedMax ?? 1;
  if (!Number.isFinite(lo)) lo = 0;
  if (!Number.isFinite(hi)) hi = lo + 1;
  // why: a flat line still needs a span to measure "near" against
  const span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi) * 0.5, 1);
  for (const t of thresholds) {
    if (t >= lo - span && t <= hi + span) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  }
  if (fixedMin !== undefined) lo = fixedMin;
  if (fixedMax !== undefined) hi = fixedMax;
  if (hi <= lo) hi = lo + span;
  return [lo, hi];
}
