import type { Component, Detector, DetectMethod, DetectResult, Sensitivity } from './types';
import { Rarity, type RarityParams } from './rarity';

export interface AnomalyHold {
  /** log10 units past the flag level that start a hold */
  strong: number;
  /** the hold ends at a sample whose surprisal is below this fraction of the flag level */
  close: number;
  /** samples: the longest hold */
  maxSamples: number;
}

/** One parameter set for every series; only `sensitivity` is a knob. */
export interface ScoringParams {
  rarity: RarityParams;
  /** samples: EWMA span of |z| whose rarity catches bursts and sustained deviations (≤ 1: none) */
  burstSpan: number;
  /** samples: half-life of the memory of the last peak surprisal */
  echoSpan: number;
  /** factor on surprisals below that remembered peak */
  echoDamp: number;
  /** surprisal (log10 of 1/probability) at which a sample is flagged at medium sensitivity */
  flagAt: number;
  /**
   * Strong anomalies kept out of the history their rarity is judged against (absent: every sample
   * joins it). A sample `strong` log10 units past the flag level (at medium sensitivity) starts a
   * hold; it and the samples after it stay out until one is below `close` × the flag level, at most
   * `maxSamples`. So a spike that recurs (4× a day) is as rare the 4th time as the 1st, while a
   * lasting change is learned after `maxSamples` (without that bound, a series whose range moved
   * flagged forever).
   */
  anomalyHold?: AnomalyHold;
}

/** log10 units added to the surprisal: high flags ≈ 3× more often than medium, low 3× less. */
const SENSITIVITY_SHIFT: Record<Sensitivity, number> = { low: -0.5, medium: 0, high: 0.5 };

const NOTHING: DetectResult = Object.freeze({ score: 0, flagged: false });

/**
 * Turns components' deviations into one score: each |z| (and its short EWMA, for bursts) is read
 * as a surprisal against the series' own history of that component, and the most surprised
 * component wins. Calibrating per series is what lets one parameter set serve a quiet disk gauge
 * and a spiky request counter alike.
 */
export class ScoredDetector implements Detector {
  private readonly instant: Rarity[];
  private readonly burst: Rarity[];
  private readonly avg: Float64Array;
  private readonly hold: AnomalyHold | undefined;
  /** Samples of the current strong anomaly kept out of the history so far (0: none under way). */
  private held = 0;
  private holding = false;
  private readonly aBurst: number;
  private readonly bursts: boolean;
  private readonly shift: number;
  private lastT = NaN;
  private peak = 0;
  private readonly echoDecay: number;
  /** ms: EWMA of the sampling interval, to say "1 h" rather than "12 samples" */
  private stepMs = 0;
  /** The most surprised component of the last sample (−1 = none) and its deviation. */
  private who = -1;
  private whoZ = 0;
  /** The last `step`'s score at medium sensitivity (for a caller that applies its own). */
  neutral = 0;

  constructor(
    readonly method: DetectMethod,
    private readonly components: readonly Component[],
    sensitivity: Sensitivity,
    private readonly p: ScoringParams,
  ) {
    // why: a 1-sample EWMA is the instant value itself, whose rarity `instant` already reads
    this.bursts = p.burstSpan > 1;
    this.instant = components.map((c) => new Rarity(p.rarity, c.tailFrom, c.sided));
    // why: the burst feature is an average of |z|, one-sided by construction
    this.burst = this.bursts ? components.map((c) => new Rarity(p.rarity, c.tailFrom)) : [];
    this.avg = new Float64Array(components.length);
    this.hold = p.anomalyHold;
    this.aBurst = 2 / (p.burstSpan + 1);
    this.shift = SENSITIVITY_SHIFT[sensitivity];
    this.echoDecay = Math.pow(0.5, 1 / p.echoSpan);
  }

  update(t: number, v: number): DetectResult {
    if (!Number.isFinite(v) || !Number.isFinite(t)) return NOTHING;
    const score = this.step(t, v);
    if (score < 0.5) return { score, flagged: false };
    return { score, flagged: true, explanation: this.explainLast(v) };
  }

  /**
   * The score of a finite sample, as a number (no result object: the default detector calls this
   * on every sample); `explainLast` then says why, until the next call.
   */
  step(t: number, v: number): number {
    const dt = t - this.lastT;
    if (dt > 0) this.stepMs = this.stepMs === 0 ? dt : this.stepMs + 0.05 * (dt - this.stepMs);
    this.lastT = t;
    let best = 0;
    let who = -1;
    let whoZ = 0;
    const comps = this.components;
    const avgs = this.avg;
    const aBurst = this.aBurst;
    for (let i = 0; i < comps.length; i++) {
      const z = (comps[i] as Component).observe(t, v);
      const a = z < 0 ? -z : z;
      const prev = avgs[i] as number;
      const avg = prev + aBurst * (a - prev);
      avgs[i] = avg;
      // why: each rarity reads the sign or not itself (Component.sided), with no branch on it here
      const si = !this.hold ? (this.instant[i] as Rarity).update(z) : (this.instant[i] as Rarity).surprisal(z);
      let s = si;
      if (this.bursts) {
        const sb = !this.hold ? (this.burst[i] as Rarity).update(avg) : (this.burst[i] as Rarity).surprisal(avg);
        if (sb > si) s = sb;
      }
      if (s > best) {
        best = s;
        who = i;
        whoZ = z;
      }
    }
    this.who = who;
    this.whoZ = whoZ;
    // why: one event, one flag — echoes of a surprise already reported are damped until they
    // exceed it; the memory of the peak halves every `echoSpan` samples
    const peak = this.peak;
    const learn = this.learn(best);
    this.peak = best > peak * this.echoDecay ? best : peak * this.echoDecay;
    if (best < peak) best *= this.p.echoDamp;
    this.neutral = who < 0 ? 0 : best / (best + this.p.flagAt);
    const eff = best + this.shift;
    const score = eff <= 0 || who < 0 ? 0 : eff / (eff + this.p.flagAt);
    if (this.hold) {
      for (let i = 0; i < comps.length; i++) {
        (this.instant[i] as Rarity).pass(learn);
        if (this.bursts) (this.burst[i] as Rarity).pass(learn);
      }
    }
    return score;
  }

  /**
   * Whether the sample whose undamped surprisal is `best` joins the history. Judged at medium
   * sensitivity, so what is learned does not depend on the knob; echoes of a held anomaly are
   * damped so they are not flagged again, but they are no less anomalous, so they stay out too.
   */
  private learn(best: number): boolean {
    const h = this.hold;
    if (!h) return true;
    if (this.holding) {
      this.held++;
      // why: a spike's step back down is less surprising than its rise but still far from ordinary
      if (best < this.p.flagAt * h.close || this.held > h.maxSamples) this.holding = false;
    } else if (best >= this.p.flagAt + h.strong) {
      this.holding = true;
      this.held = 1;
    }
    return !this.holding;
  }

  /** Why the sample last passed to `step` deviates (the most surprised component's words). */
  explainLast(v: number): string {
    const c = this.components[this.who];
    return c ? c.explain(this.whoZ, v, this.stepMs) : '';
  }
}
