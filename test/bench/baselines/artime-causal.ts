/**
 * ARTime made causal (issue 18): the faithful port (artime.ts) reads two things a live series does
 * not have, the file's value min / max (it normalises every downsampled value by them) and the
 * file's length (probation = min(⌊0.15·rows⌋, 750), which also sets sstep and the trend window).
 * This variant reads neither: every score depends only on the rows up to it. Evaluation baseline
 * only, bench code, never the product's.
 *
 * Design (everything else is ARTime exactly as artime.ts runs it: the same ARTimeCore):
 *  1. Probation is a fixed number of rows P, not a share of the file: P = 750 (ARTime's cap, what
 *     any series of ≥ 5000 rows gets under NAB) or P = 300. sstep = max(1, ⌊P / 104⌋) rows per
 *     downsampled step and the trend window tw = ⌊P / sstep⌋ steps follow from P as in ARTime:
 *     P 750 → sstep 7, tw 107; P 300 → sstep 2, tw 150. A series shorter than its probation
 *     scores 0 throughout (as ARTime's probation does).
 *  2. Normalisation from what has been seen. ARTime classifies nothing during probation: it only
 *     buffers, and at step tw runs its batch (vigilance, then every buffered step in order). So the
 *     causal variant buffers the raw downsampled values (the downsampler works on raw values and
 *     needs no range), and at step tw fixes the range to the min / max of the probation's raw rows,
 *     then replays the buffered steps through ARTime's levels, median and features in that range
 *     and runs the batch: exactly what ARTime's batch would do on a file whose min / max were the
 *     probation's. (No running min / max is needed during probation: nothing is scored there, and
 *     the replay puts every probation step in the one range, as ARTime's batch sees them.)
 *  3. After probation, when a downsampled value leaves [lo, hi], the range widens to that value plus
 *     a margin of 10 % of the new span on that side (hi' = v + 0.1·(v − lo), or lo' = v − 0.1·(hi − v));
 *     it never narrows. Old normalised values x become x' = a·x + b (a = span / span', b =
 *     (lo − lo') / span', an increasing affine map), and what has been learned is re-expressed:
 *     - 'rescale' (the default): the 8-value feature window, the median's level histogram (each
 *       bin moved to the level its value now has, rounded half to even; the median's position and
 *       its below / above counts recomputed from the moved histogram) and the DVFA's category weights.
 *       The weights are complement coded, [u, v] per feature with the category's box = [u, 1 − v]; for
 *       the 8 raw-value features (and their complements) u' = a·u + b and v' = 1 − (a·(1 − v) + b)
 *       map each box exactly onto the same raw values (min commutes with an increasing affine map),
 *       so a category holds what it held before. The 8 Haar features are shifted and scaled to
 *       [0, 1] per window, so they do not depend on the range (up to the 81-level rounding) and
 *       stay as they are. Not invariant: the feature similarity |min(s, W)|₁ / |W|₁ and so the
 *       match values, which depend on where [0, 1] sits, as they do in ARTime across files.
 *     - 'keep': as 'rescale' but the DVFA weights stay as they are (learning simply goes on in
 *       the new normalisation; old categories then describe shifted, shrunk-from boxes).
 *     - 'clamp': no widening at all: the range stays the probation's and values outside it are
 *       clipped to 0 / 1 (the simplest; a level shift beyond the range saturates).
 *
 * Known weaknesses: the range never narrows, so one huge excursion compresses every later value
 * into a few of the 81 levels (the faithful ARTime has the same compression from the start, since
 * the file's min / max include every spike); a probation that is flat (span 0) gives a = 0 on the
 * first widening, i.e. everything learned collapses onto the old single value, as it should; state
 * grows without bound as in ARTime (one category per new pattern, and the DVFA keeps every step's
 * A / Ae: artime-dvfa.ts's `a` / `ae` arrays, 16 B per step; the anomalies' similarities).
 *
 * Measured (eval:variant, NAB standard; NAB 28 all / one threshold over the 12 groups): faithful
 * ARTime 69.8 / 54.0; ARTimeCausal300 65.5 / 50.5; ARTimeCausal750 55.3 / 30.9; 750Keep 50.3 / 26.2;
 * 750Clamp 45.1 / 23.9 (default detector 68.0 / 55.7). Split of the look-ahead's worth (NAB 28 all,
 * diagnostics not kept): file-length probation with the causal range 63.1; P 750 with the file's
 * min / max 58.8, P 300 with them 61.7. P 750 scores nothing in a series' first 750 rows, which is
 * all of demoIncidents (720 rows) and much of syntheticHourly (≈ 1350 rows, anomalies from 16 %).
 *
 * Cost (200,000 rows of a noisy 288-row sine with 0.05 % spikes, process.cpuUsage, one core): P 750
 * ≈ 28 k rows/s, P 300 ≈ 10 k rows/s; ~95 % of it in Dvfa.train, about half the scan of every
 * category (32 mins per category per downsampled step), the rest the full sort of all categories'
 * matches every step. Sorting only the categories the visit can reach (M ≥ rho_ub, NaN, the best
 * below) gives identical scores at ≈ ×1.9. Categories keep growing (P 750: 888 at 200 k rows,
 * 1148 at 1 M; P 300: 740, 1491), ~512 B each (weights and the min(s, W) scratch, 2 × 32 float64).
 */
import type { Baseline } from './index';
import { ARTimeCore, NLEVELS, WINDOW, roundEven } from './artime';

export type Widening = 'rescale' | 'keep' | 'clamp';

const MARGIN = 0.1;

export class ARTimeCausal extends ARTimeCore {
  /** the normalisation range: the probation rows' min / max, then widened */
  lo = Infinity;
  hi = -Infinity;
  /** how many times the range has widened */
  widenings = 0;
  private fixed = false;
  private readonly pending: number[] = [];

  constructor(
    probationRows: number,
    readonly widening: Widening = 'rescale',
  ) {
    super(probationRows);
  }

  /** One row's value; returns its anomaly score (0 on rows that end no downsampled step). */
  processSample(di: number): number {
    if (!this.fixed) {
      if (di < this.lo) this.lo = di;
      if (di > this.hi) this.hi = di;
    }
    const ds = this.downsample(di);
    if (ds === undefined) return 0;
    if (!this.fixed) {
      this.pending.push(ds);
      if (this.pending.length < this.trendWindow) return 0;
      // end of probation: the range is the probation's; replay its steps (the last one runs ARTime's batch)
      this.fixed = true;
      for (const p of this.pending) this.step(this.normalise(p));
      this.pending.length = 0;
      return 0;
    }
    if (this.widening !== 'clamp' && (ds > this.hi || ds < this.lo)) this.widen(ds);
    return this.step(this.normalise(ds));
  }

  private normalise(ds: number): number {
    let x = ds - this.lo;
    if (this.hi - this.lo !== 0) x /= this.hi - this.lo;
    return x < 0 ? 0 : x > 1 ? 1 : x; // clips only under 'clamp' (elsewhere x is in [0, 1] already)
  }

  /** Widen the range to hold ds (plus the margin) and re-express the state in the new range. */
  private widen(ds: number): void {
    const { lo, hi } = this;
    const newLo = ds < lo ? ds - MARGIN * (hi - ds) : lo;
    const newHi = ds > hi ? ds + MARGIN * (ds - lo) : hi;
    const span = newHi - newLo;
    const a = (hi - lo) / span;
    const b = (lo - newLo) / span;
    this.lo = newLo;
    this.hi = newHi;
    this.widenings++;
    const f = this.fWindow;
    for (let k = 0; k < f.length; k++) f[k] = a * (f[k] as number) + b;
    // the median's histogram, bin by bin; the median's level moves with its bin (kept non-empty)
    const old = Int32Array.from(this.medbin);
    const to = (level: number) => Math.min(NLEVELS, roundEven(a * level + b * NLEVELS));
    this.medbin.fill(0);
    for (let l = 0; l <= NLEVELS; l++) this.medbin[to(l)] = (this.medbin[to(l)] as number) + (old[l] as number);
    this.medlevel = to(this.medlevel);
    let below = 0;
    let above = 0;
    for (let l = 0; l <= NLEVELS; l++) {
      if (l < this.medlevel) below += this.medbin[l] as number;
      else if (l > this.medlevel) above += this.medbin[l] as number;
    }
    this.belowmed = below;
    this.abovemed = above;
    if (this.widening !== 'rescale') return;
    // the raw-value half of the features: boxes [u, 1 − v] mapped exactly
    const d = 2 * WINDOW;
    for (const w of this.art.w) {
      for (let k = WINDOW; k < d; k++) {
        w[k] = a * (w[k] as number) + b;
        w[d + k] = 1 - (a * (1 - (w[d + k] as number)) + b);
      }
    }
  }
}

/** Every row's score from the rows up to it only: a fixed probation of P rows, range as seen. */
export function artimeCausal(probationRows: number, widening: Widening = 'rescale'): Baseline {
  return ({ values }) => {
    const n = values.length;
    const out = new Float64Array(n);
    const d = new ARTimeCausal(probationRows, widening);
    for (let k = 0; k < n; k++) out[k] = d.processSample(values[k] as number);
    return out;
  };
}
