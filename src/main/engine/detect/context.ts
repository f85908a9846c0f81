/**
 * Contextual novelty, after the idea of CAD OSE (Smirnov's Contextual Anomaly Detector, open
 * source edition): values are discretized into levels; the last k levels form a context that
 * "predicts" the next level. The anomaly is the share of the contexts already known (seen with a
 * successor before) that have never been followed by the current level: 0 when everything that
 * could predict the value did, 1 when nothing did. A level never seen at all is fully novel.
 *
 * Bounded: the memory is a fixed-size hash table of runs of levels (a level alone, a context
 * followed by a level) with least-recently-seen eviction, so a noisy series that keeps producing
 * new long contexts forgets the oldest ones instead of growing. O(orders) per sample.
 */

export interface ContextParams {
  /** levels across the range seen in warm-up (the grid is then fixed; levels outside extend it) */
  levels: number;
  /** longest context, in samples */
  orders: number;
  /** samples that set the grid before anything is learned or scored */
  warmup: number;
  /** log2 of the fact table's slots (8 bytes each) */
  tableBits: number;
  /** shift of the grid, in levels (0..1): models on shifted grids disagree on edge cases */
  offset: number;
  /**
   * The series' whole range, known in advance: the grid is set from it at the first sample and
   * `warmup` is ignored. Look-ahead that NAB's runner gives its detectors (CAD OSE's value grid is
   * the file's min–max); only the evaluation's diagnostic mode sets it (test/bench/privileged.ts),
   * never the product, which cannot know a live series' future.
   */
  range?: { lo: number; hi: number };
}

/** Start of every run's hash. */
const SEED = 0x9e3779b9;

/** Linear probe length before the least recently seen slot of the run is evicted. */
const PROBE = 8;

export class ContextModel {
  /**
   * Slot i is [2i] the fact's key (as uint32) and [2i + 1] the sample number when it was last seen
   * (0 = empty): one cache line per probe.
   */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private readonly warmup: number;
  private readonly levels: number;
  private readonly offset: number;
  /** Ring of the last `orders` levels, newest at `head`. */
  private readonly ring: Int32Array;
  /** [k]: whether the run of k levels ending with the previous sample had been seen before it. */
  private readonly wasKnown: Uint8Array;
  private head = 0;
  private filled = 0;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private width = 0;
  /** The level of the last sample and whether it was outside everything seen before. */
  lastLevel = 0;
  lastNew = false;

  constructor(p: ContextParams) {
    const size = 1 << p.tableBits;
    this.slots = new Uint32Array(2 * size);
    this.mask = size - 1;
    this.warmup = p.range ? 0 : p.warmup;
    if (p.range) {
      this.lo = p.range.lo;
      this.hi = p.range.hi;
    }
    this.levels = p.levels;
    this.offset = p.offset;
    this.ring = new Int32Array(Math.max(1, p.orders));
    this.wasKnown = new Uint8Array(this.ring.length + 2);
  }

  /** Novelty of v in [0, 1] (0 during warm-up); then v joins the memory. */
  observe(v: number): number {
    this.n++;
    if (this.n <= this.warmup) {
      if (v < this.lo) this.lo = v;
      if (v > this.hi) this.hi = v;
      return 0;
    }
    if (this.width === 0) {
      const span = this.hi - this.lo;
      const mag = Math.max(Math.abs(this.lo), Math.abs(this.hi));
      // why: a flat warm-up still needs a grid; any visible change from the flat line is news
      this.width = span > 0 ? span / this.levels : mag > 0 ? mag * 1e-3 : 1e-9;
    }
    let level = Math.floor((v - this.lo) / this.width + this.offset);
    if (level > 1e6) level = 1e6;
    else if (level < -1e6) level = -1e6;
    const stamp = this.n;
    // why: the context of order k now is the run of k levels that ended with the previous sample,
    // and whether that run had been seen before was learned when it ended; so one fact per run
    // (the level alone, and the level after each context) is touched per sample, not two
    const wasKnown = this.wasKnown;
    let h = mix(SEED, level);
    const known = this.touch(h, stamp);
    let before = wasKnown[1] as number;
    wasKnown[1] = known ? 1 : 0;
    let selected = 0;
    let active = 0;
    const ring = this.ring;
    const len = ring.length;
    let at = this.head;
    for (let k = 1; k <= this.filled; k++) {
      h = mix(h, ring[at] as number);
      at = at === 0 ? len - 1 : at - 1;
      // the run of k + 1 levels ending now: the order-k context followed by this level
      const followed = this.touch(h, stamp);
      if (before === 1) {
        selected++;
        if (followed) active++;
      }
      before = wasKnown[k + 1] as number;
      wasKnown[k + 1] = followed ? 1 : 0;
    }
    this.head = this.head + 1 === len ? 0 : this.head + 1;
    ring[this.head] = level;
    if (this.filled < len) this.filled++;
    this.lastLevel = level;
    this.lastNew = !known;
    if (!known) return 1;
    return selected > 0 ? 1 - active / selected : 0;
  }

  /** Whether the fact was known; marks it seen now (inserting or evicting as needed). */
  private touch(hash: number, stamp: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    const key = hash >>> 0;
    let i = (hash ^ (hash >>> 15)) & mask;
    let victim = i;
    let oldest = 0xffffffff;
    for (let p = 0; p < PROBE; p++) {
      const s = slots[2 * i + 1] as number;
      if (s === 0) {
        slots[2 * i] = key;
        slots[2 * i + 1] = stamp;
        return false;
      }
      if (slots[2 * i] === key) {
        slots[2 * i + 1] = stamp;
        return true;
      }
      if (s < oldest) {
        oldest = s;
        victim = i;
      }
      i = (i + 1) & mask;
    }
    slots[2 * victim] = key;
    slots[2 * victim + 1] = stamp;
    return false;
  }
}

/** 32-bit hash step (murmur3-style finalizer over the running hash and one level). */
function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h, 0x1b873593);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}
