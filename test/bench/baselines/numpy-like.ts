/**
 * The few numpy / pandas reductions NAB's Python detectors rely on, with the same floating-point
 * semantics (the order of additions included), so a port decides the same way on the same data
 * where a comparison is close, e.g. a flat series whose standard deviation is rounding noise.
 * Written from the documented behaviour of numpy ≥ 1.9 (pairwise summation in `np.add.reduce`,
 * `np.median` as the mean of the middle order statistics, `np.histogram`'s equal-width bins) and
 * pandas 0.2x (`nanvar`'s two-pass variance; `ewm` with `adjust=True` in window.pyx). Bench code.
 */

/**
 * `np.add.reduce` over a contiguous float64 run: numpy's pairwise summation (blocks of at most
 * 128 summed with 8 accumulators, larger runs split in two at a multiple of 8), started from the
 * identity 0.
 */
export function pairwiseSum(a: Float64Array, off = 0, n = a.length - off): number {
  return 0 + pw(a, off, n);
}

function pw(a: Float64Array, off: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[off + i] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[off] as number;
    let r1 = a[off + 1] as number;
    let r2 = a[off + 2] as number;
    let r3 = a[off + 3] as number;
    let r4 = a[off + 4] as number;
    let r5 = a[off + 5] as number;
    let r6 = a[off + 6] as number;
    let r7 = a[off + 7] as number;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const k = off + i;
      r0 += a[k] as number;
      r1 += a[k + 1] as number;
      r2 += a[k + 2] as number;
      r3 += a[k + 3] as number;
      r4 += a[k + 4] as number;
      r5 += a[k + 5] as number;
      r6 += a[k + 6] as number;
      r7 += a[k + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[off + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pw(a, off, n2) + pw(a, off + n2, n - n2);
}

/**
 * pandas `Series.mean()` and `Series.std(ddof)` of a[0, n): the sum over the count, and the
 * two-pass variance Σ(avg − x)² / (n − ddof); NaN when n ≤ ddof (mean NaN when n = 0). `scratch`
 * (length ≥ n) holds the squares. `np.std(x)` is the same with ddof 0.
 */
export function meanStd(a: Float64Array, n: number, ddof: number, scratch: Float64Array): { mean: number; std: number } {
  if (n === 0) return { mean: NaN, std: NaN };
  const avg = pairwiseSum(a, 0, n) / n;
  if (n <= ddof) return { mean: avg, std: NaN };
  for (let i = 0; i < n; i++) {
    const d = avg - (a[i] as number);
    scratch[i] = d * d;
  }
  return { mean: avg, std: Math.sqrt(pairwiseSum(scratch, 0, n) / (n - ddof)) };
}

/** Rearranges a[0, n) so a[k] is its k-th smallest (0-based), smaller ones before it, larger after. */
export function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot
    let x = a[lo] as number;
    let y = a[mid] as number;
    let z = a[hi] as number;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const tmp = a[i] as number;
        a[i] = a[j] as number;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** `np.median` of a[0, n) (reorders a): the middle value, or the mean (a + b) / 2 of the middle two. */
export function median(a: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const h = n >> 1;
  if (n % 2 === 1) return selectKth(a, n, h);
  const lower = selectKth(a, n, h - 1);
  let upper = Infinity;
  for (let i = h; i < n; i++) if ((a[i] as number) < upper) upper = a[i] as number;
  return (lower + upper) / 2;
}

/**
 * pandas `Series.ewm(com, adjust=True, ignore_na=False, min_periods=0)` `.mean()` and
 * `.std(bias=False)` of a series without NaN, every prefix at once (both are forward recursions,
 * so row i's values are those of the series cut at i). Row 0's std is NaN, as is any row where the
 * bias correction's denominator is not positive; a negative variance reads as 0 (pandas' _zsqrt).
 */
export function ewmMeanStd(v: Float64Array, com: number): { mean: Float64Array; std: Float64Array } {
  const n = v.length;
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  if (n === 0) return { mean, std };
  const alpha = 1 / (1 + com);
  const f = 1 - alpha;
  // ewma (mean)
  let avg = v[0] as number;
  let oldWt = 1;
  mean[0] = avg;
  for (let i = 1; i < n; i++) {
    const cur = v[i] as number;
    oldWt *= f;
    // pandas: "avoid numerical errors on constant series"
    if (avg !== cur) avg = (oldWt * avg + 1 * cur) / (oldWt + 1);
    oldWt += 1;
    mean[i] = avg;
  }
  // ewmcov(x, x, bias=False)
  let mx = v[0] as number;
  let cov = 0;
  let sumWt = 1;
  let sumWt2 = 1;
  oldWt = 1;
  std[0] = NaN;
  for (let i = 1; i < n; i++) {
    const cur = v[i] as number;
    sumWt *= f;
    sumWt2 *= f * f;
    oldWt *= f;
    const oldMean = mx;
    if (mx !== cur) mx = (oldWt * oldMean + 1 * cur) / (oldWt + 1);
    cov = (oldWt * (cov + (oldMean - mx) * (oldMean - mx)) + 1 * ((cur - mx) * (cur - mx))) / (oldWt + 1);
    sumWt += 1;
    sumWt2 += 1;
    oldWt += 1;
    const num = sumWt * sumWt;
    const den = num - sumWt2;
    const variance = den > 0 ? (num / den) * cov : NaN;
    std[i] = variance < 0 ? 0 : Math.sqrt(variance);
  }
  return { mean, std };
}

/**
 * `np.histogram(a, bins)`'s edges for data spanning [min, max] (numpy 1.11: a zero span widens to
 * ±0.5; edges `linspace`d as k·step + lo, the last exactly hi) and the bin of a value x inside the
 * range (trunc((x − lo)·bins / (hi − lo)), the top edge folded into the last bin). Returned as the
 * pieces histogram_bins needs: `edge(k)` and `bin(x)`.
 */
export function histogramBins(min: number, max: number, bins: number): { edge: (k: number) => number; bin: (x: number) => number } {
  let lo = min + 0.0;
  let hi = max + 0.0;
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const norm = bins / (hi - lo);
  const step = (hi - lo) / bins;
  return {
    edge: (k) => (k === bins ? hi : k * step + lo),
    bin: (x) => {
      const b = Math.trunc((x - lo) * norm);
      return b === bins ? bins - 1 : b;
    },
  };
}
