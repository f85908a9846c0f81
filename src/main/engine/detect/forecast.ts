/**
 * Trend forecasts for panels with thresholds: a robust linear trend (Theil–Sen: the median of
 * pairwise slopes, so a spike or a gap does not bend it) over the points given.
 */
import { formatDuration } from '../../../shared/duration';
import { formatNumber } from './format';

export interface Forecast {
  /** ms from the newest point until the trend reaches the threshold (0 = already there) */
  etaMs: number;
  text: string;
}

export interface ForecastOptions {
  /** Says what reaching the threshold means: "disk full" → "disk full in 3h 10m". */
  label?: string;
  /** ms: farther than this is no forecast at all (default 7 days) */
  maxEtaMs?: number;
  /** fewer finite points than this is no forecast (default 6) */
  minPoints?: number;
}

export interface Trend {
  /** value units per ms */
  slope: number;
  /** the trend's value at `at` */
  level: number;
  /** unix ms of the newest point */
  at: number;
}

/** Points used for the pairwise slopes; 64 → 2,016 pairs, cheap enough per panel update. */
const MAX_POINTS = 64;

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? (xs[m] as number) : ((xs[m - 1] as number) + (xs[m] as number)) / 2;
}

/** A step this many robust spreads of the point-to-point changes away from their median is a level shift. */
const SHIFT_SPREADS = 10;
/** …and at least this share of the window's range. */
const SHIFT_SHARE_OF_RANGE = 0.1;

/**
 * Where the current regime starts: the index of the newest level shift (a restock, a disk cleanup,
 * a restart), or 0. Why: a trend fitted across a step heads nowhere useful; for a while after a
 * restock the pairs straddling it outvote the sell-down and the forecast vanishes or lies.
 * A step is a shift when the point-to-point change there is far from the typical change AND the
 * detrended level of the three points after it differs from the three before (medians, so a
 * single spike on either side, which Theil–Sen ignores anyway, is not a shift).
 */
function regimeStart(ok: readonly { t: number; v: number }[]): number {
  if (ok.length < 6) return 0;
  const v = (i: number): number => (ok[i] as { v: number }).v;
  const diffs: number[] = [];
  for (let i = 1; i < ok.length; i++) diffs.push(v(i) - v(i - 1));
  const typical = median([...diffs]);
  const spread = 1.4826 * median(diffs.map((d) => Math.abs(d - typical)));
  // why the range floor: stored values keep 5 significant digits, so a clean ramp's steps differ by
  // rounding and their spread can be 0; a shift that small does not bend the trend anyway
  const values = ok.map((p) => p.v);
  const limit = Math.max(SHIFT_SPREADS * spread, SHIFT_SHARE_OF_RANGE * (Math.max(...values) - Math.min(...values)));
  const level = (i: number): number => v(i) - typical * i;
  for (let j = ok.length - 3; j >= 3; j--) {
    if (Math.abs(v(j) - v(j - 1) - typical) <= limit) continue;
    const before = median([level(j - 3), level(j - 2), level(j - 1)]);
    const after = median([level(j), level(j + 1), level(j + 2)]);
    if (Math.abs(after - before) > limit) return j;
  }
  return 0;
}

/**
 * Theil–Sen trend of the finite points since the newest level shift, or undefined with fewer than
 * `minPoints` of them (just after a restock there is no trend to tell yet).
 */
export function robustTrend(points: readonly { t: number; v: number }[], minPoints = 6): Trend | undefined {
  const finite = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  finite.sort((a, b) => a.t - b.t);
  const ok = finite.slice(regimeStart(finite));
  if (ok.length < Math.max(2, minPoints)) return undefined;
  const stride = ok.length / Math.min(ok.length, MAX_POINTS);
  const sample: { t: number; v: number }[] = [];
  for (let k = 0; k < ok.length && sample.length < MAX_POINTS; k += stride) sample.push(ok[Math.floor(k)] as { t: number; v: number });
  const last = ok[ok.length - 1] as { t: number; v: number };
  if (sample[sample.length - 1] !== last) sample[sample.length - 1] = last;
  const slopes: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const a = sample[i] as { t: number; v: number };
      const b = sample[j] as { t: number; v: number };
      if (b.t > a.t) slopes.push((b.v - a.v) / (b.t - a.t));
    }
  }
  if (slopes.length === 0) return undefined;
  const slope = median(slopes);
  const level = median(sample.map((p) => p.v - slope * (p.t - last.t)));
  return { slope, level, at: last.t };
}

/**
 * When will the trend reach `threshold`? Undefined when it is heading away, flat, or farther than
 * `maxEtaMs`; etaMs 0 when the trend is exactly at it.
 */
export function forecastTimeToThreshold(
  points: readonly { t: number; v: number }[],
  threshold: number,
  opts: ForecastOptions = {},
): Forecast | undefined {
  const trend = robustTrend(points, opts.minPoints ?? 6);
  if (!trend || !Number.isFinite(threshold)) return undefined;
  const what = opts.label ?? `reaches ${formatNumber(threshold)}`;
  const gap = threshold - trend.level;
  if (gap === 0) return { etaMs: 0, text: `${what} now` };
  // why: heading away (or flat) never gets there; a level already past the threshold is the
  // threshold rule's business, not the forecast's
  if (trend.slope === 0 || Math.sign(gap) !== Math.sign(trend.slope)) return undefined;
  const etaMs = gap / trend.slope;
  if (etaMs > (opts.maxEtaMs ?? 7 * 86_400_000)) return undefined;
  return { etaMs, text: `${what} in ${formatDuration(etaMs)}` };
}

/** The trend's value `horizonMs` after the newest point ("monthly cost at this rate"). */
export function projectValue(points: readonly { t: number; v: number }[], horizonMs: number): number | undefined {
  const trend = robustTrend(points);
  return trend ? trend.level + trend.slope * horizonMs : undefined;
}
