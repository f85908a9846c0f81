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
import type { BoardView, FocusTarget, NotificationView, QueryRequest, QueryResult, Snapshot, StatusReport, Timeline, UpdateEvent } from './api-types';
import type { Incident } from './model';

// why re-exported: every face imports the values with the contract, from one place
export type * from './api-types';

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
