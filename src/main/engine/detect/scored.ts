import type { Component, Detector, DetectMethod, DetectResult, Sensitivity } from './types';
import { Rarity, type RarityParams } from './rarity';

/** One parameter set for every series; only `sensitivity` is a knob. */
export interface ScoringParams {
  rarity: RarityParams;
  /** samples: EWMA span of |z| whose rarity catches bursts and sustained deviations */
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
  private readonly shift: number;
  private lastT = NaN;
  private peak = 0;
  private readonly echoDecay: number;
  /** ms: EWMA of the sampling interval, to say "1 h" rather than "12 samples" */
  private step = 0;

  constructor(
    readonly method: DetectMethod,
    private readonly components: readonly Component[],
    sensitivity: Sensitivity,
    private readonly p: ScoringParams,
  ) {
    this.instant = components.map(() => new Rarity(p.rarity));
    this.burst = components.map(() => new Rarity(p.rarity));
    this.avg = new Float64Array(components.length);
    this.aBurst = 2 / (p.burstSpan + 1);
    this.shift = SENSITIVITY_SHIFT[sensitivity];
    this.echoDecay = Math.pow(0.5, 1 / p.echoSpan);
  }

  update(t: number, v: number): DetectResult {
    if (!Number.isFinite(v) || !Number.isFinite(t)) return NOTHING;
    const dt = t - this.lastT;
    if (dt > 0) this.step = this.step === 0 ? dt : this.step + 0.05 * (dt - this.step);
    this.lastT = t;
    let best = 0;
    let who = -1;
    let whoZ = 0;
    const comps = this.components;
    for (let i = 0; i < comps.length; i++) {
      const z = (comps[i] as Component).observe(t, v);
      const a = z < 0 ? -z : z;
      const avg = (this.avg[i] as number) + this.aBurst * (a - (this.avg[i] as number));
      this.avg[i] = avg;
      const si = (this.instant[i] as Rarity).update(a);
      const sb = (this.burst[i] as Rarity).update(avg);
      const s = si > sb ? si : sb;
      if (s > best) {
        best = s;
        who = i;
        whoZ = z;
      }
    }
    // why: one event, one flag — echoes of a surprise already reported are damped until they
    // exceed it; the memory of the peak halves every `echoSpan` samples
    const peak = this.peak;
    this.peak = best > peak * this.echoDecay ? best : peak * this.echoDecay;
    if (best < peak) best *= this.p.echoDamp;
    const eff = best + this.shift;
    if (eff <= 0 || who < 0) return { score: 0, flagged: false };
    const score = eff / (eff + this.p.flagAt);
    if (score < 0.5) return { score, flagged: false };
    return { score, flagged: true, explanation: (comps[who] as Component).explain(whoZ, v, this.step) };
  }
}
