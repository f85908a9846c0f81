import type { Component } from './types';
import { formatDuration } from '../../../shared/duration';
import { Holt } from './holt';

/**
 * Robust z-score against a rolling baseline: the baseline is Holt's level + trend over `baseline`
 * samples (so a steady ramp is not a deviation), the scale the EW mean absolute prediction error;
 * `huber` (σ) clips what the baseline learns from one sample, and `shiftAfter` clipped samples in
 * a row on one side are taken as a lasting step (see Holt).
 */
export class ZScoreModel implements Component {
  readonly tailFrom = 2;
  /**
   * A clipped baseline is not dragged by a spike, so its deviations below are drops of their own,
   * not returns from a spike: they are judged against past drops (issue 18: a drop under a series'
   * floor whose history was all upward bursts, recordedFaults lo_rx_rate).
   */
  readonly sided: boolean;
  private readonly holt: Holt;

  constructor(
    readonly baseline = 12,
    scaleSpan = 300,
    private readonly warmup = 30,
    huber = Infinity,
    shiftAfter = Infinity,
  ) {
    this.holt = new Holt(baseline, baseline * 4, scaleSpan, huber, shiftAfter);
    this.sided = huber < Infinity;
  }

  observe(_t: number, v: number): number {
    const scale = this.holt.scale();
    const e = this.holt.step(v);
    if (this.holt.n <= this.warmup) return 0;
    const z = e / scale;
    return z > 1e3 ? 1e3 : z < -1e3 ? -1e3 : z;
  }

  explain(z: number, _v: number, stepMs: number): string {
    const side = z >= 0 ? 'above' : 'below';
    return `${Math.abs(z).toFixed(1)}σ ${side} its ${formatDuration(this.baseline * stepMs)} baseline`;
  }
}
