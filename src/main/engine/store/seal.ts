// Moving head samples into compressed chunks, writing each chunk once.
// seal(before) seals a series' samples older than `before` when they fill whole chunks; an unfilled
// remainder waits in the head until it fills up or can no longer grow (its first sample is more than
// maxSpan older than `before`, e.g. the series went quiet), and is then sealed as a short chunk. Late samples (at or before the newest sealed one) are merged into
// the chunks right away by mergeLate, so chunks of a series never overlap and the head is always
// newer than every chunk.
import type Database from 'better-sqlite3';
import { decodeChunkInto, encodeChunk } from './codec';
import type { Head, HeadLimits, SeriesHead } from './head';
import { DEFAULT_SIGNIFICANT_DIGITS } from './precision';
import { lowerBound, mergeHeadRows } from './sorted';

export interface SealLimits extends HeadLimits {
  /** Samples moved per call, roughly (whole series at a time). */
  maxSamplesPerCall: number;
  /** Significant digits kept in sealed chunks (3..17, 17 = lossless); see precision.ts. */
  significantDigits: number;
}

// why 120: at 15 s that is 30 min per chunk, which keeps the uncompressed head small while the
// per-chunk header and row cost stays ~0.3 byte/sample
export const DEFAULT_SEAL_LIMITS: SealLimits = { maxCount: 120, maxSpanMs: 2 * 3_600_000, maxSamplesPerCall: 20_000, stagger: true, significantDigits: DEFAULT_SIGNIFICANT_DIGITS };

type ChunkRow = { t_min: number; t_max: number; count: number; blob: Buffer };

export interface Sealer {
  seal(before: number): number;
  mergeLate(id: number, ts: number[], values: number[]): void;
}

export function createSealer(db: Database.Database, head: Head, limits: SealLimits): Sealer {
  const st = {
    // why the upper bound: after the clock went back, late samples arrive every poll for up to the
    // jump's length, and each must rewrite only the chunks it lands in, not every newer one
    overlapping: db.prepare<[number, number, number], ChunkRow>(
      'SELECT t_min, t_max, count, blob FROM chunks WHERE series_id = ? AND t_max >= ? AND t_min <= ? ORDER BY t_min',
    ),
    deleteChunk: db.prepare<[number, number]>('DELETE FROM chunks WHERE series_id = ? AND t_min = ?'),
    insertChunk: db.prepare<[number, number, number, number, Buffer]>(
      'INSERT INTO chunks (series_id, t_min, t_max, count, blob) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteHead: db.prepare<[number]>('DELETE FROM head_log WHERE t_max < ?'),
  };

  /** Greedy cut into pieces of ≤ maxCount samples (the first ≤ firstCount) spanning ≤ maxSpanMs; returns end indices. */
  function cut(ts: Float64Array, firstCount: number): number[] {
    const ends: number[] = [];
    let start = 0;
    for (let i = 1; i <= ts.length; i++) {
      const limit = ends.length === 0 ? firstCount : limits.maxCount;
      if (i === ts.length || i - start >= limit || (ts[i] as number) - (ts[start] as number) > limits.maxSpanMs) {
        ends.push(i);
        start = i;
      }
    }
    return ends;
  }

  function decode(chunks: ChunkRow[]): { ts: Float64Array; values: Float64Array; n: number } {
    let total = 0;
    for (const c of chunks) total += c.count;
    const ts = new Float64Array(total);
    const values = new Float64Array(total);
    let n = 0;
    for (const c of chunks) n += decodeChunkInto(c.blob, ts, values, n);
    return { ts, values, n };
  }

  function write(id: number, ts: Float64Array, values: Float64Array, ends: number[]): void {
    let start = 0;
    for (const end of ends) {
      const blob = encodeChunk(ts.subarray(start, end), values.subarray(start, end), limits.significantDigits);
      st.insertChunk.run(id, ts[start] as number, ts[end - 1] as number, end - start, Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength));
      start = end;
    }
  }

  /** Seals what is due of one series; returns the head cut (samples before it are sealed), or undefined. */
  function sealSeries(id: number, h: SeriesHead, before: number): { cutAt: number; sealedMax: number; moved: number } | undefined {
    const n = lowerBound(h.ts, h.ts.length, before);
    if (n === 0) return undefined;
    const d = { ts: Float64Array.from(h.ts.slice(0, n)), values: Float64Array.from(h.values.slice(0, n)) };
    const firstCount = head.need(id);
    const ends = cut(d.ts, firstCount);
    // the last piece stays in the head while it can still grow
    const lastStart = ends.length > 1 ? (ends[ends.length - 2] as number) : 0;
    const lastLimit = ends.length > 1 ? limits.maxCount : firstCount;
    if (d.ts.length - lastStart < lastLimit && (d.ts[lastStart] as number) >= before - limits.maxSpanMs) {
      if (ends.length === 1) return undefined;
      ends.pop();
    }
    write(id, d.ts, d.values, ends);
    const end = ends[ends.length - 1] as number;
    const sealedMax = d.ts[end - 1] as number;
    return { cutAt: sealedMax + 1, sealedMax, moved: end };
  }

  return {
    seal(before) {
      const done: { h: SeriesHead; id: number; r: ReturnType<typeof sealSeries> }[] = [];
      const moved = db
        .transaction(() => {
          let total = 0;
          for (const [id, h] of head.map) {
            if (!((h.ts[0] ?? Infinity) < before) || !(before > h.retryAfter)) continue;
            const r = sealSeries(id, h, before);
            done.push({ h, id, r });
            total += r?.moved ?? 0;
            if (total >= limits.maxSamplesPerCall) break;
          }
          return total;
        })
        .immediate();
      // committed: now the in-memory head may follow
      for (const { h, id, r } of done) {
        if (r) {
          head.trim(h, r.cutAt);
          h.sealedMax = r.sealedMax;
        }
        head.plan(id, h);
      }
      if (moved > 0) st.deleteHead.run(head.oldest());
      return moved;
    },

    mergeLate(id, ts, values) {
      const chunks = st.overlapping.all(id, ts[0] as number, ts[ts.length - 1] as number);
      const d = decode(chunks);
      const rows = ts.map((t, i) => [t, values[i] as number] as const);
      const merged = mergeHeadRows(d.ts.subarray(0, d.n), d.values.subarray(0, d.n), rows);
      for (const c of chunks) st.deleteChunk.run(id, c.t_min);
      write(id, merged.ts, merged.values, cut(merged.ts, limits.maxCount));
    },
  };
}
