// What each source showed over time, for alerts and silences: an item seen opens an interval, an
// item gone (or resolved/expired) closes it, and an item whose shown content changed closes the old
// interval and opens a new one, so `at(T)` rebuilds exactly what was shown at T.
// A batch without the list (failed poll) is never passed here: its intervals stay as they were.
import type Database from 'better-sqlite3';
import type { AlertRecord, HealthResult, SilenceRecord } from '../../../shared/model';

const sortedEntries = (o: Record<string, string>): [string, string][] =>
  Object.keys(o)
    .sort()
    .map((k) => [k, o[k] as string]);

/** Identity of what is shown; endsAt is left out because Alertmanager moves it forward on every resend. */
export function alertHash(a: AlertRecord): string {
  return JSON.stringify([
    a.state,
    a.severity,
    a.startsAt,
    sortedEntries(a.labels),
    sortedEntries(a.annotations),
    [...a.silencedBy].sort(),
    [...a.inhibitedBy].sort(),
    a.generatorURL ?? null,
  ]);
}

export function silenceHash(s: SilenceRecord): string {
  return JSON.stringify([s.state, s.startsAt, s.endsAt, s.matchers, s.createdBy, s.comment]);
}

interface IntervalSpec<T> {
  table: 'alert_intervals' | 'silence_intervals';
  idColumn: 'fingerprint' | 'silence_id';
  idOf(item: T): string;
  hashOf(item: T): string;
  /** Items in this state are not shown (closing any open interval). */
  gone(item: T): boolean;
}

export class IntervalTable<T extends { source: string }> {
  private readonly st;

  constructor(db: Database.Database, private readonly spec: IntervalSpec<T>) {
    const { table, idColumn } = spec;
    this.st = {
      open: db.prepare<[string], { id: number; item: string; hash: string }>(
        `SELECT id, ${idColumn} AS item, hash FROM ${table} WHERE source = ? AND end_at IS NULL`,
      ),
      close: db.prepare<[number, number]>(`UPDATE ${table} SET end_at = ? WHERE id = ?`),
      insert: db.prepare<[string, string, number, string, string]>(
        `INSERT INTO ${table} (source, ${idColumn}, start_at, hash, record) VALUES (?, ?, ?, ?, ?)`,
      ),
      at: db.prepare<[{ at: number }], { record: string }>(
        `SELECT record FROM ${table} WHERE start_at <= @at AND (end_at IS NULL OR end_at > @at) ORDER BY source, id`,
      ),
    };
  }

  /** Applies the complete list a source reported at `at`. Call inside the batch transaction. */
  write(source: string, at: number, items: readonly T[]): void {
    const shown = new Map<string, T>();
    for (const item of items) if (!this.spec.gone(item)) shown.set(this.spec.idOf(item), item);
    const open = new Map<string, { id: number; hash: string }>();
    for (const r of this.st.open.all(source)) open.set(r.item, r);
    for (const [itemId, row] of open) {
      const item = shown.get(itemId);
      if (!item || this.spec.hashOf(item) !== row.hash) this.st.close.run(at, row.id);
    }
    for (const [itemId, item] of shown) {
      const hash = this.spec.hashOf(item);
      if (open.get(itemId)?.hash === hash) continue;
      this.st.insert.run(source, itemId, at, hash, JSON.stringify({ ...item, source }));
    }
  }

  at(t: number): T[] {
    return this.st.at.all({ at: t }).map((r) => JSON.parse(r.record) as T);
  }
}

export function alertIntervals(db: Database.Database): IntervalTable<AlertRecord> {
  return new IntervalTable<AlertRecord>(db, {
    table: 'alert_intervals',
    idColumn: 'fingerprint',
    idOf: (a) => a.fingerprint,
    hashOf: alertHash,
    gone: (a) => a.state === 'resolved',
  });
}

export function silenceIntervals(db: Database.Database): IntervalTable<SilenceRecord> {
  return new IntervalTable<SilenceRecord>(db, {
    table: 'silence_intervals',
    idColumn: 'silence_id',
    idOf: (s) => s.id,
    hashOf: silenceHash,
    gone: (s) => s.state === 'expired',
  });
}

const STATE_RANK: Record<AlertRecord['state'], number> = { firing: 3, pending: 2, suppressed: 1, resolved: 0 };

/** Several Alertmanagers may report the same alert: show it once, suppressed if any silences or inhibits it. */
export function mergeAlerts(records: readonly AlertRecord[]): AlertRecord[] {
  const byFp = new Map<string, AlertRecord>();
  for (const r of records) {
    const seen = byFp.get(r.fingerprint);
    if (!seen) {
      byFp.set(r.fingerprint, { ...r, silencedBy: [...r.silencedBy], inhibitedBy: [...r.inhibitedBy] });
      continue;
    }
    const silencedBy = [...new Set([...seen.silencedBy, ...r.silencedBy])];
    const inhibitedBy = [...new Set([...seen.inhibitedBy, ...r.inhibitedBy])];
    const suppressed = silencedBy.length > 0 || inhibitedBy.length > 0 || seen.state === 'suppressed' || r.state === 'suppressed';
    const state = suppressed ? 'suppressed' : STATE_RANK[r.state] > STATE_RANK[seen.state] ? r.state : seen.state;
    const endsAt = Math.max(seen.endsAt ?? -Infinity, r.endsAt ?? -Infinity);
    const merged: AlertRecord = { ...seen, state, silencedBy, inhibitedBy, startsAt: Math.min(seen.startsAt, r.startsAt) };
    if (Number.isFinite(endsAt)) merged.endsAt = endsAt;
    byFp.set(r.fingerprint, merged);
  }
  return [...byFp.values()];
}

/** Two Alertmanagers of one cluster share silences: the same id is shown once. */
export function mergeSilences(records: readonly SilenceRecord[]): SilenceRecord[] {
  const byId = new Map<string, SilenceRecord>();
  for (const s of records) if (!byId.has(s.id)) byId.set(s.id, s);
  return [...byId.values()];
}

export class HealthTable {
  private readonly st;

  constructor(db: Database.Database) {
    this.st = {
      target: db.prepare<[string]>('INSERT INTO health_targets (target_id) VALUES (?) ON CONFLICT DO NOTHING'),
      insert: db.prepare<[string, string, number, string, string]>(
        'INSERT INTO health (target_id, source, at, state, record) VALUES (?, ?, ?, ?, ?)',
      ),
      at: db.prepare<[{ at: number }], { record: string | null }>(
        `SELECT (SELECT record FROM health h WHERE h.target_id = t.target_id AND h.at <= @at ORDER BY h.at DESC LIMIT 1) AS record
           FROM health_targets t ORDER BY t.target_id`,
      ),
    };
  }

  write(results: readonly HealthResult[]): void {
    for (const r of results) {
      this.st.target.run(r.targetId);
      this.st.insert.run(r.targetId, r.source, r.at, r.state, JSON.stringify(r));
    }
  }

  at(t: number): HealthResult[] {
    const out: HealthResult[] = [];
    for (const r of this.st.at.all({ at: t })) if (r.record !== null) out.push(JSON.parse(r.record) as HealthResult);
    return out;
  }
}
