// The model every layer speaks: sources produce it, the store keeps it, the API serves it.
// Times are unix milliseconds everywhere except SeriesData.x, which is unix seconds (uPlot's layout).
import type { SourceKind } from './source-kinds';
import type { Severity } from './config-schema';

export type { Severity } from './config-schema';

export type Labels = Record<string, string>;

/** Samples of one series from one poll. `ts` and `values` have the same length; ts ascending. */
export interface SeriesSamples {
  /** Canonical key: `source|query|sorted labels` (see seriesKey). */
  key: string;
  source: string;
  query: string;
  labels: Labels;
  ts: number[];
  /** NaN and ±Infinity are legal Prometheus values and are kept as such. */
  values: number[];
}

/** `source|query|a="1",b="2"` with labels sorted by name; the one identity of a series. */
export function seriesKey(source: string, query: string, labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${source}|${query}|${parts.join(',')}`;
}

/** The key prefix shared by every series a query returns. */
export function queryKey(source: string, query: string): string {
  return `${source}|${query}|`;
}

export type HealthState = 'healthy' | 'degraded' | 'unhealthy';

/** One health check of one target. `state` is debounced (N consecutive results); `observed` is this check alone. */
export interface HealthResult {
  targetId: string;
  source: string;
  brand?: string;
  name?: string;
  at: number;
  observed: HealthState;
  state: HealthState;
  latencyMs: number | null;
  httpStatus?: number;
  /** Conditions that failed, as written in the board file, with what was seen. */
  failures: string[];
  /** Per-service states from a `{"services": {...}}` body, debounced like `state`. */
  services: Record<string, HealthState>;
  error?: string;
  certExpiresAt?: number;
}

export type AlertStateName = 'firing' | 'pending' | 'suppressed' | 'resolved';

/** An upstream alert as one source reports it, mapped to our shape. */
export interface AlertRecord {
  fingerprint: string;
  source: string;
  labels: Labels;
  annotations: Labels;
  state: AlertStateName;
  severity: Severity;
  startsAt: number;
  endsAt?: number;
  silencedBy: string[];
  inhibitedBy: string[];
  generatorURL?: string;
}

export interface SilenceRecord {
  id: string;
  source: string;
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  state: 'active' | 'pending' | 'expired';
}

export type Outcome = { ok: true } | { ok: false; reason: string };

/** Per-query result of a metric poll: a bad query errors that query (and its panel) only. */
export interface QueryOutcome {
  source: string;
  query: string;
  outcome: Outcome;
}

/** What one poll of one source returns. Written to the store in one transaction. */
export interface Batch {
  source: string;
  kind: SourceKind;
  /** When the poll started. */
  at: number;
  durationMs: number;
  status: Outcome;
  samples: SeriesSamples[];
  queries: QueryOutcome[];
  health: HealthResult[];
  /** The complete alert set of this source; undefined when the source does not report alerts (or failed). */
  alerts?: AlertRecord[];
  silences?: SilenceRecord[];
}

export function emptyBatch(source: string, kind: Batch['kind'], at: number): Batch {
  return { source, kind, at, durationMs: 0, status: { ok: true }, samples: [], queries: [], health: [] };
}

export type PanelState = 'loading' | 'ok' | 'nodata' | 'stale' | 'error';

export interface SourceStatus {
  sourceId: string;
  kind: Batch['kind'];
  state: 'ok' | 'stale' | 'down';
  reason?: string;
  lastSuccess?: number;
  lastAttempt?: number;
  /** ms between `at` and the newest data this source delivered. */
  dataAgeMs?: number;
  intervalMs: number;
}

/** Columnar series for one panel, in uPlot's layout: x in unix seconds, null for gaps. */
export interface SeriesData {
  panelId: string;
  x: number[];
  series: { key: string; query: string; labels: Labels; name: string }[];
  /** y[i][j] is series i at x[j]. */
  y: (number | null)[][];
  /** Per-query error, e.g. the PromQL error, when the newest poll of that query failed. */
  errors: { query: string; reason: string }[];
}

export type IncidentKind = 'alert' | 'health' | 'threshold' | 'anomaly' | 'pipeline';
export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

/** One thing a person may need to know about, whatever raised it. */
export interface Incident {
  id: string;
  kind: IncidentKind;
  /** Stable identity of what raised it (alert fingerprint, health target, panel id, source id). */
  ref: string;
  title: string;
  severity: Severity;
  brand?: string;
  panelId?: string;
  labels: Labels;
  annotations: Labels;
  status: IncidentStatus;
  openedAt: number;
  resolvedAt?: number;
  ack?: { by: string; at: number; note?: string };
  snoozedUntil?: number;
  silenced: boolean;
  silenceIds: string[];
}

/** The anomaly score of a sample and, when flagged, why. */
export interface AnomalyPoint {
  t: number;
  score: number;
  explanation?: string;
}
