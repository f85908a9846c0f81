import type { Component } from './types';
import { formatNumber } from './format';
import { Holt } from './holt';

/**
 * Two-sided CUSUM of standardized one-step prediction errors. Noise errors average out under the
 * allowance `k`; after a level shift of Δ the errors keep one sign until the baseline catches up
 * (≈ Δ/α in total), so the sum climbs. Past `h` the shift is reported and the sums restart, so
 * one shift is one event. Returns the larger sum, signed, as the deviation.
 */
export class ChangePointModel implements Component {
  // why: a CUSUM sum routinely runs to ten and more; its rarity is its own history's alone
  // (a prior tail from 10 cost 5 points out of group in eval-groups.ts)
  readonly tailFrom = Infinity;
  readonly sided = false;
  private readonly holt: Holt;
  private up = 0;
  private down = 0;
  /** The baseline level when the current run of the sum began. */
  private anchor = 0;
  private lastShift = 0;

  /** k: allowance (σ per sample); h: decision level (σ). */
  constructor(
    private readonly k = 0.5,
    private readonly h = 20,
    span = 30,
    scaleSpan = 300,
    private readonly warmup = 30,
  ) {
    this.holt = new Holt(span, 120, scaleSpan);
  }

  observe(_t: number, v: number): number {
    const scale = this.holt.scale();
    const before = this.holt.level;
    const e = this.holt.step(v);
    if (this.holt.n <= this.warmup) return 0;
    let z = e / scale;
    if (z > 50) z = 50;
    else if (z < -50) z = -50;
    if (this.up === 0 && this.down === 0) this.anchor = before;
    this.up = Math.max(0, this.up + z - this.k);
    this.down = Math.max(0, this.down - z - this.k);
    const g = this.up > this.down ? this.up : -this.down;
    this.lastShift = this.holt.level - this.anchor;
    if (this.up > this.h || this.down > this.h) {
      this.up = 0;
      this.down = 0;
    }
    return g;
  }

  explain(z: number): string {
    const dir = z >= 0 ? 'up' : 'down';
    return `level shifted ${dir} by ${formatNumber(Math.abs(this.lastShift))}`;
  }
}
