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

/** Theil–Sen trend of the finite points, or undefined with fewer than `minPoints` of them. */
export function robustTrend(points: readonly { t: number; v: number }[], minPoints = 6): Trend | undefined {
  const ok = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v));
  if (ok.length < Math.max(2, minPoints)) return undefined;
  ok.sort((a, b) => a.t - b.t);
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
