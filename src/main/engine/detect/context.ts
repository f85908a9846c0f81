/**
 * Contextual novelty, after the idea of CAD OSE (Smirnov's Contextual Anomaly Detector, open
 * source edition): values are discretized into levels; the last k levels form a context that
 * "predicts" the next level. The anomaly is the share of the contexts already known (seen with a
 * successor before) that have never been followed by the current level: 0 when everything that
 * could predict the value did, 1 when nothing did. A level never seen at all is fully novel.
 *
 * Bounded: the memory is a fixed-size hash table of (context, level) facts with least-recently-
 * seen eviction, so a noisy series that keeps producing new long contexts forgets the oldest
 * ones instead of growing. O(orders) per sample.
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
}

/** Linear probe length before the least recently seen slot of the run is evicted. */
const PROBE = 8;

export class ContextModel {
  private readonly keys: Int32Array;
  /** Sample number + 1 when the slot's fact was last seen (0 = empty). */
  private readonly seen: Uint32Array;
  private readonly mask: number;
  /** Ring of the last `orders` levels, newest at `head`. */
  private readonly ring: Int32Array;
  private head = 0;
  private filled = 0;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private width = 0;
  /** The level of the last sample and whether it was outside everything seen before. */
  lastLevel = 0;
  lastNew = false;

  constructor(private readonly p: ContextParams) {
    const size = 1 << p.tableBits;
    this.keys = new Int32Array(size);
    this.seen = new Uint32Array(size);
    this.mask = size - 1;
    this.ring = new Int32Array(Math.max(1, p.orders));
  }

  /** Novelty of v in [0, 1] (0 during warm-up); then v joins the memory. */
  observe(v: number): number {
    this.n++;
    if (this.n <= this.p.warmup) {
      if (v < this.lo) this.lo = v;
      if (v > this.hi) this.hi = v;
      return 0;
    }
    if (this.width === 0) {
      const span = this.hi - this.lo;
      const mag = Math.max(Math.abs(this.lo), Math.abs(this.hi));
      // why: a flat warm-up still needs a grid; any visible change from the flat line is news
      this.width = span > 0 ? span / this.p.levels : mag > 0 ? mag * 1e-3 : 1e-9;
    }
    let level = Math.floor((v - this.lo) / this.width + this.p.offset);
    if (level > 1e6) level = 1e6;
    else if (level < -1e6) level = -1e6;
    const stamp = this.n;
    // order 0: the level itself
    const unigram = mix(0x9e3779b9, level);
    const known = this.touch(unigram, stamp);
    let selected = 0;
    let active = 0;
    let h = 0x85ebca6b;
    const ring = this.ring;
    const len = ring.length;
    let at = this.head;
    for (let k = 0; k < this.filled; k++) {
      h = mix(h, ring[at] as number);
      at = at === 0 ? len - 1 : at - 1;
      // the context alone (k+1 levels) and the context followed by this level
      const known = this.touch(h, stamp);
      const followed = this.touch(mix(h ^ 0x27d4eb2f, level), stamp);
      if (known) {
        selected++;
        if (followed) active++;
      }
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
  private touch(key: number, stamp: number): boolean {
    const keys = this.keys;
    const seen = this.seen;
    let i = (key ^ (key >>> 15)) & this.mask;
    let victim = i;
    let oldest = 0xffffffff;
    for (let p = 0; p < PROBE; p++) {
      const s = seen[i] as number;
      if (s === 0) {
        keys[i] = key;
        seen[i] = stamp;
        return false;
      }
      if (keys[i] === key) {
        seen[i] = stamp;
        return true;
      }
      if (s < oldest) {
        oldest = s;
        victim = i;
      }
      i = (i + 1) & this.mask;
    }
    keys[victim] = key;
    seen[victim] = stamp;
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
