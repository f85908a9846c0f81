// The one contract between the engine and every face (IPC in Electron, HTTP + SSE in serve).
// Requests map a name to (args) => result; events map a name to a payload. Nothing else crosses.
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

export interface StatusReport {
  at: number;
  ok: boolean;
  sources: SourceStatus[];
  configError?: ConfigErrorView;
}

export interface EngineRequests {
  board: { args: Record<string, never>; result: BoardView };
  query: { args: QueryRequest; result: QueryResult };
  snapshot: { args: { at?: number }; result: Snapshot };
  status: { args: Record<string, never>; result: StatusReport };
  incidents: { args: { at?: number; includeResolved?: boolean }; result: Incident[] };
  ack: { args: { id: string; note?: string; by?: string }; result: Incident };
  snooze: { args: { id: string; until: number }; result: Incident };
  /** A real Alertmanager silence from the incident's labels; `duration` in ms. */
  silence: { args: { id: string; duration: number; comment: string }; result: Incident };
  unsilence: { args: { id: string }; result: Incident };
}

export type RequestName = keyof EngineRequests;

/** `update` carries what changed since the previous one; clients re-query the listed panels. */
export interface UpdateEvent {
  at: number;
  panels: string[];
  health: boolean;
  alerts: boolean;
  incidents: boolean;
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

export interface EngineEvents {
  update: UpdateEvent;
  notification: NotificationView;
  status: StatusReport;
  config: BoardView;
}

export type EventName = keyof EngineEvents;

/** What every face implements (engine itself, IPC client, HTTP client). */
export interface EngineApi {
  request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']>;
  /** Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
}

/** Every request name, for validating what arrives over IPC or HTTP. */
export const REQUEST_NAMES = ['board', 'query', 'snapshot', 'status', 'incidents', 'ack', 'snooze', 'silence', 'unsilence'] as const satisfies readonly RequestName[];
