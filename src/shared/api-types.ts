// The values that cross between the engine and every face: the board as a wall sees it, query
// answers, snapshots, timelines, status and events' payloads. The contract that names them is api.ts.
import type { Board, Brand, Page, Severity } from './config-schema';
import type {
  AlertRecord,
  AnomalyPoint,
  HealthResult,
  Incident,
  PanelState,
  SeriesData,
  SilenceRecord,
  SourceStatus,
} from './model';

/** The board as the renderer may see it: no URLs with credentials, no headers, no tokens. */
export interface BoardView {
  title: string;
  theme: Board['theme'];
  timezone?: string;
  retentionMs: number;
  brands: Brand[];
  pages: Page[];
  sources: { id: string; kind: SourceStatus['kind']; intervalMs: number }[];
  /** Health targets any panel may show, with their brand. */
  healthTargets: { id: string; name: string; brand?: string }[];
  /** Set when the board file on disk is bad and the last good board is still running. */
  configError?: ConfigErrorView;
  /** Bumps on every applied reload. */
  version: number;
  /** Set when the engine replays a recording (`serve --replay`): read-only, nothing is polled. */
  recording?: RecordingView;
}

/** A recording opened for replay: the time span it holds. */
export interface RecordingView {
  /** unix ms: first and last instant the recording holds */
  from: number;
  to: number;
  /** unix ms: when it was exported */
  createdAt: number;
  /** File name (no directory). */
  file: string;
}

export interface ConfigErrorView {
  file: string;
  /** Each `file:line:col: message`. */
  errors: string[];
  at: number;
}

export interface QueryRequest {
  panels: string[];
  /** unix ms */
  from: number;
  /** unix ms */
  to: number;
  maxPoints: number;
}

export interface QueryResult {
  from: number;
  to: number;
  panels: SeriesData[];
  /** Anomaly scores per series key over the same range, when detection is on. */
  anomalies?: Record<string, AnomalyPoint[]>;
}

export interface PanelSnapshot {
  panelId: string;
  state: PanelState;
  /** Newest value of each series at `at` (first series is the panel's headline value). */
  values: { key: string; name: string; value: number | null; t: number }[];
  reason?: string;
  /** ms: age of the newest sample at `at`. */
  dataAgeMs?: number;
  thresholdSeverity?: Severity;
  /** Value one day before `at`, for "change vs. yesterday". */
  yesterday?: number | null;
  forecast?: string;
  anomaly?: { score: number; explanation: string };
}

export interface Snapshot {
  at: number;
  live: boolean;
  panels: Record<string, PanelSnapshot>;
  health: HealthResult[];
  alerts: AlertRecord[];
  silences: SilenceRecord[];
  incidents: Incident[];
  sources: SourceStatus[];
}

/** An incident as a mark on the replay timeline. */
export interface TimelineIncident {
  id: string;
  title: string;
  severity: Severity;
  brand?: string;
  panelId?: string;
  /** unix ms */
  openedAt: number;
  resolvedAt?: number;
}

/** A span with no (good) data from one source, and why. */
export interface TimelineGap {
  sourceId: string;
  /** `down`: polled and failed; `not-running`: the wall was not polling (stopped, or before its first poll). */
  kind: 'down' | 'not-running';
  reason: string;
  /** unix ms */
  from: number;
  to: number;
}

/** What the replay bar draws over [from, to]: incident marks and data gaps. */
export interface Timeline {
  from: number;
  to: number;
  incidents: TimelineIncident[];
  gaps: TimelineGap[];
}

export interface StatusReport {
  at: number;
  ok: boolean;
  sources: SourceStatus[];
  configError?: ConfigErrorView;
  /** The desktop app's updater, when the board configures `updates:` (absent elsewhere). */
  update?: AppUpdateStatus;
}

export interface AppUpdateStatus {
  state: 'idle' | 'checking' | 'downloading' | 'downloaded' | 'error';
  /** The version downloaded or being downloaded. */
  version?: string;
  /** Why a downloaded update waits (a critical incident is open, outside updates.window). */
  waiting?: string;
  /** The last failed check (offline is normal): logged and shown here, never on the wall. */
  error?: string;
  /** unix ms of the last change */
  at: number;
}

/**
 * `update` says what changed since the previous one and carries the live data itself, read once by
 * the engine for every wall: the live snapshot as of then, and the new samples of the listed
 * panels. A wall merges them instead of asking (`snapshot` and `tail` are absent from an engine
 * that does not send them, and `tail` after a long gap, e.g. a backfill: re-query then).
 */
export interface UpdateEvent {
  at: number;
  panels: string[];
  health: boolean;
  alerts: boolean;
  incidents: boolean;
  /** what `snapshot` answers now */
  snapshot?: Snapshot;
  /** the listed panels' samples in [from, to] (unix ms; to = snapshot.at), not downsampled */
  tail?: UpdateTail;
  /**
   * Samples written older than ones already written before (unix ms), e.g. one query's gap
   * backfilled while the panel's other queries went on: a tail appends only after a wall's last
   * point, so the walls re-read these panels over their window.
   */
  backfill?: { from: number; to: number; panels: string[] };
}

/**
 * An update's new samples: a query answer whose series carry only their keys. why: a wall holds each
 * series' query, labels and name from its read of the window (the same key has the same ones), and
 * they were ~60 % of a tail's bytes; a key the wall does not hold makes it read the panel instead.
 */
export interface UpdateTail {
  from: number;
  to: number;
  panels: TailSeries[];
  anomalies?: Record<string, AnomalyPoint[]>;
}

/** A panel's samples in a tail: SeriesData with the series named by key only. */
export interface TailSeries extends Omit<SeriesData, 'series'> {
  series: { key: string }[];
}

/** A decision of the notify policy, for sinks (OS, browser, sound, log) to deliver. */
export interface NotificationView {
  id: string;
  at: number;
  title: string;
  body: string;
  severity: Severity;
  /** Incidents this notification covers (one, or many for a burst summary). */
  incidentIds: string[];
  sound?: string;
  kind: 'open' | 'resolved' | 'escalation' | 'summary' | 'pipeline';
  brand?: string;
}

/**
 * What the wall should bring forward: sent by the desktop shell when an OS notification is clicked
 * (the engine never emits it). The renderer opens the incident drawer on `incidentId`.
 */
export interface FocusTarget {
  /** The incident to show; absent for a summary of several (the drawer opens on the list). */
  incidentId?: string;
  /** The brand the notification was about. */
  brand?: string;
}
