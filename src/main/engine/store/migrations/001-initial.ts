import type { Migration } from './migration';

// Times are unix ms. A NULL sample value is NaN (SQLite stores NaN as NULL; ±Inf are REALs).
const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE series (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  source     TEXT NOT NULL,
  query      TEXT NOT NULL,
  labels     TEXT NOT NULL             -- JSON object
);
CREATE INDEX series_by_query ON series (source, query);

-- Unsealed samples, for restart only: reads and sealing use the in-memory head (store/head.ts).
-- Clustered by time so a poll appends a few pages instead of touching one page per series.
-- Rows older than every series' oldest unsealed sample are deleted after sealing.
CREATE TABLE head (
  t         INTEGER NOT NULL,
  series_id INTEGER NOT NULL,
  v         REAL,
  PRIMARY KEY (t, series_id)
) WITHOUT ROWID;

-- Compressed samples (store/codec.ts). Per series, chunks never overlap in time.
CREATE TABLE chunks (
  id        INTEGER PRIMARY KEY,
  series_id INTEGER NOT NULL REFERENCES series (id),
  t_min     INTEGER NOT NULL,
  t_max     INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  blob      BLOB NOT NULL
);
CREATE UNIQUE INDEX chunks_by_series ON chunks (series_id, t_min);
CREATE INDEX chunks_by_end ON chunks (t_max);

-- Per-query poll outcomes, run-length coded: one row per run of equal outcomes.
CREATE TABLE query_outcomes (
  id      INTEGER PRIMARY KEY,
  source  TEXT NOT NULL,
  query   TEXT NOT NULL,
  at      INTEGER NOT NULL,            -- first poll of the run
  last_at INTEGER NOT NULL,            -- newest poll of the run
  ok      INTEGER NOT NULL,
  reason  TEXT
);
CREATE INDEX query_outcomes_by_query ON query_outcomes (source, query, at);
CREATE INDEX query_outcomes_by_end ON query_outcomes (last_at);

-- Source poll status, run-length coded like query_outcomes.
CREATE TABLE sources (
  id   TEXT PRIMARY KEY,
  kind TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE source_status (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,
  ok          INTEGER NOT NULL,
  reason      TEXT,
  duration_ms REAL NOT NULL,
  last_ok_at  INTEGER                  -- newest success before this run (carried so retention may drop old runs)
);
CREATE INDEX source_status_by_source ON source_status (source, at);
CREATE INDEX source_status_by_end ON source_status (last_at);

-- One row per health check result.
CREATE TABLE health_targets (
  target_id TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE health (
  id        INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL,
  source    TEXT NOT NULL,
  at        INTEGER NOT NULL,
  state     TEXT NOT NULL,
  record    TEXT NOT NULL              -- JSON HealthResult
);
CREATE INDEX health_by_target ON health (target_id, at);
CREATE INDEX health_by_at ON health (at);

-- What each source showed, as intervals [start_at, end_at). end_at NULL = still shown.
-- A new interval starts whenever the shown record changes (state, silences, labels…).
CREATE TABLE alert_intervals (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  start_at    INTEGER NOT NULL,
  end_at      INTEGER,
  hash        TEXT NOT NULL,
  record      TEXT NOT NULL            -- JSON AlertRecord
);
CREATE INDEX alert_intervals_open ON alert_intervals (source, end_at);
CREATE INDEX alert_intervals_by_start ON alert_intervals (start_at);
CREATE INDEX alert_intervals_by_end ON alert_intervals (end_at);

CREATE TABLE silence_intervals (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,
  silence_id TEXT NOT NULL,
  start_at   INTEGER NOT NULL,
  end_at     INTEGER,
  hash       TEXT NOT NULL,
  record     TEXT NOT NULL             -- JSON SilenceRecord
);
CREATE INDEX silence_intervals_open ON silence_intervals (source, end_at);
CREATE INDEX silence_intervals_by_start ON silence_intervals (start_at);
CREATE INDEX silence_intervals_by_end ON silence_intervals (end_at);
`,
};

export default migration;
