// The head: unsealed samples of every series, kept in memory for reads and sealing, and in the
// `head_log` table (one appended row per batch, head-log.ts) only to survive a restart.
// Invariant: a series' head samples are all newer than its newest sealed sample (sealedMax);
// late samples go straight into chunks (see seal.ts mergeLate).
import type Database from 'better-sqlite3';
import { decodeHeadLog } from './head-log';
import { lowerBound, upperBound } from './sorted';

export interface SeriesHead {
  /** unix ms, ascending */
  ts: number[];
  values: number[];
  /** Newest sealed sample time (ms); -Infinity when nothing is sealed. */
  sealedMax: number;
  /** seal() skips the series until its `before` passes this (ms). */
  retryAfter: number;
}

/** A batch's head samples, to be applied to the in-memory head once the transaction commits:
 *  series `ids[i]` has samples ends[i - 1] (0 for the first) .. ends[i] − 1 of `ts` / `values`, in
 *  time order, values as the head log keeps them. Flat typed arrays kept by the table and reused by
 *  the next write. why: per-series objects were a large part of the ingest cost (garbage collection
 *  the largest single entry of its profile), and a poll writes one sample to each of thousands of series. */
export interface PendingHead {
  count: number;
  ids: Int32Array;
  /** The head of series ids[i] when it had one at the write (saves looking it up again); emptied by apply. */
  heads: (SeriesHead | undefined)[];
  ends: Int32Array;
  ts: Float64Array;
  values: Float64Array;
}

export interface HeadLimits {
  /** Samples that fill a chunk. */
  maxCount: number;
  /** ms a chunk may span. */
  maxSpanMs: number;
  /** Cut each series' first chunk short by a per-series amount. */
  stagger: boolean;
}

export class Head {
  readonly map = new Map<number, SeriesHead>();

  constructor(
    db: Database.Database,
    private readonly limits: HeadLimits,
  ) {
    const sealed = db.prepare<[], { id: number; max: number }>('SELECT series_id AS id, max(t_max) AS max FROM chunks GROUP BY series_id');
    for (const r of sealed.all()) this.get(r.id).sealedMax = r.max;
    const rows = db.prepare<[], [number, Buffer]>('SELECT t_min, blob FROM head_log ORDER BY seq').raw();
    for (const [tMin, blob] of rows.iterate()) {
      decodeHeadLog(blob, tMin, (id, t, v) => {
        const h = this.get(id);
        // why: samples sealed since the last log cleanup are still in the log
        if (t > h.sealedMax) this.add(h, t, v);
      });
    }
    for (const [id, h] of this.map) this.plan(id, h);
  }

  get(id: number): SeriesHead {
    let h = this.map.get(id);
    if (!h) {
      h = { ts: [], values: [], sealedMax: -Infinity, retryAfter: Infinity };
      this.map.set(id, h);
    }
    return h;
  }

  /** Samples that fill the next chunk. A series' first chunk is cut short by a per-series amount so
   *  series started together do not all fill their chunks in the same minute. */
  need(id: number, h: SeriesHead | undefined = this.map.get(id)): number {
    if (!this.limits.stagger || (h && h.sealedMax !== -Infinity)) return this.limits.maxCount;
    const half = Math.max(1, Math.floor(this.limits.maxCount / 2));
    return this.limits.maxCount - (((id * 2_654_435_761) >>> 0) % half);
  }

  /** Inserts in time order; an existing timestamp is overwritten (the newer write wins). */
  add(h: SeriesHead, t: number, v: number): void {
    const n = h.ts.length;
    if (n === 0 || t > (h.ts[n - 1] as number)) {
      h.ts.push(t);
      h.values.push(v);
      return;
    }
    const i = lowerBound(h.ts, n, t);
    if (h.ts[i] === t) h.values[i] = v;
    else {
      h.ts.splice(i, 0, t);
      h.values.splice(i, 0, v);
    }
  }

  /** Adds a committed batch's head samples (series.ts write). */
  apply(p: PendingHead): void {
    for (let i = 0, j = 0; i < p.count; i++) {
      const id = p.ids[i] as number;
      const end = p.ends[i] as number;
      const h = p.heads[i] ?? this.get(id);
      p.heads[i] = undefined;
      for (; j < end; j++) this.add(h, p.ts[j] as number, p.values[j] as number);
      this.plan(id, h);
    }
  }

  /** When seal() should next look at a series: once its chunk-filling sample, or its first sample
   *  plus the chunk span, is older than `before`. */
  plan(id: number, h: SeriesHead): void {
    const first = h.ts[0];
    if (first === undefined) {
      h.retryAfter = Infinity;
      return;
    }
    const full = h.ts[this.need(id, h) - 1];
    h.retryAfter = Math.min(first + this.limits.maxSpanMs, full ?? Infinity);
  }

  /** Drops samples older than `t`. */
  trim(h: SeriesHead, t: number): void {
    const k = lowerBound(h.ts, h.ts.length, t);
    if (k === 0) return;
    h.ts.splice(0, k);
    h.values.splice(0, k);
  }

  /** Samples in [from, to]. */
  slice(id: number, from: number, to: number): { ts: number[]; values: number[] } {
    const h = this.map.get(id);
    if (!h) return { ts: [], values: [] };
    const a = lowerBound(h.ts, h.ts.length, from);
    const b = upperBound(h.ts, h.ts.length, to);
    return { ts: h.ts.slice(a, b), values: h.values.slice(a, b) };
  }

  /** Oldest unsealed sample of any series; every head row older than this is sealed or dropped. */
  oldest(): number {
    let min = Infinity;
    for (const h of this.map.values()) {
      const f = h.ts[0];
      if (f !== undefined && f < min) min = f;
    }
    return min;
  }

  size(): number {
    let n = 0;
    for (const h of this.map.values()) n += h.ts.length;
    return n;
  }

  forget(ids: readonly number[]): void {
    for (const id of ids) this.map.delete(id);
  }
}
