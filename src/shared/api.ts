// The one contract between the engine and every face (IPC in Electron, HTTP + SSE in serve).
// REQUESTS maps a name to its args and result types and its HTTP route; EVENTS maps a name to its
// payload type. Types, name lists, HTTP routes (server and client), SSE and IPC are derived from
// these two tables; nothing else crosses.
//
// To add a request:
//   1. one entry in REQUESTS below: `name: get<Args, Result>('/api/path', { arg: 'number', ... })`
//      or `name: post<Args, Result>('/api/things/:id/verb')` (`:params` come from the args, the
//      rest is the JSON body);
//   2. its zod schema in src/main/request-schemas.ts (a missing one is a compile error);
//   3. its handler in requestHandlers (src/main/engine/requests.ts; a missing one is a compile error).
// The HTTP server and client, the IPC validation and the preload bridge need no change.
// To add an event: one entry in EVENTS, then emit it from the engine (or, for `focus`, from the
// desktop shell); SSE, IPC and the HTTP client forward every name in EVENT_NAMES.
//
// Why the zod schemas are not in this file: the renderer imports this table at run time (the HTTP
// client derives its routes from it), and zod would then ship in the renderer bundle for nothing;
// validation happens on the main side only.
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

/**
 * What `wallboard serve` inlines into the wall's HTML (a `<script type="application/json">` with
 * this id, never executed) so the first paint needs no board or snapshot round trip: the answers
 * of the `board` and `snapshot` requests as of the page's load. Only without a token (see
 * src/main/server/boot-page.ts); the renderer asks as usual when it is absent.
 */
export interface BootData {
  board: BoardView;
  snapshot: Snapshot;
}
export const BOOT_ELEMENT_ID = 'wallboard-boot';

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
  tail?: QueryResult;
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

/** What every face implements (engine itself, IPC client, HTTP client). */
export interface EngineApi {
  request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']>;
  /** Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
}

/** How a request travels over HTTP. A GET sends every arg as a query parameter in its wire form. */
export type QueryParam =
  /** string[] as `a,b,c` */
  | 'list'
  /** a number as decimal text */
  | 'number'
  /** true as `1`, false as absent */
  | 'flag';

export type HttpRoute =
  | { method: 'GET'; path: string; query: Readonly<Record<string, QueryParam>> }
  /** `:name` segments of the path are taken from the args; the other args are the JSON body. */
  | { method: 'POST'; path: string };

/** One row of REQUESTS; `types` exists for the compiler only (it is never set). */
export interface RequestSpec<A, R> {
  http: HttpRoute;
  types?: { args: A; result: R };
}

type NoArgs = Record<string, never>;

function get<A, R>(path: string, query: { readonly [P in keyof A]-?: QueryParam }): RequestSpec<A, R> {
  return { http: { method: 'GET', path, query } };
}

function post<A extends { id: string }, R>(path: string): RequestSpec<A, R> {
  return { http: { method: 'POST', path } };
}

/** Every request: name → args, result and HTTP route. The README's HTTP API table is this table. */
export const REQUESTS = {
  board: get<NoArgs, BoardView>('/api/board', {}),
  query: get<QueryRequest, QueryResult>('/api/query', { panels: 'list', from: 'number', to: 'number', maxPoints: 'number' }),
  snapshot: get<{ at?: number }, Snapshot>('/api/snapshot', { at: 'number' }),
  status: get<NoArgs, StatusReport>('/api/status', {}),
  incidents: get<{ at?: number; includeResolved?: boolean }, Incident[]>('/api/incidents', { at: 'number', includeResolved: 'flag' }),
  /** Incident marks and data gaps over [from, to] (unix ms), as known at `to`. */
  timeline: get<{ from: number; to: number }, Timeline>('/api/timeline', { from: 'number', to: 'number' }),
  ack: post<{ id: string; note?: string; by?: string }, Incident>('/api/incidents/:id/ack'),
  snooze: post<{ id: string; until: number }, Incident>('/api/incidents/:id/snooze'),
  /** A real Alertmanager silence from the incident's labels; `duration` in ms. */
  silence: post<{ id: string; duration: number; comment: string }, Incident>('/api/incidents/:id/silence'),
  unsilence: post<{ id: string }, Incident>('/api/incidents/:id/unsilence'),
};

export type RequestName = keyof typeof REQUESTS;

export type EngineRequests = {
  [K in RequestName]: (typeof REQUESTS)[K] extends RequestSpec<infer A, infer R> ? { args: A; result: R } : never;
};

/** Every request name, for validating what arrives over IPC or HTTP. */
export const REQUEST_NAMES = Object.keys(REQUESTS) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(REQUESTS, name);
}

/** One row of EVENTS; `payload` exists for the compiler only. */
export interface EventSpec<P> {
  payload?: P;
}

function event<P>(): EventSpec<P> {
  return {};
}

/** Every event a wall receives: name → payload. SSE event names and IPC channels are these names. */
export const EVENTS = {
  update: event<UpdateEvent>(),
  status: event<StatusReport>(),
  config: event<BoardView>(),
  notification: event<NotificationView>(),
  /** From the desktop shell only (a notification was clicked); never over SSE. */
  focus: event<FocusTarget>(),
};

export type EventName = keyof typeof EVENTS;

export type EngineEvents = { [E in EventName]: (typeof EVENTS)[E] extends EventSpec<infer P> ? P : never };

export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}
