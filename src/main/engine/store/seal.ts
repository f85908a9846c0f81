// Moving head samples into compressed chunks, writing each chunk once.
// seal(before) seals a series' samples older than `before` when they fill whole chunks; an unfilled
// remainder waits in the head until it fills up or can no longer grow (its first sample is more than
// maxSpan older than `before`). Late samples that fall inside sealed chunks are merged into them,
// so chunks of one series never overlap. The head is read transparently, so nothing is hidden.
import type Database from 'better-sqlite3';
import { decodeChunkInto, encodeChunk } from './codec';
import type { HeadState } from './head-state';
import { mergeHeadRows } from './sorted';

export interface SealLimits {
  /** Samples per chunk, at most. */
  maxCount: number;
  /** ms between a chunk's first and last sample, at most. */
  maxSpanMs: number;
  /** Samples moved per call, roughly (whole series at a time). */
  maxSamplesPerCall: number;
}

// why 120: at 15 s that is 30 min per chunk, which keeps the uncompressed head small while the
// per-chunk header and row cost stays ~0.3 byte/sample
export const DEFAULT_SEAL_LIMITS: SealLimits = { maxCount: 120, maxSpanMs: 2 * 3_600_000, maxSamplesPerCall: 30_000 };

type ChunkRow = { id: number; t_min: number; t_max: number; count: number; blob: Buffer };
type HeadRow = [number, number | null];

export function createSealer(db: Database.Database, heads: HeadState, limits: SealLimits = DEFAULT_SEAL_LIMITS) {
  const st = {
    head: db.prepare<[number], HeadRow>('SELECT t, v FROM head WHERE series_id = ? ORDER BY t').raw(),
    overlapping: db.prepare<[number, number, number], ChunkRow>(
      'SELECT id, t_min, t_max, count, blob FROM chunks WHERE series_id = ? AND t_max >= ? AND t_min <= ? ORDER BY t_min',
    ),
    tail: db.prepare<[number, number], ChunkRow>(
      'SELECT id, t_min, t_max, count, blob FROM chunks WHERE series_id = ? AND t_min < ? ORDER BY t_min DESC LIMIT 1',
    ),
    deleteChunk: db.prepare<[number]>('DELETE FROM chunks WHERE id = ?'),
    insertChunk: db.prepare<[number, number, number, number, Buffer]>(
      'INSERT INTO chunks (series_id, t_min, t_max, count, blob) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteHead: db.prepare<[number, number]>('DELETE FROM head WHERE series_id = ? AND t < ?'),
  };

  /** Greedy cut into pieces of ≤ maxCount samples spanning ≤ maxSpanMs; returns end indices. */
  function cut(ts: Float64Array): number[] {
    const ends: number[] = [];
    let start = 0;
    for (let i = 1; i <= ts.length; i++) {
      if (i === ts.length || i - start >= limits.maxCount || (ts[i] as number) - (ts[start] as number) > limits.maxSpanMs) {
        ends.push(i);
        start = i;
      }
    }
    return ends;
  }

  function sealSeries(id: number, before: number): number {
    const all = st.head.all(id);
    let n = 0;
    while (n < all.length && (all[n] as HeadRow)[0] < before) n++;
    if (n === 0) return 0;
    const pending = all.slice(0, n);
    const first = (pending[0] as HeadRow)[0];
    const last = (pending[n - 1] as HeadRow)[0];
    const merge = st.overlapping.all(id, first, last);
    const late = merge.length > 0;
    const tail = st.tail.get(id, first);
    // why: top up a chunk flushed unfilled earlier, instead of leaving a small one behind it
    if (tail && !merge.some((c) => c.id === tail.id) && tail.t_max < first && tail.count < limits.maxCount && first - tail.t_min < limits.maxSpanMs) {
      merge.unshift(tail);
    }
    let old = 0;
    for (const c of merge) old += c.count;
    const cts = new Float64Array(old);
    const cvs = new Float64Array(old);
    let k = 0;
    for (const c of merge) k += decodeChunkInto(c.blob, cts, cvs, k);
    const { ts, values } = mergeHeadRows(cts.subarray(0, k), cvs.subarray(0, k), pending);
    const ends = cut(ts);
    // the last piece stays in the head while it can still grow, unless late data forces a rewrite
    const lastStart = ends.length > 1 ? (ends[ends.length - 2] as number) : 0;
    const lastCount = ts.length - lastStart;
    const canGrow = lastCount < limits.maxCount && (ts[lastStart] as number) >= before - limits.maxSpanMs;
    if (canGrow && !late) {
      if (ends.length === 1) return 0;
      ends.pop();
    }
    for (const c of merge) st.deleteChunk.run(c.id);
    let start = 0;
    for (const end of ends) {
      const blob = encodeChunk(ts.subarray(start, end), values.subarray(start, end));
      st.insertChunk.run(id, ts[start] as number, ts[end - 1] as number, end - start, Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength));
      start = end;
    }
    const sealedUpTo = start === ts.length ? before : (ts[start] as number);
    st.deleteHead.run(id, sealedUpTo);
    let moved = 0;
    for (const r of pending) if (r[0] < sealedUpTo) moved++;
    return moved;
  }

  /** When seal() next needs to look at a series: when its pending samples could fill a chunk or stop growing. */
  function planNext(id: number): void {
    const rows = st.head.all(id);
    const h = heads.get(id);
    heads.refresh(id);
    const f = rows[0];
    if (!f) return;
    const full = rows[limits.maxCount - 1];
    h.retryAfter = Math.min(f[0] + limits.maxSpanMs, full ? full[0] : Infinity);
  }

  /** Seals in one transaction, a bounded amount per call. Returns samples moved; call again while > 0. */
  return function seal(before: number): number {
    return db
      .transaction(() => {
        let moved = 0;
        for (const [id, h] of heads.map) {
          if (!(h.min < before) || !(h.late || before > h.retryAfter)) continue;
          moved += sealSeries(id, before);
          planNext(id);
          if (moved >= limits.maxSamplesPerCall) break;
        }
        return moved;
      })
      .immediate();
  };
}
