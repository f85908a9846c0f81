// Series identity and the head table: upserting series, writing raw samples, reading them back
// (chunks + head, transparently) as one ascending array.
import type Database from 'better-sqlite3';
import type { Labels, SeriesSamples } from '../../../shared/model';
import { decodeChunkInto } from './codec';
import type { HeadState } from './head-state';
import { lowerBound, mergeHeadRows, upperBound } from './sorted';
import type { RangeResult, StoredSeries } from './types';

type Row = [number, number | null]; // [t, v] with v NULL = NaN

const toDb = (v: number): number | null => (Number.isNaN(v) ? null : v);
const fromDb = (v: number | null): number => (v === null ? NaN : v);

export class SeriesTable {
  /** key → id; ids added inside a failed transaction are removed again (see forgetKeys). */
  private readonly ids = new Map<string, number>();
  private readonly meta = new Map<number, StoredSeries>();
  private readonly st;

  /** Prepared multi-row head inserts by row count; why: one statement per sample dominates ingest cost. */
  private readonly bulk = new Map<number, Database.Statement<(number | null)[]>>();

  constructor(
    private readonly db: Database.Database,
    private readonly heads: HeadState,
  ) {
    this.st = {
      upsert: db.prepare<[string, string, string, string], { id: number }>(
        'INSERT INTO series (key, source, query, labels) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id',
      ),
      byQuery: db.prepare<[string, string], { id: number; key: string; source: string; query: string; labels: string }>(
        'SELECT id, key, source, query, labels FROM series WHERE source = ? AND query = ? ORDER BY key',
      ),
      byId: db.prepare<[number], { id: number; key: string; source: string; query: string; labels: string }>(
        'SELECT id, key, source, query, labels FROM series WHERE id = ?',
      ),
      lastT: db.prepare<[string, string], { t: number | null }>(
        `SELECT max(max(coalesce((SELECT max(t) FROM head WHERE series_id = s.id), -1),
                        coalesce((SELECT t_max FROM chunks WHERE series_id = s.id ORDER BY t_min DESC LIMIT 1), -1))) AS t
           FROM series s WHERE source = ? AND query = ?`,
      ),
      chunksIn: db
        .prepare<[number, number, number], [number, number, number, Buffer]>(
          'SELECT t_min, t_max, count, blob FROM chunks WHERE series_id = ? AND t_min <= ? AND t_max >= ? ORDER BY t_min',
        )
        .raw(),
      headIn: db
        .prepare<[number, number, number], Row>('SELECT t, v FROM head WHERE series_id = ? AND t >= ? AND t <= ? ORDER BY t')
        .raw(),
      headLatest: db.prepare<[number, number], { t: number; v: number | null }>(
        'SELECT t, v FROM head WHERE series_id = ? AND t <= ? ORDER BY t DESC LIMIT 1',
      ),
      chunkLatest: db.prepare<[number, number], { t_max: number; count: number; blob: Buffer }>(
        'SELECT t_max, count, blob FROM chunks WHERE series_id = ? AND t_min <= ? ORDER BY t_min DESC LIMIT 1',
      ),
    };
  }

  /** Writes samples at or after `minT` (older ones would be deleted by retention anyway). Call inside a transaction. */
  write(samples: readonly SeriesSamples[], minT: number, added: string[]): void {
    const rows: (number | null)[] = []; // flat [series_id, t, v, …]
    for (const s of samples) {
      if (s.ts.length !== s.values.length) throw new RangeError(`series ${s.key}: ${s.ts.length} timestamps but ${s.values.length} values`);
      let id: number | undefined;
      let lo = Infinity, hi = -Infinity, n = 0;
      for (let i = 0; i < s.ts.length; i++) {
        const t = s.ts[i] as number;
        if (!Number.isInteger(t) || t < 0) throw new RangeError(`series ${s.key}: bad timestamp ${t}`);
        if (t < minT) continue;
        id ??= this.idOf(s, added);
        rows.push(id, t, toDb(s.values[i] as number));
        if (t < lo) lo = t;
        if (t > hi) hi = t;
        n++;
      }
      if (id !== undefined) this.heads.noteWrite(id, lo, hi, n);
    }
    this.insertRows(rows);
  }

  private insertRows(rows: (number | null)[]): void {
    let at = 0;
    const total = rows.length / 3;
    for (const size of [256, 32, 4, 1]) {
      const st = this.bulkInsert(size);
      while (total - at >= size) {
        st.run(...rows.slice(at * 3, (at + size) * 3));
        at += size;
      }
    }
  }

  private bulkInsert(size: number): Database.Statement<(number | null)[]> {
    let st = this.bulk.get(size);
    if (!st) {
      const values = Array.from({ length: size }, () => '(?, ?, ?)').join(', ');
      st = this.db.prepare<(number | null)[]>(
        `INSERT INTO head (series_id, t, v) VALUES ${values} ON CONFLICT (series_id, t) DO UPDATE SET v = excluded.v`,
      );
      this.bulk.set(size, st);
    }
    return st;
  }

  private idOf(s: SeriesSamples, added: string[]): number {
    const known = this.ids.get(s.key);
    if (known !== undefined) return known;
    const row = this.st.upsert.get(s.key, s.source, s.query, JSON.stringify(s.labels));
    if (!row) throw new Error(`series ${s.key}: upsert returned no id`);
    this.ids.set(s.key, row.id);
    added.push(s.key);
    return row.id;
  }

  /** After a rolled-back transaction or a deletion: drop cached ids that may no longer exist. */
  forgetKeys(keys: readonly string[]): void {
    for (const k of keys) {
      const id = this.ids.get(k);
      this.ids.delete(k);
      if (id !== undefined) this.meta.delete(id);
    }
  }

  forgetIds(ids: readonly number[]): void {
    const dead = new Set(ids);
    for (const id of ids) this.meta.delete(id);
    for (const [k, id] of this.ids) if (dead.has(id)) this.ids.delete(k);
  }

  seriesFor(source: string, query: string): StoredSeries[] {
    return this.st.byQuery.all(source, query).map((r) => this.remember(r));
  }

  series(id: number): StoredSeries {
    const cached = this.meta.get(id);
    if (cached) return cached;
    const row = this.st.byId.get(id);
    if (!row) throw new Error(`unknown series id ${id}`);
    return this.remember(row);
  }

  private remember(r: { id: number; key: string; source: string; query: string; labels: string }): StoredSeries {
    const cached = this.meta.get(r.id);
    if (cached) return cached;
    const s: StoredSeries = { id: r.id, key: r.key, source: r.source, query: r.query, labels: JSON.parse(r.labels) as Labels };
    this.meta.set(r.id, s);
    return s;
  }

  lastSampleAt(source: string, query: string): number | undefined {
    const t = this.st.lastT.get(source, query)?.t;
    return t === null || t === undefined || t < 0 ? undefined : t;
  }

  range(id: number, from: number, to: number): RangeResult {
    const series = this.series(id);
    const chunks = this.st.chunksIn.all(id, to, from);
    const head = this.st.headIn.all(id, from, to);
    let total = 0;
    for (const c of chunks) total += c[2];
    const cts = new Float64Array(total);
    const cvs = new Float64Array(total);
    let n = 0;
    for (const c of chunks) n += decodeChunkInto(c[3], cts, cvs, n);
    // chunks are non-overlapping and ordered: trim the edges of the first and last one
    const a = lowerBound(cts, n, from);
    const b = upperBound(cts, n, to);
    const ts = cts.subarray(a, b);
    const values = cvs.subarray(a, b);
    if (head.length === 0) return { series, ts, values };
    return { series, ...mergeHeadRows(ts, values, head) };
  }

  latest(id: number, at: number): { t: number; v: number } | undefined {
    const h = this.st.headLatest.get(id, at);
    const c = this.st.chunkLatest.get(id, at);
    if (c && (!h || c.t_max > h.t)) {
      const ts = new Float64Array(c.count);
      const vs = new Float64Array(c.count);
      const n = decodeChunkInto(c.blob, ts, vs, 0);
      const i = upperBound(ts, n, at) - 1;
      if (i >= 0 && (!h || (ts[i] as number) > h.t)) return { t: ts[i] as number, v: vs[i] as number };
    }
    return h ? { t: h.t, v: fromDb(h.v) } : undefined;
  }
}
