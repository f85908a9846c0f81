// Gaps drawn as gaps: `null` in y already breaks a uPlot line (spanGaps: false); this also breaks
// it where x itself jumps (no row at all for a stretch of time), so a missing hour never looks
// like a straight interpolated line on the wall.

/** s: the typical distance between x values, as the median of up to ~100 sampled steps. */
export function typicalStep(x: ArrayLike<number>): number | undefined {
  const n = x.length;
  if (n < 2) return undefined;
  // why: sampling keeps this O(1)-ish per setData on 5,760-point series
  const stride = Math.max(1, Math.floor((n - 1) / 100));
  const steps: number[] = [];
  for (let i = 1; i < n; i += stride) {
    const d = (x[i] as number) - (x[i - 1] as number);
    if (d > 0) steps.push(d);
  }
  if (steps.length === 0) return undefined;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)];
}

/**
 * Index pairs [i, i + 1] in idx0..idx1 whose x distance exceeds `factor` typical steps.
 * `step` is passed in so callers compute it once per data set.
 */
export function timeGaps(x: ArrayLike<number>, idx0: number, idx1: number, step: number, factor = 2.5): [number, number][] {
  const out: [number, number][] = [];
  const limit = step * factor;
  for (let i = Math.max(idx0, 0) + 1; i <= idx1 && i < x.length; i++) {
    if ((x[i] as number) - (x[i - 1] as number) > limit) out.push([i - 1, i]);
  }
  return out;
}
