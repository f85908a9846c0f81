// Retention: delete whole chunks and rows wholly older than the window, a bounded amount per call,
// each step in its own short transaction so a poll never waits long for the write lock.
import type Database from 'better-sqlite3';
import type { HeadState } from './head-state';

export interface RetainLimits {
  chunks: number;
  rows: number;
  /** Pages handed back to the file system per call (PRAGMA incremental_vacuum). */
  vacuumPages: number;
}

export const DEFAULT_RETAIN_LIMITS: RetainLimits = { chunks: 500, rows: 2_000, vacuumPages: 256 };

export function createRetainer(
  db: Database.Database,
  heads: HeadState,
  onSeriesDeleted: (ids: number[]) => void,
  limits: RetainLimits = DEFAULT_RETAIN_LIMITS,
) {
  const byRowid = (table: string, where: string) =>
    db.prepare<[{ before: number; limit: number }]>(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${where} LIMIT @limit)`);
  const st = {
    chunks: byRowid('chunks', 't_max < @before'),
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
    deleteHead: db.prepare<[number, number]>('DELETE FROM head WHERE series_id = ? AND t < ?'),
    deadSeries: db.prepare<[number], { id: number }>(
      `SELECT id FROM series s WHERE NOT EXISTS (SELECT 1 FROM head h WHERE h.series_id = s.id)
          AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.series_id = s.id) LIMIT ?`,
    ),
    deleteSeries: db.prepare<[number]>('DELETE FROM series WHERE id = ?'),
  };

  return function retain(before: number): { deletedChunks: number; more: boolean } {
    let more = false;
    const deletedChunks = st.chunks.run({ before, limit: limits.chunks }).changes;
    if (deletedChunks >= limits.chunks) more = true;
    for (const s of [st.health, st.alerts, st.silences, st.outcomes, st.status]) {
      if (s.run({ before, limit: limits.rows }).changes >= limits.rows) more = true;
    }
    // why: head rows past the window exist only when sealing lags; drop them per series
    const old: number[] = [];
    for (const [id, h] of heads.map) if (h.min < before && old.push(id) >= 200) break;
    if (old.length >= 200) more = true;
    db.transaction(() => {
      for (const id of old) {
        st.deleteHead.run(id, before);
        heads.refresh(id);
      }
    }).immediate();
    const dead = db
      .transaction(() => {
        const ids = st.deadSeries.all(limits.rows).map((d) => d.id);
        for (const id of ids) st.deleteSeries.run(id);
        return ids;
      })
      .immediate();
    if (dead.length >= limits.rows) more = true;
    if (dead.length > 0) {
      heads.forget(dead);
      onSeriesDeleted(dead);
    }
    db.pragma(`incremental_vacuum(${Math.trunc(limits.vacuumPages)})`);
    return { deletedChunks, more };
  };
}
