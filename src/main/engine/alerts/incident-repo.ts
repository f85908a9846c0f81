// SQLite rows of incidents and their history (tables from store/migrations/002-incidents.ts).
// Only this file knows the column layout; the tracker works with StoredIncident.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { SEVERITIES } from '../../../shared/config-schema';
import type { Incident, IncidentStatus } from '../../../shared/model';

export interface SilenceRef {
  source: string;
  id: string;
}

/** An incident plus what only the engine needs to know about it. */
export interface StoredIncident {
  incident: Incident;
  /** Alert sources that reported the alert when last seen. */
  sources: string[];
  silences: SilenceRef[];
  /** unix ms of the last escalation, or of the opening. */
  escalatedAt: number;
  /** The worst severity it ever had. */
  peakSeverity: Incident['severity'];
}

export type HistoryEvent = IncidentStatus | 'escalation' | 'update';

interface Row {
  id: string;
  kind: string;
  ref: string;
  title: string;
  severity: string;
  brand: string | null;
  panel_id: string | null;
  labels: string;
  annotations: string;
  status: string;
  opened_at: number;
  resolved_at: number | null;
  ack_by: string | null;
  ack_at: number | null;
  ack_note: string | null;
  snoozed_until: number | null;
  silenced: number;
  silences: string;
  sources: string;
  escalated_at: number;
  peak_severity: string;
}

const labelsSchema = z.record(z.string(), z.string());
const silencesSchema = z.array(z.object({ source: z.string(), id: z.string() }));
const sourcesSchema = z.array(z.string());
const kindSchema = z.enum(['alert', 'health', 'threshold', 'anomaly', 'pipeline']);
const statusSchema = z.enum(['open', 'acknowledged', 'resolved']);
const severitySchema = z.enum(SEVERITIES);

/** Snapshot JSON as written by this file; parsed so a hand-edited row cannot crash replay. */
export const incidentSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  ref: z.string(),
  title: z.string(),
  severity: severitySchema,
  brand: z.string().optional(),
  panelId: z.string().optional(),
  labels: labelsSchema,
  annotations: labelsSchema,
  status: statusSchema,
  openedAt: z.number(),
  resolvedAt: z.number().optional(),
  ack: z.object({ by: z.string(), at: z.number(), note: z.string().optional() }).optional(),
  snoozedUntil: z.number().optional(),
  silenced: z.boolean(),
  silenceIds: z.array(z.string()),
});

// why: hand-written checks on the hot path (every observe reads every open incident); zod is
// kept for the rarer replay snapshots
const KINDS = new Set<string>(kindSchema.options);
const STATUSES = new Set<string>(statusSchema.options);
const SEVERITY_SET = new Set<string>(SEVERITIES);

function pick<T extends string>(set: Set<string>, v: string, fallback: T): T {
  return (set.has(v) ? v : fallback) as T;
}

function parseLabels(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    for (const x of Object.values(v)) if (typeof x !== 'string') return {};
    return v as Record<string, string>;
  } catch {
    return {};
  }
}

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

function fromRow(r: Row): StoredIncident {
  const silences = parseJson(r.silences, silencesSchema, []);
  const inc: Incident = {
    id: r.id,
    kind: pick(KINDS, r.kind, 'alert'),
    ref: r.ref,
    title: r.title,
    severity: pick(SEVERITY_SET, r.severity, 'warning'),
    labels: parseLabels(r.labels),
    annotations: parseLabels(r.annotations),
    status: pick(STATUSES, r.status, 'open'),
    openedAt: r.opened_at,
    silenced: r.silenced === 1,
    silenceIds: silences.map((s) => s.id),
  };
  if (r.brand !== null) inc.brand = r.brand;
  if (r.panel_id !== null) inc.panelId = r.panel_id;
  if (r.resolved_at !== null) inc.resolvedAt = r.resolved_at;
  if (r.ack_by !== null && r.ack_at !== null) {
    inc.ack = { by: r.ack_by, at: r.ack_at, ...(r.ack_note !== null ? { note: r.ack_note } : {}) };
  }
  if (r.snoozed_until !== null) inc.snoozedUntil = r.snoozed_until;
  return {
    incident: inc,
    sources: parseJson(r.sources, sourcesSchema, []),
    silences,
    escalatedAt: r.escalated_at,
    peakSeverity: pick(SEVERITY_SET, r.peak_severity, inc.severity),
  };
}

function toParams(s: StoredIncident): Record<string, string | number | null> {
  const i = s.incident;
  return {
    id: i.id,
    kind: i.kind,
    ref: i.ref,
    title: i.title,
    severity: i.severity,
    brand: i.brand ?? null,
    panel_id: i.panelId ?? null,
    labels: JSON.stringify(i.labels),
    annotations: JSON.stringify(i.annotations),
    status: i.status,
    opened_at: i.openedAt,
    resolved_at: i.resolvedAt ?? null,
    ack_by: i.ack?.by ?? null,
    ack_at: i.ack?.at ?? null,
    ack_note: i.ack?.note ?? null,
    snoozed_until: i.snoozedUntil ?? null,
    silenced: i.silenced ? 1 : 0,
    silences: JSON.stringify(s.silences),
    sources: JSON.stringify(s.sources),
    escalated_at: s.escalatedAt,
    peak_severity: s.peakSeverity,
  };
}

const COLUMNS = [
  'id', 'kind', 'ref', 'title', 'severity', 'brand', 'panel_id', 'labels', 'annotations', 'status',
  'opened_at', 'resolved_at', 'ack_by', 'ack_at', 'ack_note', 'snoozed_until', 'silenced', 'silences',
  'sources', 'escalated_at', 'peak_severity',
] as const;

export interface IncidentRepo {
  /** Every incident not resolved. */
  active(): StoredIncident[];
  byId(id: string): StoredIncident | undefined;
  /** Inserts or replaces the row and appends one history row; returns the history seq. */
  write(s: StoredIncident, at: number, event: HistoryEvent, from: IncidentStatus | null, reason?: string): number;
  /** Replaces the row without history (title or data-age text changed). */
  touch(s: StoredIncident): void;
  /** Incidents as of `at`, from the newest history row of each at or before `at`. */
  listAt(at: number, includeResolved: boolean): Incident[];
  listCurrent(includeResolved: boolean): Incident[];
  prune(before: number): number;
  transaction<T>(fn: () => T): T;
}

export function createIncidentRepo(db: Database.Database): IncidentRepo {
  // why: an upsert, not INSERT OR REPLACE: a replace deletes the row and would cascade to its history
  const upsert = db.prepare(
    `INSERT INTO incidents (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  const history = db.prepare(
    `INSERT INTO incident_history (incident_id, at, event, from_status, reason, snapshot) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const selActive = db.prepare(`SELECT * FROM incidents WHERE status != 'resolved' ORDER BY opened_at, id`);
  const selAll = db.prepare(`SELECT * FROM incidents ORDER BY opened_at, id`);
  const selById = db.prepare(`SELECT * FROM incidents WHERE id = ?`);
  // why: the correlated subquery uses incident_history_by_incident, so replay costs one index seek per incident
  const selAt = db.prepare(
    `SELECT (SELECT h.snapshot FROM incident_history h WHERE h.incident_id = i.id AND h.at <= @at
             ORDER BY h.at DESC, h.seq DESC LIMIT 1) AS snapshot
       FROM incidents i
      WHERE i.opened_at <= @at AND (@all = 1 OR i.resolved_at IS NULL OR i.resolved_at > @at)
      ORDER BY i.opened_at, i.id`,
  );
  const delOld = db.prepare(`DELETE FROM incidents WHERE status = 'resolved' AND resolved_at < ?`);
  const delHistory = db.prepare(
    `DELETE FROM incident_history WHERE incident_id IN (SELECT id FROM incidents WHERE status = 'resolved' AND resolved_at < ?)`,
  );

  return {
    active: () => (selActive.all() as Row[]).map(fromRow),
    byId: (id) => {
      const r = selById.get(id) as Row | undefined;
      return r ? fromRow(r) : undefined;
    },
    write(s, at, event, from, reason) {
      upsert.run(toParams(s));
      const info = history.run(s.incident.id, at, event, from, reason ?? null, JSON.stringify(s.incident));
      return Number(info.lastInsertRowid);
    },
    touch(s) {
      upsert.run(toParams(s));
    },
    listAt(at, includeResolved) {
      const rows = selAt.all({ at, all: includeResolved ? 1 : 0 }) as { snapshot: string | null }[];
      const out: Incident[] = [];
      for (const r of rows) {
        if (r.snapshot === null) continue;
        const inc = parseJson<Incident | null>(r.snapshot, incidentSchema as z.ZodType<Incident>, null);
        if (inc && (includeResolved || inc.status !== 'resolved')) out.push(inc);
      }
      return out;
    },
    listCurrent(includeResolved) {
      const rows = (includeResolved ? selAll.all() : selActive.all()) as Row[];
      return rows.map((r) => fromRow(r).incident);
    },
    prune(before) {
      return db.transaction(() => {
        delHistory.run(before);
        return delOld.run(before).changes;
      })();
    },
    transaction: (fn) => db.transaction(fn)(),
  };
}
