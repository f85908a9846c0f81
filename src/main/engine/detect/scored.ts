import type { Component, Detector, DetectMethod, DetectResult, Sensitivity } from './types';
import { Rarity, type RarityParams } from './rarity';

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
    const rarity = (c: Component) => new Rarity(p.rarity, c.tailFrom);
    this.instant = components.map(rarity);
    this.burst = this.bursts ? components.map(rarity) : [];
    this.avg = new Float64Array(components.length);
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
      const si = (this.instant[i] as Rarity).update(a);
      let s = si;
      if (this.bursts) {
        const sb = (this.burst[i] as Rarity).update(avg);
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
    this.peak = best > peak * this.echoDecay ? best : peak * this.echoDecay;
    if (best < peak) best *= this.p.echoDamp;
    this.neutral = who < 0 ? 0 : best / (best + this.p.flagAt);
    const eff = best + this.shift;
    if (eff <= 0 || who < 0) return 0;
    return eff / (eff + this.p.flagAt);
  }

  /** Why the sample last passed to `step` deviates (the most surprised component's words). */
  explainLast(v: number): string {
    const c = this.components[this.who];
    return c ? c.explain(this.whoZ, v, this.stepMs) : '';
  }
}
