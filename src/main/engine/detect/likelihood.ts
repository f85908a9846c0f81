/**
 * Anomaly likelihood, after Numenta's AnomalyLikelihood: a raw anomaly score is noisy (a noisy
 * series is "surprising" all the time), so what is reported is how unusual the *recent average*
 * raw score is against this series' own long history of it — a Gaussian upper tail of the short
 * mean against the EW mean and variance of past short means. Sparse, confident detections come
 * out of this even when the raw score is busy. Fixed memory, O(1) per sample.
 */

export interface LikelihoodParams {
  /** samples averaged into the short mean */
  short: number;
  /** samples: EW span of the long mean and variance */
  long: number;
  /** samples of raw score before anything is reported */
  warmup: number;
  /**
   * samples (EW-weighted over `long`): a short mean the history already reached this often is
   * not reported as rarer than that count makes it (0 = off). Why: the Gaussian tail over-reads
   * a heavy-tailed history, e.g. a bursty series whose every burst is a run of new contexts
   */
  seen?: number;
}

/** Bins of the short-mean histogram over [0, 1] (the raw score's range). */
const BINS = 32;

/** Floors, as Numenta's lower-bound check: a near-silent history must not make any blip certain. */
const MIN_MEAN = 0.03;
const MIN_STD = 0.0173; // √0.0003

export class Likelihood {
  private readonly ring: Float64Array;
  private k = 0;
  private sum = 0;
  private n = 0;
  private mean = 0;
  private variance = 0;
  private readonly a: number;
  /** EW histogram of past short means (only with `seen`); weights grow by 1/(1 − a) per sample */
  private readonly hist: Float64Array | undefined;
  private w = 1;
  private readonly seen: number;
  private readonly grow: number;

  constructor(private readonly p: LikelihoodParams) {
    this.ring = new Float64Array(Math.max(1, p.short));
    this.a = 2 / (p.long + 1);
    this.seen = p.seen ?? 0;
    this.grow = 1 / (1 - this.a);
    // why: BINS + 1 slots so a short mean of exactly 1 has its own, and the bin is a truncation
    this.hist = this.seen > 0 ? new Float64Array(BINS + 1) : undefined;
  }

  /** Surprisal log10(1/P) of the short mean ending with raw score x (0 during warm-up). */
  update(x: number): number {
    const ring = this.ring;
    this.sum += x - (ring[this.k] as number);
    ring[this.k] = x;
    this.k = this.k + 1 === ring.length ? 0 : this.k + 1;
    const m = this.sum / ring.length;
    this.n++;
    let s = 0;
    if (this.n > this.p.warmup) {
      const sd = Math.max(Math.sqrt(this.variance), MIN_STD);
      s = upperTailSurprisal((m - Math.max(this.mean, MIN_MEAN)) / sd);
    }
    const hist = this.hist;
    if (hist) {
      const bin = (m * BINS) | 0; // m in [0, 1]: the raw score's range (float drift below 0 truncates to 0)
      if (s > 1) {
        // why: only a sample that could matter pays for the tail sum (O(BINS))
        let tail = 0;
        for (let b = bin; b <= BINS; b++) tail += hist[b] as number;
        if (tail / this.w >= this.seen) s = Math.min(s, 1);
      }
      hist[bin] = (hist[bin] as number) + this.w;
      this.w *= this.grow;
      if (this.w > 1e200) {
        for (let b = 0; b <= BINS; b++) hist[b] = (hist[b] as number) / this.w;
        this.w = 1;
      }
    }
    // why: average plainly until the span is filled, so the estimate starts from the data
    const a = this.n < 1 / this.a ? 1 / this.n : this.a;
    const d = m - this.mean;
    this.mean += a * d;
    this.variance = (1 - a) * (this.variance + a * d * d);
    return s;
  }
}

/** −log10 of the standard normal upper tail Q(z), accurate far into the tail. */
export function upperTailSurprisal(z: number): number {
  if (z < -8) return 0;
  if (z > 35) {
    // why: erfc underflows; use the asymptote Q(z) ≈ φ(z)/z
    return (z * z) / 2 / Math.LN10 + Math.log10(z * Math.sqrt(2 * Math.PI));
  }
  if (z >= 0) {
    // why: −log10(½·t·e^P) with t = 1/(1 + x/2) is log10(2 + x) − P/ln 10: one log, no exp
    const x = z / Math.SQRT2;
    return Math.log10(2 + x) - erfcExponent(x, 1 / (1 + 0.5 * x)) / Math.LN10;
  }
  // why: below the mean (most samples) the surprisal is under log10 2 and only ever a small score;
  // a table read within 1e-5 of the exact value spares an exp and a log per sample
  const at = (z + 8) * BELOW_STEPS;
  const k = at | 0;
  const lo = BELOW[k] as number;
  return lo + (at - k) * ((BELOW[k + 1] as number) - lo);
}

/** Table steps per unit of z, from −8 to 0. */
const BELOW_STEPS = 64;
const BELOW = belowTable();

function belowTable(): Float64Array {
  const out = new Float64Array(8 * BELOW_STEPS + 2);
  for (let k = 0; k < out.length; k++) out[k] = exactSurprisal(k / BELOW_STEPS - 8);
  return out;
}

function exactSurprisal(z: number): number {
  const q = 0.5 * erfc(z / Math.SQRT2);
  return q >= 1 ? 0 : -Math.log10(q);
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = x < 0 ? -x : x;
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(erfcExponent(z, t));
  return x >= 0 ? r : 2 - r;
}

/** The exponent of that fit at z ≥ 0, t = 1/(1 + z/2): erfc(z) = t·e^this. */
function erfcExponent(z: number, t: number): number {
  return (
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
}
