// Incidents (alerts/), their history for replay, and the notify policy's dedupe state (notify/).
// why one history row per material change (not per status only): replay must show silenced,
// snoozed and severity as they were, and the row's snapshot is the Incident at that moment.
import type { Migration } from './migration';

const sql = `
CREATE TABLE IF NOT EXISTS incidents (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  ref              TEXT NOT NULL,
  title            TEXT NOT NULL,
  severity         TEXT NOT NULL,
  brand            TEXT,
  panel_id         TEXT,
  labels           TEXT NOT NULL DEFAULT '{}',
  annotations      TEXT NOT NULL DEFAULT '{}',
  status           TEXT NOT NULL,
  opened_at        INTEGER NOT NULL,
  resolved_at      INTEGER,
  ack_by           TEXT,
  ack_at           INTEGER,
  ack_note         TEXT,
  snoozed_until    INTEGER,
  silenced         INTEGER NOT NULL DEFAULT 0,
  -- JSON [{ "source": "am1", "id": "<uuid>" }]: the Alertmanager silences Wallboard created
  silences         TEXT NOT NULL DEFAULT '[]',
  -- JSON ["am1", "am2"]: alert sources that reported the alert when last seen
  sources          TEXT NOT NULL DEFAULT '[]',
  -- unix ms of the last escalation (or of the opening): escalateAfter counts from here
  escalated_at     INTEGER NOT NULL,
  -- the worst severity it ever had: only a rise above it escalates (no re-paging on oscillation)
  peak_severity    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_active ON incidents (status) WHERE status != 'resolved';
CREATE INDEX IF NOT EXISTS incidents_ref ON incidents (kind, ref, opened_at);
CREATE INDEX IF NOT EXISTS incidents_resolved ON incidents (resolved_at) WHERE resolved_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS incident_history (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id  TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  -- open | acknowledged | resolved | escalation | update
  event        TEXT NOT NULL,
  from_status  TEXT,
  reason       TEXT,
  -- JSON of the Incident after this change
  snapshot     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_history_by_incident ON incident_history (incident_id, at, seq);

CREATE TABLE IF NOT EXISTS notify_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  state       TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
`;

const migration: Migration = { version: 2, name: 'incidents', sql };
export default migration;
