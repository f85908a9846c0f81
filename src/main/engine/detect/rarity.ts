/**
 * How rare a nonnegative feature value is in this series' own recent history: an exponentially
 * forgetting histogram over log2-spaced bins, read as an upper tail. Fixed size, O(1) per update
 * (the tail is only summed for values that could be rare at all).
 */

const BINS = 64;
/** Bins per octave of the feature. */
const PER_OCTAVE = 4;
/** Bin of feature value 1. */
const ONE = 8;

export interface RarityParams {
  /** samples: the histogram's memory (a sample's weight halves after ≈ 0.69 · horizon samples) */
  horizon: number;
  /** feature values below this are never rare (saves the tail sum) */
  floor: number;
  /** surprisal (log10) added per bin above anything seen before */
  beyond: number;
  /** samples before any rarity is reported */
  warmup: number;
}

export class Rarity {
  private readonly counts = new Float64Array(BINS);
  private total = 0;
  /** Weight of the next sample; grows instead of decaying every count (renormalized rarely). */
  private weight = 1;
  private readonly growth: number;
  private seen = 0;
  private top = -1;

  constructor(private readonly p: RarityParams) {
    this.growth = 1 / (1 - 1 / p.horizon);
  }

  /** The surprisal log10(1/P[feature ≥ x]) of x against history, then x joins the history. */
  update(x: number): number {
    let b = x > 0 ? Math.floor(PER_OCTAVE * Math.log2(x)) + ONE : 0;
    if (b < 0) b = 0;
    else if (b >= BINS) b = BINS - 1;
    let s = 0;
    this.seen++;
    if (x >= this.p.floor && this.seen > this.p.warmup) {
      let tail = 0;
      const c = this.counts;
      for (let i = BINS - 1; i >= b; i--) tail += c[i] as number;
      // why: + weight is the sample itself, so a never-seen value has P ≈ 1/memory, not 0
      s = Math.log10((this.total + this.weight) / (tail + this.weight));
      if (b > this.top) s += this.p.beyond * (b - this.top);
    }
    this.weight *= this.growth;
    if (this.weight > 1e100) this.renormalize();
    this.counts[b] = (this.counts[b] as number) + this.weight;
    this.total += this.weight;
    if (b > this.top) this.top = b;
    return s;
  }

  private renormalize(): void {
    const k = 1 / this.weight;
    for (let i = 0; i < BINS; i++) this.counts[i] = (this.counts[i] as number) * k;
    this.total *= k;
    this.weight = 1;
  }
}
