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

/** The weight in bins b..top of one side's histogram (bins above `top` are empty). */
function tailFrom(c: Float64Array, top: number, b: number): number {
  let tail = 0;
  for (let i = top; i >= b; i--) tail += c[i] as number;
  return tail;
}

const NONE = new Float64Array(0);

export class Rarity {
  /** Weights of past values (of their magnitudes, for a sided feature's values ≥ 0) ... */
  private readonly counts = new Float64Array(BINS);
  /** ... and, for a sided feature only, of the magnitudes of its values < 0. */
  private readonly below: Float64Array;
  private total = 0;
  /** Weight of the next sample; grows instead of decaying every count (renormalized rarely). */
  private weight = 1;
  private readonly growth: number;
  private seen = 0;
  private top = -1;
  private topBelow = -1;
  /** Bin of the sample last given to `surprisal`, for `pass` (a value < 0 of a sided feature: −1 − bin). */
  private pendingBin = 0;

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
    this.below = sided ? new Float64Array(BINS) : NONE;
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
   * have been there. Never less rare than the two sides together.
   */
  update(x: number): number {
    this.seen++;
    if (x < 0 && this.sided) {
      const b = binOf(-x);
      const s = this.surprisalIn(-x, -1 - b);
      this.addBelow(b);
      return s;
    }
    const b = binOf(x);
    const s = this.surprisalIn(x, b);
    this.add(b);
    return s;
  }

  /** The surprisal `update(x)` would return, without x joining the history yet (`pass` does that). */
  surprisal(x: number): number {
    this.seen++;
    this.pendingBin = this.sided && x < 0 ? -1 - binOf(-x) : binOf(x);
    const s = this.surprisalIn(x < 0 ? -x : x, this.pendingBin);
    this.seen--;
    return s;
  }

  /** Time moves on by the sample last given to `surprisal`: it joins the history, or only ages it. */
  pass(learn: boolean): void {
    this.seen++;
    const b = this.pendingBin;
    if (!learn) this.age();
    else if (b < 0) this.addBelow(-1 - b);
    else this.add(b);
  }

  /** x: the magnitude; b0: its bin, signed as `pendingBin`. */
  private surprisalIn(x: number, b0: number): number {
    if (!(x >= this.floor && this.seen > this.warmup)) return 0;
    const neg = b0 < 0;
    const b = neg ? -1 - b0 : b0;
    let tail = neg ? tailFrom(this.below, this.topBelow, b) : tailFrom(this.counts, this.top, b);
    if (this.sided) {
      const other = neg ? tailFrom(this.counts, this.top, b) : tailFrom(this.below, this.topBelow, b);
      tail += other < tail ? other : tail;
    }
    const w = this.prior * this.weight;
    if (this.prior > 1) return Math.log10((this.total + w) / (tail + w * (x > this.tailFrom ? Math.pow(this.tailFrom / x, this.alpha) : 1)));
    let s = Math.log10((this.total + w) / (tail + w));
    const top = this.top > this.topBelow ? this.top : this.topBelow;
    if (b > top) s += this.beyond * (b - top);
    return s;
  }

  private age(): void {
    this.weight *= this.growth;
    if (this.weight > 1e100) this.renormalize();
  }

  private add(b: number): void {
    this.age();
    this.counts[b] = (this.counts[b] as number) + this.weight;
    this.total += this.weight;
    if (b > this.top) this.top = b;
  }

  /** add() for a sided feature's value < 0 in bin b of its magnitude. */
  private addBelow(b: number): void {
    this.age();
    this.below[b] = (this.below[b] as number) + this.weight;
    this.total += this.weight;
    if (b > this.topBelow) this.topBelow = b;
  }

  private renormalize(): void {
    const k = 1 / this.weight;
    for (let i = 0; i < BINS; i++) this.counts[i] = (this.counts[i] as number) * k;
    for (let i = 0; i < this.below.length; i++) this.below[i] = (this.below[i] as number) * k;
    this.total *= k;
    this.weight = 1;
  }
}
