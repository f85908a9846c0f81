// Per-query outcomes and per-source status, stored as runs: a row per run of equal outcomes with
// its first and newest poll time. A poll that changes nothing costs one UPDATE and no new row.
// Reading "as of T" inside a run that continued past T reports T as the newest poll: the exact
// poll times inside a run are not kept (they are at most one interval apart).
import type Database from 'better-sqlite3';
import type { Batch, SourceStatus } from '../../../shared/model';
import type { QueryOutcomeAt } from './types';

/** One run of equal poll outcomes of a source: polled from `at` to `lastAt` (unix ms). */
export interface StatusRun {
  source: string;
  at: number;
  lastAt: number;
  ok: boolean;
  reason?: string;
}

type RunRow = { id: number; ok: number; reason: string | null; last_at: number; last_ok_at: number | null };
type Run = { id: number; ok: number; reason: string | null };

export class OutcomeTables {
  private readonly st;
  /** source → query → its newest run; saves a SELECT per query per poll. Cleared by forget()
   *  after a rolled-back transaction, and when a cached run turns out to be gone (retention).
   *  why by source, then query: no key string built per query per poll */
  private readonly runs = new Map<string, Map<string, Run>>();
  /** source → the kind written for it by this store; why: rewriting the same row each poll dirties
   *  a page the commit then writes. Cleared by forget(). */
  private readonly kinds = new Map<string, string>();
  /** Sources that polled since this store was opened. why: a run is extended only by polls of the
   *  same process; the first poll after a start opens a new run even with the same outcome, so the
   *  time the wall was not running stays a span without polls (the replay bar's "wall not running")
   *  instead of reading as polled (ok, or down) all along. */
  private readonly polledHere = new Set<string>();

  constructor(db: Database.Database) {
    this.st = {
      queryRun: db.prepare<[string, string], RunRow>(
        'SELECT id, ok, reason, last_at, NULL AS last_ok_at FROM query_outcomes WHERE source = ? AND query = ? ORDER BY at DESC LIMIT 1',
      ),
      queryExtend: db.prepare<[number, number]>('UPDATE query_outcomes SET last_at = max(last_at, ?) WHERE id = ?'),
      // why one statement: a poll of 160 queries that all kept their outcome is one UPDATE, not 160
      queryExtendMany: db.prepare<[number, string]>('UPDATE query_outcomes SET last_at = max(last_at, ?) WHERE id IN (SELECT value FROM json_each(?))'),
      queryInsert: db.prepare<[string, string, number, number, number, string | null]>(
        'INSERT INTO query_outcomes (source, query, at, last_at, ok, reason) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      queryAt: db.prepare<[string, string, number], { at: number; last_at: number; ok: number; reason: string | null }>(
        'SELECT at, last_at, ok, reason FROM query_outcomes WHERE source = ? AND query = ? AND at <= ? ORDER BY at DESC LIMIT 1',
      ),
      source: db.prepare<[string, string]>('INSERT INTO sources (id, kind) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind'),
      statusRun: db.prepare<[string], RunRow>(
        'SELECT id, ok, reason, last_at, last_ok_at FROM source_status WHERE source = ? ORDER BY at DESC LIMIT 1',
      ),
      statusExtend: db.prepare<[number, number, number]>('UPDATE source_status SET last_at = max(last_at, ?), duration_ms = ? WHERE id = ?'),
      statusInsert: db.prepare<[string, number, number, number, string | null, number, number | null]>(
        'INSERT INTO source_status (source, at, last_at, ok, reason, duration_ms, last_ok_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      statusAt: db.prepare<
        [{ at: number }],
        { source: string; kind: string; at: number | null; last_at: number | null; ok: number | null; reason: string | null; last_ok_at: number | null }
      >(
        `SELECT s.id AS source, s.kind AS kind, r.at, r.last_at, r.ok, r.reason, r.last_ok_at
           FROM sources s
           JOIN source_status r ON r.id = (SELECT id FROM source_status WHERE source = s.id AND at <= @at ORDER BY at DESC LIMIT 1)
          ORDER BY s.id`,
      ),
      runs: db.prepare<[{ from: number; to: number }], { source: string; at: number; last_at: number; ok: number; reason: string | null }>(
        `SELECT source, at, last_at, ok, reason FROM source_status WHERE last_at >= @from AND at <= @to ORDER BY source, at`,
      ),
    };
  }

  /** Every status run overlapping [from, to], by source then time. */
  statusRuns(from: number, to: number): StatusRun[] {
    return this.st.runs.all({ from, to }).map((r) => ({
      source: r.source,
      at: r.at,
      lastAt: r.last_at,
      ok: r.ok === 1,
      ...(r.ok === 1 ? {} : { reason: r.reason ?? 'error' }),
    }));
  }

  /** Call inside the batch transaction. */
  write(batch: Batch): void {
    const extended: number[] = [];
    for (const q of batch.queries) {
      const reason = q.outcome.ok ? null : q.outcome.reason;
      const ok = Number(q.outcome.ok);
      const runs = this.runsOf(q.source);
      // why only the cache: a run in the file but not cached is from before this start (or was rolled back)
      const run = runs.get(q.query);
      if (run && run.ok === ok && run.reason === reason) extended.push(run.id);
      else {
        const id = Number(this.st.queryInsert.run(q.source, q.query, batch.at, batch.at, ok, reason).lastInsertRowid);
        runs.set(q.query, { id, ok, reason });
      }
    }
    if (extended.length && this.st.queryExtendMany.run(batch.at, JSON.stringify(extended)).changes !== extended.length) {
      // a cached run was deleted by retention meanwhile: forget the cache and write this poll the long way
      this.runs.clear();
      for (const q of batch.queries) {
        const reason = q.outcome.ok ? null : q.outcome.reason;
        const ok = Number(q.outcome.ok);
        const run = this.st.queryRun.get(q.source, q.query);
        let id: number;
        if (run && run.ok === ok && run.reason === reason) this.st.queryExtend.run(batch.at, (id = run.id));
        else id = Number(this.st.queryInsert.run(q.source, q.query, batch.at, batch.at, ok, reason).lastInsertRowid);
        this.runsOf(q.source).set(q.query, { id, ok, reason });
      }
    }
    if (this.kinds.get(batch.source) !== batch.kind) {
      this.st.source.run(batch.source, batch.kind);
      this.kinds.set(batch.source, batch.kind);
    }
    const reason = batch.status.ok ? null : batch.status.reason;
    const run = this.st.statusRun.get(batch.source);
    const extend = run && this.polledHere.has(batch.source) && run.ok === Number(batch.status.ok) && run.reason === reason;
    this.polledHere.add(batch.source);
    if (run && extend) {
      this.st.statusExtend.run(batch.at, batch.durationMs, run.id);
    } else {
      const lastOk = run ? (run.ok ? run.last_at : run.last_ok_at) : null;
      // why the min: after the clock went back the previous run may end in the future, and a success
      // "later than now" would make the data age read 0 while this source fails
      this.st.statusInsert.run(batch.source, batch.at, batch.at, Number(batch.status.ok), reason, batch.durationMs, lastOk === null ? null : Math.min(lastOk, batch.at));
    }
  }

  /** After a rolled-back transaction: cached runs and kinds may name rows that were never committed. */
  forget(): void {
    this.runs.clear();
    this.kinds.clear();
  }

  private runsOf(source: string): Map<string, Run> {
    let runs = this.runs.get(source);
    if (!runs) this.runs.set(source, (runs = new Map()));
    return runs;
  }

  queryOutcomeAt(source: string, query: string, at: number): QueryOutcomeAt | undefined {
    const r = this.st.queryAt.get(source, query, at);
    if (!r) return undefined;
    const when = Math.min(r.last_at, at);
    return r.ok ? { ok: true, at: when } : { ok: false, reason: r.reason ?? 'error', at: when };
  }

  sourceStatusAt(at: number): Omit<SourceStatus, 'state' | 'intervalMs' | 'dataAgeMs'>[] {
    const out: Omit<SourceStatus, 'state' | 'intervalMs' | 'dataAgeMs'>[] = [];
    for (const r of this.st.statusAt.all({ at })) {
      if (r.at === null || r.last_at === null) continue;
      const lastAttempt = Math.min(r.last_at, at);
      const lastSuccess = r.ok ? lastAttempt : r.last_ok_at === null ? null : Math.min(r.last_ok_at, at);
      out.push({
        sourceId: r.source,
        kind: r.kind as SourceStatus['kind'],
        lastAttempt,
        ...(lastSuccess !== null ? { lastSuccess } : {}),
        ...(!r.ok ? { reason: r.reason ?? 'error' } : {}),
      });
    }
    return out;
  }
}
