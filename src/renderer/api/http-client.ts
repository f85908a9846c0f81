// EngineApi over HTTP (REST) + Server-Sent Events, as served by `wallboard serve`. Routes and event
// names come from the REQUESTS and EVENTS tables in src/shared/api.ts.
import { EVENT_NAMES, type EngineEvents, type EngineRequests, type EventName, type RequestName } from '../../shared/api';
import { toHttp } from '../../shared/api-http';
import { RequestError, type ConnectionState, type WallboardClient } from './client';

export interface HttpClientOptions {
  /** '' for same origin. */
  baseUrl?: string;
  /** Bearer token, from `?token=` of the page URL. */
  token?: string;
  /** ms per request */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  eventSourceImpl?: typeof EventSource;
  now?: () => number;
  /** The event stream starts after this event id (the page's inlined data is as of it), not at the newest. */
  lastEventId?: string;
}

const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

export function createHttpClient(opts: HttpClientOptions = {}): WallboardClient {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetchImpl ?? fetch.bind(globalThis);
  const ES = opts.eventSourceImpl ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
  const now = opts.now ?? Date.now;
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const connListeners = new Set<(c: ConnectionState) => void>();
  let conn: ConnectionState = { state: 'connecting', since: now(), attempt: 0 };
  let es: EventSource | undefined;
  let lastEventId: string | undefined = opts.lastEventId;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setConn = (c: ConnectionState): void => {
    conn = c;
    for (const l of connListeners) l(c);
  };

  function url(path: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams(query);
    const qs = params.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  async function request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']> {
    const r = toHttp(name, args);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(url(r.path, r.query), {
      method: r.method,
      headers,
      ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 500);
      try {
        const j = JSON.parse(text) as { error?: unknown; message?: unknown };
        if (typeof j.error === 'string') message = j.error;
        else if (typeof j.message === 'string') message = j.message;
      } catch {
        // the body was not JSON; the text itself is the message
      }
      throw new RequestError(`${name}: ${res.status} ${message}`, res.status);
    }
    return JSON.parse(text) as EngineRequests[K]['result'];
  }

  function dispatch(name: EventName, ev: MessageEvent): void {
    if (ev.lastEventId) lastEventId = ev.lastEventId;
    let payload: unknown;
    try {
      payload = JSON.parse(String(ev.data));
    } catch {
      return; // why: a malformed event must not take the board down; the next update resyncs
    }
    for (const l of listeners.get(name) ?? []) l(payload);
  }

  function open(): void {
    if (closed || !ES) return;
    const query: Record<string, string> = {};
    if (opts.token) query['token'] = opts.token;
    // why: a new EventSource cannot send the Last-Event-ID header, so resume goes in the query
    if (lastEventId !== undefined) query['lastEventId'] = lastEventId;
    const source = new ES(url('/api/events', query));
    es = source;
    source.onopen = () => setConn({ state: 'open', since: now(), attempt: 0 });
    source.onerror = () => {
      if (es !== source) return;
      if (source.readyState === source.CONNECTING) {
        // the browser retries by itself, sending Last-Event-ID; we only report the loss
        if (conn.state === 'open') setConn({ state: 'lost', since: now(), attempt: 1 });
        else if (conn.state === 'lost') setConn({ ...conn, attempt: conn.attempt + 1 });
        return;
      }
      // closed for good (HTTP error, wrong content type): reconnect ourselves with backoff
      source.close();
      const attempt = conn.state === 'lost' ? conn.attempt + 1 : 1;
      const delay = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] as number;
      setConn({ state: 'lost', since: conn.state === 'lost' ? conn.since : now(), attempt, retryAt: now() + delay });
      retryTimer = setTimeout(open, delay);
    };
    for (const name of EVENT_NAMES) source.addEventListener(name, (ev) => dispatch(name, ev as MessageEvent));
  }

  return {
    request,
    on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      if (!es) open();
      return () => set.delete(l);
    },
    onConnection(listener) {
      connListeners.add(listener);
      listener(conn);
      if (!es) open();
      return () => connListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      es?.close();
    },
  };
}
