/**
 * NAB's earthgecko Skyline detector ("earthgeckoSkyline"), ported from numenta/NAB at 2c24d10
 * (the Python 2 version behind its published results; 451503a is the same code made Python 3):
 *   nab/detectors/earthgecko_skyline/earthgecko_skyline_detector.py
 *   nab/detectors/earthgecko_skyline/algorithms.py
 *   (skyline_algorithms.py holds grubbs and ks_test, off by default: GRUBBS_KS_TEST_ENABLED = False)
 *   nab/detectors/base.py (rows in order; nothing else of NAB's look-ahead is used by this detector)
 *
 * Each row is appended to the history (all rows so far, SHORTEN_TIMESERIES = False). A row within
 * EXPIRATION_TIME = 43,200 s after a row that scored 1 (scanning back over the rows that were
 * scored) scores 0 without running anything. Otherwise seven algorithms vote over the whole history,
 * in this order, and the row scores 1 when CONSENSUS = 5 of them vote yes, else 0 (stopping once 3
 * have said no, which changes nothing but the cost). t is the tail average ((v[-1] + v[-2]) + v[-3]) / 3.
 *   histogram_bins: np.histogram(history, 15); yes when t ≤ the first edge and bin 0 holds ≤ 20, or
 *     t ∈ [edge k, edge k+1) for a bin k ≥ 1 holding ≤ 20 (so t equal to the max never counts)
 *   first_hour_average: the values whose timestamp < last − 82,800 s; yes when |t − mean| > 3·std
 *   stddev_from_average: |t − mean| > 3·std over the whole history (pandas std, ddof 1)
 *   mean_subtraction_cumulation: history minus the mean of all but the last; yes when the last's
 *     |shifted value| > 3·std of the others' shifted values
 *   median_absolute_deviation: |last − median| / median(|x − median|) > 6 (no when the MAD is 0)
 *   stddev_from_moving_average: |last − ewm mean| > 3·ewm std (com 50, adjust, bias False)
 *   least_squares: line fitted to (unix seconds, value); errors e; yes when |(e[-1]+e[-2]+e[-3])/3|
 *     > 3·np.std(e) and Python 2's round() of both is not 0 (|·| ≥ 0.5); no under 3 rows
 * Timestamps are whole unix seconds (strftime('%s')). NaN statistics compare false, as in Python.
 *
 * Exactness: statistics use numpy's summation order and pandas' two-pass variance (numpy-like.ts),
 * so close calls fall as in numpy. For speed (the detector is O(n²): every row reads the whole
 * history), first_hour_average, stddev_from_average and mean_subtraction_cumulation first decide
 * from running sums, and recompute the numpy way over the history only when the running-sum answer
 * is within a bound of the threshold that covers both computations' rounding (a flat history always
 * is); `exact: true` always recomputes, and a unit test checks the two agree. The median, MAD and
 * least squares run (rarely, when the vote is still open) over the whole history each time.
 *
 * Deviations from NAB's run (none changes a vote on the 28 NAB files here, as far as is known):
 * - Python 2 divides integers by flooring: NAB reads a file whose values are all written without a
 *   decimal point (realTweets, nyc_taxi, …) as int64, and its tail average is then floor((a+b+c)/3).
 *   Our input has no dtype, so values are always floats. All 28 NAB files here are written with a
 *   decimal point (floats in pandas too), so this only matters for files we cannot see.
 * - strftime('%s') reads the timestamp in the local time zone of NAB's machine (unknown); here the
 *   timestamps are UTC. Only a daylight-saving change inside a file could tell them apart.
 * - least_squares: np.linalg.lstsq (LAPACK SVD) is replaced by the normal equations on centred
 *   x; the fitted line agrees to rounding, which decides a vote only on an exact tie.
 * - np.histogram's bin of a value is numpy 1.11's formula (no ±1-ulp correction against the edges,
 *   added in later numpy); the two differ only for a value within an ulp of an edge.
 */
import type { Baseline, BaselineInput } from './index';
import { ewmMeanStd, histogramBins, meanStd, median, pairwiseSum } from './numpy-like';

const EXPIRATION_TIME = 43200;
const CONSENSUS = 5;
const ALGORITHMS = 7;
const MAX_FALSE = ALGORITHMS - CONSENSUS + 1;
const BINS = 15;
const BIN_MAX = 20;
const FIRST_HOUR_AGO = 86400 - 3600;
const COM = 50;

/** Fenwick tree of counts (or sums) over ranks 0..n-1. */
class Fenwick {
  readonly t: Float64Array;
  constructor(n: number) {
    this.t = new Float64Array(n + 1);
  }
  add(i: number, x: number): void {
    for (let k = i + 1; k < this.t.length; k += k & -k) this.t[k] = (this.t[k] as number) + x;
  }
  /** sum over ranks [0, i) */
  prefix(i: number): number {
    let s = 0;
    for (let k = i; k > 0; k -= k & -k) s += this.t[k] as number;
    return s;
  }
}

/** Sorted distinct values of a, and each element's rank among them. */
function ranks(a: Float64Array): { sorted: Float64Array; rank: Int32Array } {
  const s = Float64Array.from(a).sort();
  let u = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[u - 1]) s[u++] = s[i] as number;
  const sorted = s.slice(0, u);
  const rank = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) rank[i] = lowerBound(sorted, a[i] as number);
  return { sorted, rank };
}

/** First index of sorted whose value is ≥ x (by `key` when given: first with key(value) ≥ x). */
function lowerBound(sorted: Float64Array, x: number, key?: (v: number) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if ((key ? key(v) : v) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SkylineOptions {
  /** always recompute the three mean / std votes the numpy way (O(n²); the default decides from running sums when that is safe) */
  exact?: boolean;
}

/**
 * Whether |t − mean| > 3·std from running sums of d = x − shift over c values (std ddof 1):
 * true / false when the answer holds whatever the rounding of either computation, else undefined.
 * `span` bounds |d|, `scale` bounds |x|.
 */
function threeSigma(t: number, c: number, sd: number, sd2: number, shift: number, span: number, scale: number): boolean | undefined {
  const m = sd / c;
  const mean = shift + m;
  const variance = Math.max(0, (sd2 - sd * m) / (c - 1));
  const std = Math.sqrt(variance);
  // why: sums of up to 10⁵ terms in any order are within 1e-10 of their size; 100× on top of that
  const eVar = 1e-8 * span * span;
  const eMean = 1e-9 * scale;
  const eStd = Math.min(Math.sqrt(eVar), std > 0 ? eVar / std : Infinity) + 2 * eMean;
  const tol = eMean + 3 * eStd + 1e-12 * Math.abs(t);
  const gap = Math.abs(t - mean) - 3 * std;
  if (gap > tol) return true;
  if (gap < -tol) return false;
  return undefined;
}

export function skylineScores(file: BaselineInput, options: SkylineOptions = {}): Float64Array {
  const exact = options.exact ?? false;
  const n = file.values.length;
  const v = Float64Array.from(file.values as ArrayLike<number>);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = Math.floor((file.timestamps[i] as number) / 1000);
  const out = new Float64Array(n);
  if (n === 0) return out;

  const ewm = ewmMeanStd(v, COM);
  const byValue = ranks(v);
  const counts = new Fenwick(byValue.sorted.length);
  const byTime = ranks(ts);
  const tCount = new Fenwick(byTime.sorted.length);
  const tSum = new Fenwick(byTime.sorted.length);
  const tSum2 = new Fenwick(byTime.sorted.length);
  const buf = new Float64Array(n);
  const buf2 = new Float64Array(n);
  const shift = v[0] as number;

  let min = Infinity;
  let max = -Infinity;
  let span = 0; // max |x − shift|
  let scale = 0; // max |x|
  // running sums of d = x − shift over the history, Neumaier-compensated
  let sd = 0;
  let sdC = 0;
  let sd2 = 0;
  let sd2C = 0;
  const procTs: number[] = [];
  const procScore: number[] = [];

  for (let i = 0; i < n; i++) {
    const x = v[i] as number;
    const sdPrev = sd + sdC;
    const sd2Prev = sd2 + sd2C;
    const spanPrev = span;
    const scalePrev = scale;
    // append the row to the history
    const d = x - shift;
    {
      let s = sd + d;
      sdC += Math.abs(sd) >= Math.abs(d) ? sd - s + d : d - s + sd;
      sd = s;
      s = sd2 + d * d;
      sd2C += Math.abs(sd2) >= d * d ? sd2 - s + d * d : d * d - s + sd2;
      sd2 = s;
    }
    if (x < min) min = x;
    if (x > max) max = x;
    span = Math.max(span, Math.abs(d));
    scale = Math.max(scale, Math.abs(x));
    counts.add(byValue.rank[i] as number, 1);
    const tr = byTime.rank[i] as number;
    tCount.add(tr, 1);
    tSum.add(tr, d);
    tSum2.add(tr, d * d);

    // EXPIRATION_TIME: a 1 among the scored rows less than 12 h back silences this row
    const expiration = (ts[i] as number) - EXPIRATION_TIME;
    let silenced = false;
    for (let k = procTs.length - 1; k >= 0; k--) {
      if ((procTs[k] as number) > expiration) {
        if (procScore[k] === 1) {
          silenced = true;
          break;
        }
      } else break;
    }
    if (silenced) continue; // score 0, and not a scored row

    const len = i + 1;
    const tail = len < 3 ? x : (x + (v[i - 1] as number) + (v[i - 2] as number)) / 3;

    const histogramBinsVote = (): boolean => {
      const h = histogramBins(min, max, BINS);
      let k = -1;
      if (tail <= h.edge(0)) k = 0;
      else
        for (let j = 1; j < BINS; j++)
          if (tail >= h.edge(j) && tail < h.edge(j + 1)) {
            k = j;
            break;
          }
      if (k < 0) return false;
      // values are in bin k when their bin number is k; bin() is monotone, so they are a run of ranks
      const key = (u: number) => (u > max ? BINS : h.bin(u));
      const from = lowerBound(byValue.sorted, k, key);
      const to = lowerBound(byValue.sorted, k + 1, key);
      return counts.prefix(to) - counts.prefix(from) <= BIN_MAX;
    };

    const firstHourAverage = (): boolean => {
      const threshold = (ts[i] as number) - FIRST_HOUR_AGO;
      const p = lowerBound(byTime.sorted, threshold);
      const c = tCount.prefix(p);
      if (c < 2) return false; // mean or std NaN
      if (!exact) {
        const fast = threeSigma(tail, c, tSum.prefix(p), tSum2.prefix(p), shift, span, scale);
        if (fast !== undefined) return fast;
      }
      let m = 0;
      for (let j = 0; j <= i; j++) if ((ts[j] as number) < threshold) buf[m++] = v[j] as number;
      const s = meanStd(buf, m, 1, buf2);
      return Math.abs(tail - s.mean) > 3 * s.std;
    };

    const stddevFromAverage = (): boolean => {
      if (len < 2) return false;
      if (!exact) {
        const fast = threeSigma(tail, len, sd + sdC, sd2 + sd2C, shift, span, scale);
        if (fast !== undefined) return fast;
      }
      const s = meanStd(v.subarray(0, len), len, 1, buf2);
      return Math.abs(tail - s.mean) > 3 * s.std;
    };

    const meanSubtractionCumulation = (): boolean => {
      const c = len - 1; // the others
      if (c < 2) return false;
      if (!exact) {
        const fast = threeSigma(x, c, sdPrev, sd2Prev, shift, spanPrev, Math.max(scalePrev, Math.abs(x)));
        if (fast !== undefined) return fast;
      }
      const mean = pairwiseSum(v, 0, c) / c;
      for (let j = 0; j < c; j++) buf[j] = (v[j] as number) - mean;
      const s = meanStd(buf, c, 1, buf2);
      return Math.abs(x - mean) > 3 * s.std;
    };

    const medianAbsoluteDeviation = (): boolean => {
      buf.set(v.subarray(0, len));
      const med = median(buf, len);
      for (let j = 0; j < len; j++) buf[j] = Math.abs((v[j] as number) - med);
      const last = Math.abs(x - med);
      const mad = median(buf, len);
      if (mad === 0) return false;
      return last / mad > 6;
    };

    const stddevFromMovingAverage = (): boolean => Math.abs(x - (ewm.mean[i] as number)) > 3 * (ewm.std[i] as number);

    const leastSquares = (): boolean => {
      if (len < 3) return false;
      // line through (x, y) by least squares, centred on the first timestamp
      const t0 = ts[0] as number;
      let su = 0;
      let sy = 0;
      for (let j = 0; j < len; j++) {
        su += (ts[j] as number) - t0;
        sy += v[j] as number;
      }
      const mu = su / len;
      const my = sy / len;
      let suu = 0;
      let suy = 0;
      for (let j = 0; j < len; j++) {
        const u = (ts[j] as number) - t0 - mu;
        suu += u * u;
        suy += u * ((v[j] as number) - my);
      }
      let slope: number;
      let intercept: number;
      if (suu > 0) {
        slope = suy / suu;
        intercept = my - slope * (mu + t0);
      } else {
        // every timestamp equal: lstsq's minimum-norm solution of slope·X + c = y
        const X = t0;
        slope = (X * my) / (X * X + 1);
        intercept = my / (X * X + 1);
      }
      for (let j = 0; j < len; j++) buf[j] = (v[j] as number) - (slope * (ts[j] as number) + intercept);
      const e = meanStd(buf, len, 0, buf2);
      const tErr = ((buf[len - 1] as number) + (buf[len - 2] as number) + (buf[len - 3] as number)) / 3;
      // Python 2's round() rounds half away from zero: round(a) != 0 ⇔ |a| ≥ 0.5
      return Math.abs(tErr) > e.std * 3 && Math.abs(e.std) >= 0.5 && Math.abs(tErr) >= 0.5;
    };

    const algorithms = [histogramBinsVote, firstHourAverage, stddevFromAverage, meanSubtractionCumulation, medianAbsoluteDeviation, stddevFromMovingAverage, leastSquares];
    let yes = 0;
    let no = 0;
    for (const algo of algorithms) {
      if (algo()) yes++;
      else if (++no >= MAX_FALSE) break;
    }
    const score = yes >= CONSENSUS ? 1 : 0;
    out[i] = score;
    procTs.push(ts[i] as number);
    procScore.push(score);
  }
  return out;
}

export const earthgeckoSkyline: Baseline = (file) => skylineScores(file);
