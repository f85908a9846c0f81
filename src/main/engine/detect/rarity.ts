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

/**
 * Lower edge of each bin: the smallest double that `floor(PER_OCTAVE·log2 x) + ONE` puts in it,
 * found once by bisection over the doubles, so the per-sample lookup needs no log2 and yet agrees
 * with it exactly. EDGE[BINS] = ∞ ends the upward search.
 */
const EDGE = binEdges();
const SCRATCH = new Float64Array(1);
const WORDS = new Uint32Array(SCRATCH.buffer);
/** Index of the word holding a double's sign and exponent (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function binByLog(x: number): number {
  const b = x > 0 ? Math.floor(PER_OCTAVE * Math.log2(x)) + ONE : 0;
  return b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
}

function binEdges(): Float64Array {
  const edge = new Float64Array(BINS + 1);
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  edge[0] = -Infinity;
  edge[BINS] = Infinity;
  for (let k = 1; k < BINS; k++) {
    // positive doubles sort like their bit patterns
    let lo = 1n;
    let hi = 0x7fefffffffffffffn;
    while (lo < hi) {
      const mid = (lo + hi) >> 1n;
      u[0] = mid;
      if (binByLog(f[0] as number) >= k) hi = mid;
      else lo = mid + 1n;
    }
    u[0] = lo;
    edge[k] = f[0] as number;
  }
  return edge;
}

/** Cells per unit of x in the direct lookup for small x (finer than the narrowest bin above 0). */
const CELLS = 64;
/** x below this is binned by the direct lookup (most features are a few σ). */
const DIRECT = 16;
/** The bin of each cell's lower end; a cell holds at most one bin edge. */
const CELL_BIN = cellBins();

function cellBins(): Uint8Array {
  const out = new Uint8Array(DIRECT * CELLS);
  let b = 0;
  for (let c = 0; c < out.length; c++) {
    while ((EDGE[b + 1] as number) <= c / CELLS) b++;
    out[c] = b;
  }
  return out;
}

/** The histogram bin of x ≥ 0: binByLog(x) without a log, by table (small x) or exponent bits. */
export function binOf(x: number): number {
  if (x < DIRECT) {
    if (!(x >= (EDGE[1] as number))) return 0;
    const b = CELL_BIN[(x * CELLS) | 0] as number;
    return x >= (EDGE[b + 1] as number) ? b + 1 : b;
  }
  if (x >= (EDGE[BINS - 1] as number)) return BINS - 1;
  if (x !== x) return 0;
  SCRATCH[0] = x;
  // why: log2(2^e) is exact, so 2^e is in bin PER_OCTAVE·e + ONE; x is at most PER_OCTAVE bins
  // above it (log2 rounds the last doubles below 2^(e+1) up to e + 1)
  let b = PER_OCTAVE * (((WORDS[HI] as number) >>> 20) - 1023) + ONE;
  while (x >= (EDGE[b + 1] as number)) b++;
  return b;
}

export interface RarityParams {
  /** samples: the histogram's memory (a sample's weight halves after ≈ 0.69 · horizon samples) */
  horizon: number;
  /** feature values below this are never rare (saves the tail sum) */
  floor: number;
  /** samples before any rarity is reported */
  warmup: number;
  /** surprisal (log10) added per bin above anything seen before (only without a prior) */
  beyond: number;
  /**
   * samples of weight of the prior tail (0 = none): a young history cannot say a value is rarer than 1 in its
   * length, the prior can, and the history outweighs it as it grows
   */
  prior: number;
  /** the prior's tail: P0(x) = (x / from)^−alpha above where it starts (a power law: heavy, as real series are) */
  alpha: number;
}

/** The weight in bins b..top of the side starting at `side` (bins above `top` are empty). */
function tailFrom(c: Float64Array, side: number, top: number, b: number): number {
  let tail = 0;
  for (let i = side + top; i >= side + b; i--) tail += c[i] as number;
  return tail;
}

export class Rarity {
  /**
   * Weights of past values: bins 0..BINS − 1 hold the magnitudes of values ≥ 0 (all values of a
   * one-sided feature), and for a sided feature bins BINS..2·BINS − 1 the magnitudes of its values
   * < 0. One array and an offset instead of a branch on the sign: the sign of a z-score is a coin
   * toss per sample, and a branch on it mispredicted often enough to cost ~8 % of the default
   * detector (issue 18 round 4, ea0a730).
   */
  private readonly counts: Float64Array;
  /** Highest bin with weight, per side ([0]: values ≥ 0, [1]: values < 0; −1: none). */
  private readonly tops = Int32Array.of(-1, -1);
  private total = 0;
  /** Weight of the next sample; grows instead of decaying every count (renormalized rarely). */
  private weight = 1;
  private readonly growth: number;
  private seen = 0;
  /** Where the sample last given to `surprisal` goes, for `pass`: counts index (side + bin). */
  private pendingAt = 0;
  /** 1 for a sided feature, 0 otherwise: ANDed with the sign so a one-sided feature has one side. */
  private readonly sidedBit: number;

  private readonly floor: number;
  private readonly warmup: number;
  private readonly prior: number;
  private readonly alpha: number;
  private readonly beyond: number;

  /**
   * tailFrom: where the prior tail starts (P0 = 1 below it); the floor when not given, Infinity for
   * no prior. sided: the feature is signed and its two sides are read apart (see `update`).
   */
  constructor(
    p: RarityParams,
    private readonly tailFrom = p.floor,
    private readonly sided = false,
  ) {
    this.counts = new Float64Array(sided ? 2 * BINS : BINS);
    this.sidedBit = sided ? 1 : 0;
    // why: + 1 is the sample itself, so with no prior a never-seen value has P ≈ 1/memory, not 0
    this.prior = tailFrom === Infinity ? 1 : 1 + p.prior;
    this.alpha = p.alpha;
    this.beyond = p.beyond;
    this.growth = 1 / (1 - 1 / p.horizon);
    this.floor = p.floor;
    this.warmup = p.warmup;
  }

  /**
   * The surprisal log10(1/P[feature ≥ x]) of x ≥ 0 against history, then x joins the history.
   * A sided feature's x is signed and read as P[|feature| ≥ |x|], except that a side much rarer
   * than the other is read mostly on its own: the tail is x's side's plus at most as much again of
   * the other's, so a drop under a series whose deviations are upward bursts is as rare as drops
   * have been there. Never less rare than the two sides together. A one-sided feature's x is read
   * as |x|, so a caller may give every feature its signed value.
   */
  update(x: number): number {
    this.seen++;
    const neg = ((x < 0 ? 1 : 0) & this.sidedBit) as 0 | 1;
    const m = Math.abs(x);
    const b = binOf(m);
    const s = this.surprisalIn(m, b, neg);
    this.add(neg, b);
    return s;
  }

  /** The surprisal `update(x)` would return, without x joining the history yet (`pass` does that). */
  surprisal(x: number): number {
    this.seen++;
    const neg = ((x < 0 ? 1 : 0) & this.sidedBit) as 0 | 1;
    const m = Math.abs(x);
    const b = binOf(m);
    this.pendingAt = neg * BINS + b;
    const s = this.surprisalIn(m, b, neg);
    this.seen--;
    return s;
  }

  /** Time moves on by the sample last given to `surprisal`: it joins the history, or only ages it. */
  pass(learn: boolean): void {
    this.seen++;
    const at = this.pendingAt;
    if (!learn) this.age();
    else if (at >= BINS) this.add(1, at - BINS);
    else this.add(0, at);
  }

  /** x: the magnitude; b: its bin; neg: 1 when it is the magnitude of a sided feature's value < 0. */
  private surprisalIn(x: number, b: number, neg: 0 | 1): number {
    if (!(x >= this.floor && this.seen > this.warmup)) return 0;
    const tops = this.tops;
    let tail = tailFrom(this.counts, neg * BINS, tops[neg] as number, b);
    if (this.sided) {
      const o = 1 - neg;
      const other = tailFrom(this.counts, o * BINS, tops[o] as number, b);
      tail += other < tail ? other : tail;
    }
    const w = this.prior * this.weight;
    if (this.prior > 1) return Math.log10((this.total + w) / (tail + w * (x > this.tailFrom ? Math.pow(this.tailFrom / x, this.alpha) : 1)));
    let s = Math.log10((this.total + w) / (tail + w));
    const t0 = tops[0] as number;
    const t1 = tops[1] as number;
    const top = t0 > t1 ? t0 : t1;
    if (b > top) s += this.beyond * (b - top);
    return s;
  }

  private age(): void {
    this.weight *= this.growth;
    if (this.weight > 1e100) this.renormalize();
  }

  /** The value's magnitude joins side `neg` in bin b. */
  private add(neg: 0 | 1, b: number): void {
    this.age();
    const i = neg * BINS + b;
    this.counts[i] = (this.counts[i] as number) + this.weight;
    this.total += this.weight;
    if (b > (this.tops[neg] as number)) this.tops[neg] = b;
  }

  private renormalize(): void {
    const k = 1 / this.weight;
    for (let i = 0; i < this.counts.length; i++) this.counts[i] = (this.counts[i] as number) * k;
    this.total *= k;
    this.weight = 1;
  }
}
