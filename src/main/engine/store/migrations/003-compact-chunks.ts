// Smaller file per sample (measured by test/bench/store-bench.ts):
// - chunks become a WITHOUT ROWID table clustered by (series_id, t_min): the row is its own index, so
//   the rowid and the two indexes (~35 bytes per chunk) go; a series' chunks sit together for reads;
//   retention scans each series' oldest range (retain.ts) instead of an index on t_max.
// - the head's restart copy becomes an append-only log of one compact row per batch (head-log.ts)
//   instead of one ~22-byte row per sample.
// Chunk blobs are copied as they are: the codec reads both formats (codec.ts).
import type Database from 'better-sqlite3';
import { encodeHeadLog, type LogSeries } from '../head-log';
import { LOSSLESS_DIGITS } from '../precision';
import type { Migration } from './migration';

const sql = `
CREATE TABLE chunks_v3 (
  series_id INTEGER NOT NULL REFERENCES series (id),
  t_min     INTEGER NOT NULL,          -- unix ms of the first sample
  t_max     INTEGER NOT NULL,          -- unix ms of the last sample
  count     INTEGER NOT NULL,
  blob      BLOB NOT NULL,
  PRIMARY KEY (series_id, t_min)
) WITHOUT ROWID;
INSERT INTO chunks_v3 (series_id, t_min, t_max, count, blob) SELECT series_id, t_min, t_max, count, blob FROM chunks;
DROP TABLE chunks;
ALTER TABLE chunks_v3 RENAME TO chunks;

-- Unsealed samples, for restart only (reads and sealing use the in-memory head, store/head.ts):
-- one row per written batch, replayed in seq order; deleted once t_max is sealed or past retention.
CREATE TABLE head_log (
  seq   INTEGER PRIMARY KEY,
  t_min INTEGER NOT NULL,
  t_max INTEGER NOT NULL,
  blob  BLOB NOT NULL
);
`;

/** Moves the rows of the old per-sample head table into one exact log row. */
function up(db: Database.Database): void {
  const rows = db.prepare<[], [number, number, number | null]>('SELECT series_id, t, v FROM head ORDER BY series_id, t').raw().all();
  if (rows.length > 0) {
    const series: LogSeries[] = [];
    let cur: { id: number; ts: number[]; values: number[] } | undefined;
    for (const [id, t, v] of rows) {
      if (cur?.id !== id) series.push((cur = { id, ts: [], values: [] }));
      cur.ts.push(t);
      cur.values.push(v === null ? NaN : v); // SQLite stores NaN as NULL
    }
    const row = encodeHeadLog(series, LOSSLESS_DIGITS);
    db.prepare('INSERT INTO head_log (t_min, t_max, blob) VALUES (?, ?, ?)').run(row.tMin, row.tMax, row.blob);
  }
  db.exec('DROP TABLE head');
}

const migration: Migration = { version: 3, name: 'compact-chunks', sql, up };
export default migration;
