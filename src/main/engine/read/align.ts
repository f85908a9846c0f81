// Several series of one panel onto ONE shared x axis (uPlot's columnar layout).
// - Timestamps within half the smallest typical step share one x slot, so queries answered by the
//   same poll a few ms apart do not alternate with nulls (a null breaks a uPlot line).
// - A gap (consecutive samples more than 2× the series' median step apart) always has a null
//   between them: an extra x slot is inserted when no slot lies in between.
// - Above maxPoints, slots are bucketed by time and each series keeps its min and max per bucket,
//   in time order, so a spike survives.
// Non-finite values (NaN, ±Inf) are null: JSON cannot carry them and a chart cannot draw them.

export interface Column {
  /** unix ms, ascending */
  ts: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface Aligned {
  /** unix ms */
  x: number[];
  y: (number | null)[][];
}

const GAP_FACTOR = 2;

/** ms: median distance between consecutive samples, from up to ~256 evenly spread steps. */
export function medianStep(ts: ArrayLike<number>): number | undefined {
  const n = ts.length;
  if (n < 2) return undefined;
  const stride = Math.max(1, Math.floor((n - 1) / 256));
  const steps: number[] = [];
  for (let i = 1; i < n; i += stride) steps.push((ts[i] as number) - (ts[i - 1] as number));
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1];
}

const cell = (v: number): number | null => (Number.isFinite(v) ? v : null);

function sameTimes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The shared slots (ms) and, per series, the slot of each sample. */
function buildSlots(cols: readonly Column[], medians: (number | undefined)[]): { slots: Float64Array; slotOf: Int32Array[]; shared: boolean } {
  const first = cols[0] as Column;
  if (cols.every((c) => c === first || sameTimes(c.ts, first.ts))) {
    const n = first.ts.length;
    const ident = new Int32Array(n);
    for (let i = 0; i < n; i++) ident[i] = i;
    return { slots: Float64Array.from(first.ts), slotOf: cols.map(() => ident), shared: true };
  }
  let total = 0;
  for (const c of cols) total += c.ts.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const c of cols) for (let i = 0; i < c.ts.length; i++) all[o++] = c.ts[i] as number;
  all.sort();
  const defined = medians.filter((m): m is number => m !== undefined && m > 0);
  const tol = defined.length ? Math.min(...defined) / 2 : 0;
  const starts: number[] = [];
  for (let i = 0; i < total; i++) {
    const t = all[i] as number;
    const last = starts[starts.length - 1];
    if (last === undefined || (t - last >= tol && t !== last)) starts.push(t);
  }
  const slots = Float64Array.from(starts);
  const slotOf = cols.map((c) => {
    const out = new Int32Array(c.ts.length);
    let k = 0;
    for (let i = 0; i < c.ts.length; i++) {
      const t = c.ts[i] as number;
      while (k + 1 < slots.length && (slots[k + 1] as number) <= t) k++;
      out[i] = k;
    }
    return out;
  });
  return { slots, slotOf, shared: false };
}

/** Pairs (sample j, sample j+1) of each series that are further apart than GAP_FACTOR median steps. */
function findGaps(cols: readonly Column[], medians: (number | undefined)[]): number[][] {
  return cols.map((c, i) => {
    const m = medians[i];
    const out: number[] = [];
    if (m === undefined || m <= 0) return out;
    for (let j = 0; j + 1 < c.ts.length; j++) {
      if ((c.ts[j + 1] as number) - (c.ts[j] as number) > GAP_FACTOR * m) out.push(j);
    }
    return out;
  });
}

/** Inserts all-null slots after the given output positions (ascending by position after dedupe). */
function insertSlots(out: Aligned, inserts: { after: number; t: number }[]): Aligned {
  if (inserts.length === 0) return out;
  inserts.sort((a, b) => a.after - b.after || a.t - b.t);
  const x: number[] = [];
  const y: (number | null)[][] = out.y.map(() => []);
  let k = 0;
  for (let i = 0; i < out.x.length; i++) {
    x.push(out.x[i] as number);
    for (let s = 0; s < y.length; s++) (y[s] as (number | null)[]).push((out.y[s] as (number | null)[])[i] ?? null);
    let lastT = -Infinity;
    while (k < inserts.length && (inserts[k] as { after: number }).after === i) {
      const ins = inserts[k++] as { after: number; t: number };
      if (ins.t <= lastT) continue;
      lastT = ins.t;
      x.push(ins.t);
      for (const col of y) col.push(null);
    }
  }
  return { x, y };
}

/** A time strictly between slot a and the next slot b, for a null marker. */
const between = (ta: number, tb: number, step: number): number => (ta + step < tb ? ta + step : (ta + tb) / 2);

export function alignColumns(cols: readonly Column[], maxPoints: number): Aligned {
  if (cols.length === 0) return { x: [], y: [] };
  const medians = cols.map((c) => medianStep(c.ts));
  const { slots, slotOf, shared } = buildSlots(cols, medians);
  const gaps = findGaps(cols, medians);
  const gapCount = gaps.reduce((n, g) => n + g.length, 0);
  const limit = Math.max(2, Math.floor(maxPoints));

  if (slots.length + gapCount <= limit) {
    const x = Array.from(slots);
    const y = cols.map((c, i) => {
      if (shared) {
        // why: every series has a point at every slot; no mapping needed
        const col: (number | null)[] = new Array<number | null>(c.values.length);
        for (let j = 0; j < c.values.length; j++) col[j] = cell(c.values[j] as number);
        return col;
      }
      const col: (number | null)[] = new Array<number | null>(x.length).fill(null);
      const map = slotOf[i] as Int32Array;
      for (let j = 0; j < c.ts.length; j++) col[map[j] as number] = cell(c.values[j] as number);
      return col;
    });
    const inserts: { after: number; t: number }[] = [];
    gaps.forEach((g, i) => {
      const map = slotOf[i] as Int32Array;
      for (const j of g) {
        const a = map[j] as number, b = map[j + 1] as number;
        if (b - a === 1) inserts.push({ after: a, t: between(x[a] as number, x[b] as number, medians[i] as number) });
      }
    });
    return insertSlots({ x, y }, inserts);
  }
  return downsample(cols, slots, slotOf, gaps, medians, Math.max(1, Math.floor((limit - gapCount) / 2)));
}

function downsample(
  cols: readonly Column[],
  slots: Float64Array,
  slotOf: Int32Array[],
  gaps: number[][],
  medians: (number | undefined)[],
  buckets: number,
): Aligned {
  const x0 = slots[0] as number;
  const width = ((slots[slots.length - 1] as number) - x0 + 1) / buckets;
  const bucketOfSlot = new Int32Array(slots.length);
  for (let k = 0; k < slots.length; k++) bucketOfSlot[k] = Math.min(buckets - 1, Math.floor(((slots[k] as number) - x0) / width));
  // output slots: per non-empty bucket, its first and (when different) last union slot
  const firstOut = new Int32Array(buckets).fill(-1);
  const lastOut = new Int32Array(buckets).fill(-1);
  const x: number[] = [];
  for (let k = 0; k < slots.length; k++) {
    const b = bucketOfSlot[k] as number;
    const nextSame = k + 1 < slots.length && bucketOfSlot[k + 1] === b;
    if (firstOut[b] === -1) {
      firstOut[b] = x.length;
      lastOut[b] = x.length;
      x.push(slots[k] as number);
    } else if (!nextSame) {
      lastOut[b] = x.length;
      x.push(slots[k] as number);
    }
  }
  const y = cols.map((c, i) => {
    const col: (number | null)[] = new Array<number | null>(x.length).fill(null);
    const map = slotOf[i] as Int32Array;
    let j = 0;
    while (j < c.ts.length) {
      const b = bucketOfSlot[map[j] as number] as number;
      let minJ = -1, maxJ = -1;
      for (; j < c.ts.length && bucketOfSlot[map[j] as number] === b; j++) {
        const v = c.values[j] as number;
        if (!Number.isFinite(v)) continue;
        if (minJ < 0 || v < (c.values[minJ] as number)) minJ = j;
        if (maxJ < 0 || v > (c.values[maxJ] as number)) maxJ = j;
      }
      if (minJ < 0) continue;
      const early = Math.min(minJ, maxJ), late = Math.max(minJ, maxJ);
      col[firstOut[b] as number] = c.values[early] as number;
      col[lastOut[b] as number] = c.values[late] as number;
    }
    return col;
  });
  const inserts: { after: number; t: number }[] = [];
  gaps.forEach((g, i) => {
    const map = slotOf[i] as Int32Array;
    for (const j of g) {
      const ba = bucketOfSlot[map[j] as number] as number, bb = bucketOfSlot[map[j + 1] as number] as number;
      if (ba === bb) continue; // why: a gap inside one bucket is below the drawn resolution
      const a = lastOut[ba] as number, b = firstOut[bb] as number;
      if (b - a === 1) inserts.push({ after: a, t: between(x[a] as number, x[b] as number, medians[i] as number) });
    }
  });
  return insertSlots({ x, y }, inserts);
}
