/**
 * NAB's CAD OSE, "contextOSE" (Contextual Anomaly Detector, Open Source Edition, M. Smirnov 2016),
 * our own TypeScript of the algorithm in numenta/NAB:
 *   nab/detectors/context_ose/cad_ose.py            at a9853caf53cca5895573deff75a7c8d30371f966
 *   nab/detectors/context_ose/context_operator.py   at 451503a1337aad79b8c905347af79927fbcfa270
 *   nab/detectors/context_ose/context_ose_detector.py at e3e8718be81b18d20f7a20acf4c0b1334c6ff9f3
 *   nab/detectors/base.py at 0714c2428326a1c24476b547c45b031249a9e744 (inputMin/Max, probation)
 * This is the version behind NAB's published results/contextOSE: run under Python 2.7 it gives
 * results/contextOSE/realAWSCloudwatch/contextOSE_iio_us-east-1_i-a2eb1cd9_NetworkIn.csv (at
 * f01b0564) in every row checked (0–299, 965–1235); under Python 3 it does not (other hashes and
 * dict order), nor does the older version (cad_ose.py, context_operator.py at 059c7823c6238ca3:
 * sensor facts 65536+, a prediction step, score 0 whenever the prediction held).
 *
 * The algorithm: each value is cut into 3 bits (8 levels between the file's min and max), each bit
 * a "fact". A context pairs a left set of facts (last step's facts plus up to 15 active "neurons",
 * i.e. contexts that fired) with a right set (this step's facts); contexts are learnt online and
 * crossed into new ones. Score = (1 − share of selected contexts that fired + share of potential
 * new contexts that really were new) / 2. After any raw score ≥ 0.75, and for the first
 * restPeriod rows, the output is 0; restPeriod = int(probation / 5).
 *
 * Python 2 details kept, because they change which contexts become neurons (the top 15 are
 * ranked by (fired count, left hash, right hash), and context ids become facts):
 * - tuple hashes are CPython 2.7's 64-bit tuplehash (pyTupleHash below); semi-contexts are keyed by
 *   that hash, as NAB keys them (a collision would merge two, there too);
 * - a left semi-context's {right id → context id} dict is iterated in CPython 2.7's open-addressing
 *   slot order (PyIntDict below), not insertion order: it sets the order new contexts get ids;
 * - `self.newContextID = False` compares equal to context id 0, so context 0 is skipped on every
 *   step that did not create a new zero-level context.
 * Verified against NAB's Python (run under CPython 2.7.18) on all 28 local NAB files: identical
 * scores; and scored by nab-score.ts at NAB's published threshold (0.76552734375), each of those
 * files gets the standard score and FP count of results/contextOSE/contextOSE_standard_scores.csv
 * (at 08d093545d80). The bookkeeping is not NAB's (hit counts instead of per-semi-context fact lists, only the
 * left semi-contexts that can matter, lookups of the fully matched right sides, proposals
 * deduplicated up front): NAB's rescans its whole context memory every row, minutes on a noisy file.
 * Known deviations: values are parsed by our CSV reader, not pandas (could differ in the last bit,
 * which only matters for a value exactly on a level boundary); probation uses
 * nab-score.ts's probationaryLength (capped at 0.15 × 5000 rows, util.getProbationPeriod), where
 * the base.py of the published run had no cap — the same for every file under 5,000 rows.
 */
import { probationaryLength } from '../nab-score';
import type { Baseline } from './index';
import { fileRange } from './nab-inputs';

const BASE_THRESHOLD = 0.75;
const MAX_LEFT_SEMI_CONTEXT_LENGTH = 7;
const MAX_ACTIVE_NEURONS = 15;
const NUM_NORM_VALUE_BITS = 3;
const NEURON_FACT = 2 ** 31; // a fired context's id becomes the fact 2^31 + id

/** CPython 2.7 `hash(tuple_of_ints)` on a 64-bit build (an int hashes to itself). */
export function pyTupleHash(t: readonly number[]): bigint {
  let x = 0x345678n;
  let mult = 1000003n;
  for (let i = 0; i < t.length; i++) {
    x = BigInt.asIntN(64, (x ^ BigInt(t[i] as number)) * mult);
    const left = BigInt(t.length - 1 - i);
    mult += 82520n + left + left;
  }
  x = BigInt.asIntN(64, x + 97531n);
  return x === -1n ? -2n : x;
}

/**
 * A CPython 2.7 dict of non-negative int keys, only to reproduce its iteration order: open
 * addressing (slot = key & mask, then i = 5i + perturb + 1, perturb >>= 5), grown to the next
 * power of two above 4 × used when 2/3 full, re-inserted in slot order. No deletions (NAB makes none).
 */
export class PyIntDict {
  /** slots, in iteration order: key −1 = empty */
  keys = new Int32Array(8).fill(-1);
  vals = new Int32Array(8);
  private used = 0;

  private find(keys: Int32Array, key: number): number {
    const mask = keys.length - 1;
    let i = key & mask;
    let perturb = key;
    while (keys[i] !== -1 && keys[i] !== key) {
      i = (5 * i + perturb + 1) & mask; // why: only i mod 2^k matters, so it stays small
      perturb = Math.floor(perturb / 32);
    }
    return i;
  }

  get size(): number {
    return this.used;
  }

  /** where `key` sits in the iteration order (a larger slot comes later) */
  slotOf(key: number): number {
    return this.find(this.keys, key);
  }

  get(key: number): number | undefined {
    const i = this.find(this.keys, key);
    return this.keys[i] === key ? this.vals[i] : undefined;
  }

  /** Python's dict.setdefault(key, value). */
  setdefault(key: number, value: number): number {
    const i = this.find(this.keys, key);
    if (this.keys[i] === key) return this.vals[i] as number;
    this.keys[i] = key;
    this.vals[i] = value;
    this.used++;
    if (this.used * 3 >= this.keys.length * 2) this.resize((this.used > 50000 ? 2 : 4) * this.used);
    return value;
  }

  private resize(minUsed: number): void {
    let size = 8;
    while (size <= minUsed) size *= 2;
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Int32Array(size).fill(-1);
    this.vals = new Int32Array(size);
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j] as number;
      if (k === -1) continue;
      const i = this.find(this.keys, k);
      this.keys[i] = k;
      this.vals[i] = oldVals[j] as number;
    }
  }

  /** [key, value] pairs in CPython 2.7's iteration order. */
  items(): [number, number][] {
    const out: [number, number][] = [];
    for (let j = 0; j < this.keys.length; j++) if (this.keys[j] !== -1) out.push([this.keys[j] as number, this.vals[j] as number]);
    return out;
  }
}

interface LeftSemiContext {
  /** ascending, as every tuple NAB builds is */
  facts: number[];
  /** right semi-context id → context id */
  contexts: PyIntDict;
  /** right semi-context ids of its zero-level contexts (only those propose new contexts) */
  zeroLevel: number[];
}
interface RightSemiContext {
  facts: number[];
  /** this step's facts found in it */
  crossed: number[];
}
interface Context {
  left: LeftSemiContext;
  fired: number;
  zeroLevel: boolean;
  leftHash: bigint;
  rightHash: bigint;
}
type Pair = [left: number[], right: number[]];

const byNumber = (a: number, b: number) => a - b;

/** One file's CAD OSE state (ContextOperator and ContextualAnomalyDetectorOSE together). */
class CadOse {
  private readonly leftIds = new Map<bigint, number>();
  private readonly rightIds = new Map<bigint, number>();
  private readonly lefts: LeftSemiContext[] = [];
  private readonly rights: RightSemiContext[] = [];
  /** fact → the left semi-contexts holding it */
  private readonly leftsByFact = new Map<number, number[]>();
  // NAB's crossing of the left semi-contexts with the last left facts, kept as counts
  private crossedLefts = new Int32Array(0);
  private readonly hits: number[] = [];
  private readonly hitStamp: number[] = [];
  private stamp = 0;
  private readonly contexts: Context[] = [];
  private newContextId = 0; // Python's False, which equals id 0
  private leftFacts: number[] = [];
  private readonly step: number;
  private readonly rest: number;
  private lastHigh = 0; // index in the score history (whose row 0 is Python's initial 1.0) of the last score ≥ 0.75
  private rows = 0;

  constructor(
    private readonly min: number,
    max: number,
    restPeriod: number,
  ) {
    const maxBin = 2 ** NUM_NORM_VALUE_BITS - 1;
    this.step = (max - min === 0 ? maxBin : max - min) / maxBin;
    this.rest = Math.trunc(restPeriod);
  }

  /** getContextByFacts: stores each pair not yet known; the number stored, or for the zero-level pair whether it was new. */
  private store(pairs: readonly Pair[], zeroLevel: boolean): number {
    let added = 0;
    for (const [l, r] of pairs) {
      const leftHash = pyTupleHash(l);
      let leftId = this.leftIds.get(leftHash);
      if (leftId === undefined) {
        this.leftIds.set(leftHash, (leftId = this.lefts.length));
        this.lefts.push({ facts: l, contexts: new PyIntDict(), zeroLevel: [] });
        this.hits.push(0);
        this.hitStamp.push(0);
        for (const f of l) {
          const list = this.leftsByFact.get(f);
          if (list) list.push(leftId);
          else this.leftsByFact.set(f, [leftId]);
        }
      }
      const rightHash = pyTupleHash(r);
      let rightId = this.rightIds.get(rightHash);
      if (rightId === undefined) {
        this.rightIds.set(rightHash, (rightId = this.rights.length));
        this.rights.push({ facts: r, crossed: [] });
      }
      const left = this.lefts[leftId] as LeftSemiContext;
      const next = this.contexts.length;
      const id = left.contexts.setdefault(rightId, next);
      if (id === next) {
        added++;
        this.contexts.push({ left, fired: 0, zeroLevel, leftHash, rightHash });
        if (zeroLevel) {
          left.zeroLevel.push(rightId);
          this.newContextId = id;
          return 1;
        }
      } else if (zeroLevel) {
        const c = this.contexts[id] as Context;
        if (!c.zeroLevel) left.zeroLevel.push(rightId);
        c.zeroLevel = true;
        return 0;
      }
    }
    return added;
  }

  /** The left semi-contexts holding any of `facts`, in creation order (as NAB's scan of them all finds them), and how many each holds. */
  private crossLefts(facts: readonly number[]): void {
    const stamp = ++this.stamp;
    const hit: number[] = [];
    for (const f of facts) {
      for (const i of this.leftsByFact.get(f) ?? []) {
        if (this.hitStamp[i] !== stamp) {
          this.hitStamp[i] = stamp;
          this.hits[i] = 0;
          hit.push(i);
        }
        (this.hits[i] as number)++;
      }
    }
    // why: fire() only looks at the full ones and those with zero-level contexts (the left semi-context
    // that can gain one before then, the next zero-level pair's, is full if crossed at all)
    const kept = hit.filter((i) => this.hits[i] === (this.lefts[i] as LeftSemiContext).facts.length || (this.lefts[i] as LeftSemiContext).zeroLevel.length > 0);
    this.crossedLefts = Int32Array.from(kept).sort();
  }

  /**
   * updateContextsAndGetActive: last step's crossed left semi-contexts against this step's right
   * ones. The proposals (potential new contexts) come deduplicated, in NAB's order, with how many
   * distinct pairs there were counting the zero-level one (NAB's uniqPotNewContexts).
   */
  private fire(newContext: boolean, sens: readonly number[]): { active: number[]; selected: number; potential: Pair[]; distinct: number } {
    // why: every proposal is (part of last step's left facts, part of `sens`), so a pair of bit masks over those names it
    const at = new Map(this.leftFacts.map((f, k) => [f, k]));
    const mask = (facts: readonly number[], pos: (f: number) => number) => facts.reduce((m, f) => m + 2 ** pos(f), 0);
    const rightMasks: number[] = [];
    const fullRights: number[] = [];
    for (const [k, r] of this.rights.entries()) {
      r.crossed = r.facts.filter((f) => sens.includes(f));
      rightMasks.push(mask(r.crossed, (f) => sens.indexOf(f)));
      if (r.crossed.length === r.facts.length) fullRights.push(k);
    }
    const seen = new Set<number>();
    if (this.leftFacts.length > 0) seen.add((2 ** this.leftFacts.length - 1) * 2 ** sens.length + 2 ** sens.length - 1); // the zero-level pair
    const active: number[] = [];
    const potential: Pair[] = [];
    let selected = 0;
    const skipped = this.newContextId;
    const skippedLeft = this.contexts[skipped]?.left;
    for (const i of this.crossedLefts) {
      const left = this.lefts[i] as LeftSemiContext;
      const hits = this.hits[i] as number;
      const full = hits === left.facts.length;
      if (full) {
        selected += left.contexts.size - (skippedLeft === left ? 1 : 0);
        for (const r of fullRights) {
          const id = left.contexts.get(r);
          if (id === undefined || id === skipped) continue;
          (this.contexts[id] as Context).fired++;
          active.push(id);
        }
      }
      if (!newContext || left.zeroLevel.length === 0 || hits > MAX_LEFT_SEMI_CONTEXT_LENGTH) continue;
      // a partly matched zero-level context proposes its matched parts as a new context, in NAB's
      // (CPython 2.7) dict order, which sets the ids the new contexts get
      const order = left.zeroLevel.length === 1 ? left.zeroLevel : [...left.zeroLevel].sort((a, b) => left.contexts.slotOf(a) - left.contexts.slotOf(b));
      let crossed: number[] | undefined;
      let leftMask = 0;
      for (const r of order) {
        const right = this.rights[r] as RightSemiContext;
        if (right.crossed.length === 0 || (full && right.crossed.length === right.facts.length) || left.contexts.get(r) === skipped) continue;
        if (!crossed) {
          crossed = left.facts.filter((f) => at.has(f));
          leftMask = mask(crossed, (f) => at.get(f) as number);
        }
        const key = leftMask * 2 ** sens.length + (rightMasks[r] as number);
        if (seen.has(key)) continue; // why: a repeat finds its context stored by the first
        seen.add(key);
        potential.push([crossed, right.crossed]);
      }
    }
    this.newContextId = 0;
    return { active, selected, potential, distinct: seen.size };
  }

  /**
   * The last MAX_ACTIVE_NEURONS of the fired contexts sorted by (fired count, left hash, right hash),
   * a total order (one context per hash pair); as a set, which is all NAB uses of them.
   */
  private top(active: readonly number[]): number[] {
    const c = this.contexts;
    const before = (a: number, b: number) => {
      const x = c[a] as Context;
      const y = c[b] as Context;
      if (x.fired !== y.fired) return x.fired < y.fired;
      return x.leftHash !== y.leftHash ? x.leftHash < y.leftHash : x.rightHash < y.rightHash;
    };
    const best: number[] = []; // ascending
    for (const id of active) {
      if (best.length === MAX_ACTIVE_NEURONS && before(id, best[0] as number)) continue;
      let k = best.length;
      best.push(id);
      while (k > 0 && before(id, best[k - 1] as number)) {
        best[k] = best[k - 1] as number;
        k--;
      }
      best[k] = id;
      if (best.length > MAX_ACTIVE_NEURONS) best.shift();
    }
    return best;
  }

  /** getAnomalyScore for the next row. */
  score(value: number): number {
    const level = Math.trunc((value - this.min) / this.step);
    const sens: number[] = [];
    for (let bit = 0; bit < Math.max(NUM_NORM_VALUE_BITS, level.toString(2).length); bit++) sens.push(bit * 2 + (Math.floor(level / 2 ** bit) % 2));
    sens.sort(byNumber);

    const newContext = this.leftFacts.length > 0 && this.store([[this.leftFacts, sens]], true) === 1;
    const { active, selected, potential, distinct } = this.fire(newContext, sens);
    const firedShare = selected > 0 ? active.length / selected : 0;

    const neurons = this.top(active).map((id) => NEURON_FACT + id);
    this.leftFacts = [...sens, ...neurons].sort(byNumber);

    let added = potential.length > 0 ? this.store(potential, false) : 0;
    this.crossLefts(this.leftFacts);
    if (newContext) added++;
    const newShare = newContext && distinct > 0 ? added / distinct : 0;

    const raw = (1 - firedShare + newShare) / 2;
    // Python: max(history[-int(restPeriod):]) < 0.75, history starting [1.0]; [-0:] is the whole list
    const row = ++this.rows; // this row's index in the history
    const from = this.rest === 0 ? 0 : Math.max(0, row - this.rest);
    const out = this.lastHigh >= from ? 0 : raw;
    if (raw >= BASE_THRESHOLD) this.lastHigh = row;
    return out;
  }
}

export const contextOSE: Baseline = ({ values }) => score(values);

function score(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const { lo, hi } = fileRange(values);
  const cad = new CadOse(lo, hi, probationaryLength(n) / 5);
  for (let i = 0; i < n; i++) out[i] = cad.score(values[i] as number);
  return out;
}
