// A scripted engine for startSync's tests: it answers every request at once, records it, and lets a
// test emit events and connection changes. Shared by the sync-*.test.ts files.
import { afterEach } from 'vitest';
import type { BoardView, EngineEvents, EngineRequests, EventName, RequestName, Snapshot } from '../../../../src/shared/api';
import type { ConnectionState, WallboardClient } from '../../../../src/renderer/api/client';
import { createWallboardStore } from '../../../../src/renderer/store/index';
import { startSync } from '../../../../src/renderer/store/sync';

export const T0 = 1_700_000_000_000; // ms

export const BOARD: BoardView = {
  title: 'Sync test',
  theme: 'dark',
  retentionMs: 86_400_000,
  brands: [],
  pages: [
    { id: 'one', title: 'One', dwell: 30_000, panels: [{ id: 'a', type: 'timeseries', query: 'a' }, { id: 'b', type: 'stat', query: 'b' }, { id: 'txt', type: 'text', text: 'hi' }] },
    { id: 'two', title: 'Two', dwell: 30_000, panels: [{ id: 'c', type: 'gauge', query: 'c' }] },
  ],
  sources: [{ id: 'demo', kind: 'demo', intervalMs: 15_000 }],
  healthTargets: [],
  version: 1,
} as unknown as BoardView;

interface Call {
  name: RequestName;
  args: unknown;
}

/** An engine that answers at once and records every request. */
export function scriptedClient(board: BoardView = BOARD) {
  const calls: Call[] = [];
  const listeners = new Map<EventName, ((p: unknown) => void)[]>();
  const conn: ((c: ConnectionState) => void)[] = [];
  let now = T0;
  const answer = (name: RequestName, args: Record<string, unknown>): unknown => {
    if (name === 'board') return board;
    if (name === 'snapshot') return emptySnapshot((args['at'] as number | undefined) ?? now, args['at'] === undefined);
    if (name === 'query') {
      const to = args['to'] as number;
      const panels = (args['panels'] as string[]).map((panelId) => panelRow(panelId, Math.floor(to / 1000), 1));
      return { from: args['from'], to, panels };
    }
    throw new Error(`not scripted: ${name}`);
  };
  const client: WallboardClient = {
    async request<K extends RequestName>(name: K, args: EngineRequests[K]['args']): Promise<EngineRequests[K]['result']> {
      calls.push({ name, args });
      return answer(name, args as Record<string, unknown>) as EngineRequests[K]['result'];
    },
    on<E extends EventName>(event: E, l: (p: EngineEvents[E]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l as (p: unknown) => void]);
      return () => undefined;
    },
    onConnection(l) {
      conn.push(l);
      l({ state: 'connecting', since: now, attempt: 0 });
      return () => undefined;
    },
    close: () => undefined,
  };
  return {
    client,
    calls,
    /** Requests since the last take, as `name panels|at`. */
    take(): string[] {
      const out = calls.splice(0).map((c) => {
        const a = c.args as { panels?: string[]; at?: number; from?: number };
        return [c.name, a.panels?.join(','), a.at !== undefined ? `at=${a.at}` : undefined].filter(Boolean).join(' ');
      });
      return out.sort();
    },
    emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    connection(c: ConnectionState): void {
      for (const l of conn) l(c);
    },
    setNow(t: number): void {
      now = t;
    },
  };
}

/** Lets every queued promise and microtask run. */
export const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** A live or replay snapshot as of `at` with nothing in it. */
export function emptySnapshot(at: number, live = true): Snapshot {
  return { at, live, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
}

/** One panel's answer to a query: a single point `v` at `t` (s) of one series named after the panel. */
export function panelRow(panelId: string, t: number, v: number) {
  return { panelId, x: [t], series: [{ key: panelId, query: panelId, labels: {}, name: panelId }], y: [[v]], errors: [] };
}

/** A panel's row as an update's tail carries it: its series named by key only. */
export function tailRow(panelId: string, t: number, v: number) {
  return { panelId, x: [t], series: [{ key: panelId }], y: [[v]], errors: [] };
}

type SyncOptions = Parameters<typeof startSync>[2];

/**
 * Starts syncs for one test file and stops the last one after each test. `loaded` gives a synced
 * store whose first load is done and whose requests so far are taken.
 */
export function syncHarness() {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());
  const start = (engine: ReturnType<typeof scriptedClient>, opts: SyncOptions = {}) => {
    stop?.();
    const store = createWallboardStore();
    stop = startSync(engine.client, store, opts);
    return store;
  };
  return {
    start,
    async loaded(opts: SyncOptions = {}) {
      const engine = scriptedClient();
      const store = start(engine, opts);
      await settle();
      const first = engine.take();
      return { engine, store, first };
    },
  };
}
