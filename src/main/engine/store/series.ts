// Series identity and samples: upserting series, writing head samples, and reading chunks + head
// back as one ascending array.
import type Database from 'better-sqlite3';
import type { Labels, SeriesSamples } from '../../../shared/model';
import { decodeChunkInto } from './codec';
import type { Head, PendingHead, SeriesHead } from './head';
import { HeadLogWriter } from './head-log';
import { LOSSLESS_DIGITS, roundDecimal } from './precision';
import { lowerBound, upperBound } from './sorted';
import type { RangeResult, StoredSeries } from './types';

// why: 65,536 samples (1 MiB of kept arrays) hold a poll of tens of thousands of series
const KEEP_SAMPLES = 65_536;

type SeriesRow = { id: number; key: string; source: string; query: string; labels: string };

export class SeriesTable {
  /** key → id; ids added inside a failed transaction are removed again (see forgetKeys). */
  private readonly ids = new Map<string, number>();
  /** source → the keys and ids of its previous write, in the order written. why: a source sends its
   *  series in the same order poll after poll, so the key at the same place (one string compare)
   *  finds the id without hashing the key into `ids` (that lookup was the largest JS entry of the
   *  ingest profile), and its head without a lookup in the head's map. Only a cache of `ids` and of
   *  the head's map (a series keeps its head object until it is deleted): cleared whenever an id is
   *  dropped from `ids` (a rolled-back write, deleted series, which the head forgets at once). */
  private readonly order = new Map<string, { keys: string[]; ids: number[]; heads: (SeriesHead | undefined)[] }>();
  private readonly meta = new Map<number, StoredSeries>();
  /** source + NUL + query → its series by key; why: a snapshot asks once per panel (and once more
   *  for its anomaly scores), 80 SELECTs for a 40-panel wall, the largest part of snapshot(at).
   *  Dropped for a query when it gains a series, and whole when series are deleted or a transaction
   *  that added some rolls back. */
  private readonly byQuery = new Map<string, readonly StoredSeries[]>();
  private readonly st;
  private readonly log = new HeadLogWriter();
  private readonly pending: PendingHead = { count: 0, ids: new Int32Array(0), heads: [], ends: new Int32Array(0), ts: new Float64Array(0), values: new Float64Array(0) };

  constructor(
    db: Database.Database,
    private readonly head: Head,
    private readonly mergeLate: (id: number, ts: number[], values: number[]) => void,
    /** Significant digits the head log keeps: the sealer's own setting (the same object), so a
     *  reloaded board's precision applies to both at once. */
    private readonly precision: { readonly significantDigits: number },
  ) {
    this.st = {
      insertLog: db.prepare<[number, number, Buffer]>('INSERT INTO head_log (t_min, t_max, blob) VALUES (?, ?, ?)'),
      upsert: db.prepare<[string, string, string, string], { id: number }>(
        'INSERT INTO series (key, source, query, labels) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id',
      ),
      byQuery: db.prepare<[string, string], SeriesRow>('SELECT id, key, source, query, labels FROM series WHERE source = ? AND query = ? ORDER BY key'),
      byId: db.prepare<[number], SeriesRow>('SELECT id, key, source, query, labels FROM series WHERE id = ?'),
      chunksIn: db
        .prepare<[number, number, number], [number, number, number, Buffer]>(
          'SELECT t_min, t_max, count, blob FROM chunks WHERE series_id = ? AND t_min <= ? AND t_max >= ? ORDER BY t_min',
        )
        .raw(),
      chunkLatest: db.prepare<[number, number], { count: number; blob: Buffer }>(
        'SELECT count, blob FROM chunks WHERE series_id = ? AND t_min <= ? ORDER BY t_min DESC LIMIT 1',
      ),
    };
  }

  /** Writes samples at or after `minT` (older ones would be deleted by retention anyway): head
   *  samples as one head-log row, late ones merged into their chunks. Call inside a transaction;
   *  apply the result to the head after it commits, before the next write (it reuses the arrays). */
  write(source: string, samples: readonly SeriesSamples[], minT: number, added: string[]): PendingHead {
    const digits = this.precision.significantDigits;
    let known = this.order.get(source);
    if (!known) this.order.set(source, (known = { keys: [], ids: [], heads: [] }));
    let total = 0;
    for (const s of samples) total += s.ts.length;
    const p = this.reserve(samples.length, total);
    let n = 0, count = 0, tMin = Infinity, tMax = -Infinity;
    for (let at = 0; at < samples.length; at++) {
      const s = samples[at] as SeriesSamples;
      if (s.ts.length !== s.values.length) throw new RangeError(`series ${s.key}: ${s.ts.length} timestamps but ${s.values.length} values`);
      let id: number | undefined;
      let sealedMax = -Infinity;
      let h: SeriesHead | undefined;
      let late: { ts: number[]; values: number[] } | undefined;
      const start = n;
      for (let i = 0; i < s.ts.length; i++) {
        const t = s.ts[i] as number;
        if (!Number.isInteger(t) || t < 0) throw new RangeError(`series ${s.key}: bad timestamp ${t}`);
        if (t < minT) continue;
        if (id === undefined) {
          if (known.keys[at] === s.key) {
            id = known.ids[at] as number;
            h = known.heads[at] ?? (known.heads[at] = this.head.map.get(id));
          } else {
            id = this.idOf(s, added);
            h = this.head.map.get(id);
            known.keys[at] = s.key;
            known.ids[at] = id;
            known.heads[at] = h;
          }
          sealedMax = h?.sealedMax ?? -Infinity;
        }
        const v = s.values[i] as number;
        if (t <= sealedMax) {
          late ??= { ts: [], values: [] };
          late.ts.push(t);
          late.values.push(digits < LOSSLESS_DIGITS ? roundDecimal(v, digits) : v);
          continue;
        }
        p.ts[n] = t;
        p.values[n++] = v;
        if (t < tMin) tMin = t;
        if (t > tMax) tMax = t;
      }
      if (id === undefined) continue;
      if (late) this.mergeLate(id, late.ts, late.values);
      if (n > start) {
        p.ids[count] = id;
        p.heads[count] = h;
        p.ends[count++] = n;
      }
    }
    p.count = count;
    if (count > 0) {
      // why round here, once: the head then reads exactly as the row it restarts from and the chunk it becomes
      const log = this.log;
      log.begin(tMin);
      for (let i = 0, j = 0; i < count; i++) {
        const end = p.ends[i] as number;
        log.series(p.ids[i] as number, end - j);
        for (; j < end; j++) p.values[j] = log.sample(p.ts[j] as number, p.values[j] as number, digits);
      }
      this.st.insertLog.run(tMin, tMax, log.bytes());
    }
    return p;
  }

  /** Arrays for a batch of `series` series and `samples` samples: the kept ones, grown, for a poll;
   *  new ones, not kept, for a batch larger than KEEP_SAMPLES (a backfill), so memory stays bounded. */
  private reserve(series: number, samples: number): PendingHead {
    if (samples > KEEP_SAMPLES) return { count: 0, ids: new Int32Array(series), heads: [], ends: new Int32Array(series), ts: new Float64Array(samples), values: new Float64Array(samples) };
    const p = this.pending;
    if (p.ids.length < series) {
      p.ids = new Int32Array(series);
      p.ends = new Int32Array(series);
    }
    if (p.ts.length < samples) {
      p.ts = new Float64Array(samples);
      p.values = new Float64Array(samples);
    }
    return p;
  }

  private idOf(s: SeriesSamples, added: string[]): number {
    const known = this.ids.get(s.key);
    if (known !== undefined) return known;
    const row = this.st.upsert.get(s.key, s.source, s.query, JSON.stringify(s.labels));
    if (!row) throw new Error(`series ${s.key}: upsert returned no id`);
    this.ids.set(s.key, row.id);
    this.byQuery.delete(`${s.source}\0${s.query}`);
    added.push(s.key);
    return row.id;
  }

  /** After a rolled-back transaction: drop cached ids that no longer exist. */
  forgetKeys(keys: readonly string[]): void {
    this.byQuery.clear();
    this.order.clear();
    for (const k of keys) {
      const id = this.ids.get(k);
      this.ids.delete(k);
      if (id !== undefined) this.meta.delete(id);
    }
  }

  forgetIds(ids: readonly number[]): void {
    const dead = new Set(ids);
    this.byQuery.clear();
    this.order.clear();
    for (const id of ids) this.meta.delete(id);
    for (const [k, id] of this.ids) if (dead.has(id)) this.ids.delete(k);
  }

  seriesFor(source: string, query: string): readonly StoredSeries[] {
    const k = `${source}\0${query}`;
    let list = this.byQuery.get(k);
    if (!list) {
      list = this.st.byQuery.all(source, query).map((r) => this.remember(r));
      this.byQuery.set(k, list);
    }
    return list;
  }

  series(id: number): StoredSeries {
    const cached = this.meta.get(id);
    if (cached) return cached;
    const row = this.st.byId.get(id);
    if (!row) throw new Error(`unknown series id ${id}`);
    return this.remember(row);
  }

  private remember(r: SeriesRow): StoredSeries {
    const cached = this.meta.get(r.id);
    if (cached) return cached;
    const s: StoredSeries = { id: r.id, key: r.key, source: r.source, query: r.query, labels: JSON.parse(r.labels) as Labels };
    this.meta.set(r.id, s);
    return s;
  }

  /** Newest sample time at or before `at` of any series of a query. why `at`: after the clock went
   *  back the buffer holds samples stamped in its future, and a source that backfilled from those
   *  would record nothing until the clock caught up with them. */
  lastSampleAt(source: string, query: string, at: number): number | undefined {
    let last = -Infinity;
    for (const s of this.seriesFor(source, query)) {
      const h = this.head.map.get(s.id);
      if (!h) continue;
      const i = upperBound(h.ts, h.ts.length, at) - 1;
      // the head is newer than every chunk, so a head sample at or before `at` is the newest one
      const t = i >= 0 ? (h.ts[i] as number) : h.sealedMax <= at ? h.sealedMax : this.latest(s.id, at)?.t;
      if (t !== undefined) last = Math.max(last, t);
    }
    return last === -Infinity ? undefined : last;
  }

  range(id: number, from: number, to: number): RangeResult {
    const series = this.series(id);
    const chunks = this.st.chunksIn.all(id, to, from);
    const head = this.head.slice(id, from, to);
    let total = 0;
    for (const c of chunks) total += c[2];
    const ts = new Float64Array(total + head.ts.length);
    const values = new Float64Array(total + head.ts.length);
    let n = 0;
    for (const c of chunks) n += decodeChunkInto(c[3], ts, values, n);
    // chunks never overlap and the head is newer than every chunk: trim the edges and write the head
    // over whatever chunk samples lie past `to` (index b onwards)
    const a = lowerBound(ts, n, from);
    const b = Math.max(a, upperBound(ts, n, to));
    const out = b - a + head.ts.length;
    const ots = ts.subarray(a, a + out);
    const ovs = values.subarray(a, a + out);
    ots.set(head.ts, b - a);
    ovs.set(head.values, b - a);
    return { series, ts: ots, values: ovs };
  }

  latest(id: number, at: number): { t: number; v: number } | undefined {
    const h = this.head.map.get(id);
    if (h && h.ts.length) {
      const i = upperBound(h.ts, h.ts.length, at) - 1;
      if (i >= 0) return { t: h.ts[i] as number, v: h.values[i] as number };
    }
    const c = this.st.chunkLatest.get(id, at);
    if (!c) return undefined;
    const ts = new Float64Array(c.count);
    const vs = new Float64Array(c.count);
    const n = decodeChunkInto(c.blob, ts, vs, 0);
    const i = upperBound(ts, n, at) - 1;
    return i >= 0 ? { t: ts[i] as number, v: vs[i] as number } : undefined;
  }
}
