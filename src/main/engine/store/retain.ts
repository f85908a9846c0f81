// Retention: delete whole chunks and rows wholly older than the window, a bounded amount per call,
// each step in its own short transaction so a poll never waits long for the write lock.
import type Database from 'better-sqlite3';
import type { Head } from './head';

export interface RetainLimits {
  chunks: number;
  rows: number;
  /** Pages handed back to the file system per call (PRAGMA incremental_vacuum). */
  vacuumPages: number;
}

export const DEFAULT_RETAIN_LIMITS: RetainLimits = { chunks: 500, rows: 2_000, vacuumPages: 256 };

export function createRetainer(
  db: Database.Database,
  head: Head,
  onSeriesDeleted: (ids: number[]) => void,
  limits: RetainLimits = DEFAULT_RETAIN_LIMITS,
) {
  const byRowid = (table: string, where: string) =>
    db.prepare<[{ before: number; limit: number }]>(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${where} LIMIT @limit)`);
  const st = {
    // why per series: chunks are clustered by (series_id, t_min) with no index on t_max, and a chunk
    // ending before the cut also starts before it, so each series is one short range scan
    chunks: db.prepare<[{ before: number; limit: number }]>(
      `DELETE FROM chunks WHERE (series_id, t_min) IN (
         SELECT c.series_id, c.t_min FROM series s JOIN chunks c ON c.series_id = s.id AND c.t_min < @before
          WHERE c.t_max < @before LIMIT @limit)`,
    ),
    health: byRowid('health', 'at < @before'),
    alerts: byRowid('alert_intervals', 'end_at < @before'),
    silences: byRowid('silence_intervals', 'end_at < @before'),
    outcomes: byRowid('query_outcomes', 'last_at < @before'),
    // why: keep each source's newest run, so a source that stopped polling still shows its last state
    status: db.prepare<[{ before: number; limit: number }]>(
      `DELETE FROM source_status WHERE id IN (
         SELECT id FROM source_status r WHERE last_at < @before
            AND id <> (SELECT id FROM source_status WHERE source = r.source ORDER BY at DESC LIMIT 1) LIMIT @limit)`,
    ),
    head: db.prepare<[{ before: number; limit: number }]>(
      'DELETE FROM head_log WHERE seq IN (SELECT seq FROM head_log WHERE t_max < @before LIMIT @limit)',
    ),
    noChunks: db.prepare<[], { id: number }>('SELECT id FROM series s WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.series_id = s.id)'),
    deleteSeries: db.prepare<[number]>('DELETE FROM series WHERE id = ?'),
  };

  return function retain(before: number): { deletedChunks: number; more: boolean } {
    let more = false;
    const deletedChunks = st.chunks.run({ before, limit: limits.chunks }).changes;
    if (deletedChunks >= limits.chunks) more = true;
    for (const s of [st.health, st.alerts, st.silences, st.outcomes, st.status]) {
      if (s.run({ before, limit: limits.rows }).changes >= limits.rows) more = true;
    }
    // why: head samples past the window exist only when sealing lags
    if (st.head.run({ before, limit: limits.rows }).changes >= limits.rows) more = true;
    for (const [id, h] of head.map) {
      if ((h.ts[0] ?? Infinity) >= before) continue;
      head.trim(h, before);
      head.plan(id, h);
    }
    const dead = db
      .transaction(() => {
        const ids: number[] = [];
        for (const { id } of st.noChunks.all()) {
          if ((head.map.get(id)?.ts.length ?? 0) > 0) continue;
          ids.push(id);
          if (ids.length >= limits.rows) break;
        }
        for (const id of ids) st.deleteSeries.run(id);
        return ids;
      })
      .immediate();
    if (dead.length >= limits.rows) more = true;
    if (dead.length > 0) {
      head.forget(dead);
      onSeriesDeleted(dead);
    }
    db.pragma(`incremental_vacuum(${Math.trunc(limits.vacuumPages)})`);
    return { deletedChunks, more };
  };
}
