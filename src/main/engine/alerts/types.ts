// Types of the incident model: what the tracker observes, what it returns, what it offers.
import type { Severity } from '../../../shared/config-schema';
import type {
  AlertRecord,
  HealthResult,
  Incident,
  IncidentStatus,
  SourceStatus,
} from '../../../shared/model';

/** A panel's threshold state after a poll. `severity` undefined = no threshold crossed. */
export interface ThresholdObservation {
  panelId: string;
  /** Other panels showing the same measure (same queries and thresholds); listed in the incident's labels. */
  alsoPanels?: string[];
  brand?: string;
  title: string;
  severity: Severity | undefined;
  /** null = no data; the incident is left as it is (unknown is not resolved). */
  value: number | null;
}

/** One flagged (or no longer flagged) anomaly; `ref` is usually the series key. */
export interface AnomalyObservation {
  ref: string;
  panelId?: string;
  brand?: string;
  title: string;
  /** 0..1; ≥ ANOMALY_WARNING_SCORE is a warning, below is info, unless `severity` is given. */
  score: number;
  flagged: boolean;
  severity?: 'info' | 'warning';
  explanation?: string;
}

/**
 * What one engine step saw. Every field is optional; an absent field leaves its incidents alone.
 * - alerts: the complete merged set of every alert source (or of `alertSources`). An alert missing
 *   from it is resolved, unless every source that reported it is down or stale (an open pipeline
 *   incident): blind ≠ resolved.
 * - health, thresholds, anomalies, sources: per item; only the items listed are updated.
 */
export interface ObserveInput {
  at: number;
  alerts?: AlertRecord[];
  /**
   * The sources `alerts` is complete for, when it is not the merged set of every alert source
   * (e.g. one batch). An alert missing from it is then only resolved once every source that
   * reported it has reported without it.
   */
  alertSources?: string[];
  health?: HealthResult[];
  thresholds?: ThresholdObservation[];
  anomalies?: AnomalyObservation[];
  sources?: SourceStatus[];
  /** Faults of the wall itself (e.g. its renderer keeps crashing): pipeline incidents; `title` undefined resolves. */
  wallFaults?: WallFault[];
}

/** `ref` is namespaced ("wall:renderer") so it cannot meet a source id. */
export interface WallFault {
  ref: string;
  title?: string;
}

/** `escalation`: still open and unacknowledged after escalateAfter, or its severity rose. */
export type TransitionTo = IncidentStatus | 'escalation';

export interface IncidentTransition {
  /** Monotonic id of the transition (its history row); the notify policy dedupes on it. */
  seq: number;
  incident: Incident;
  /** null when the incident is new. */
  from: IncidentStatus | null;
  to: TransitionTo;
  /** unix ms */
  at: number;
  /** For escalations: 'timer' (unacknowledged for escalateAfter) or 'severity' (it got worse). */
  reason?: 'timer' | 'severity';
}

export type ActionResult =
  | { ok: true; incident: Incident; warnings?: string[] }
  | { ok: false; status: 400 | 404 | 502; reason: string };

export interface ListOptions {
  /** unix ms; when given, incidents as they were at that time (replay). */
  at?: number;
  includeResolved?: boolean;
}

export interface IncidentTracker {
  observe(input: ObserveInput): IncidentTransition[];
  /** Escalations due at `now`; call every few seconds. */
  tick(now: number): IncidentTransition[];
  ack(id: string, note?: string, by?: string): ActionResult;
  snooze(id: string, until: number): ActionResult;
  /** A real Alertmanager silence from the incident's labels; `durationMs` in ms. */
  silence(id: string, durationMs: number, comment: string): Promise<ActionResult>;
  unsilence(id: string): Promise<ActionResult>;
  get(id: string): Incident | undefined;
  list(opts?: ListOptions): Incident[];
  /** Deletes resolved incidents (and their history) resolved before `before` (unix ms). */
  prune(before: number): number;
}
