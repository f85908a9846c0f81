// startSync against a scripted engine and the real store: what it reads, when, and how often.
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardView, EngineEvents, EngineRequests, EventName, RequestName, Snapshot } from '../../shared/api';
import type { ConnectionState, WallboardClient } from '../api/client';
import { createWallboardStore } from './index';
import { startSync } from './sync';

const T0 = 1_700_000_000_000; // ms

const BOARD: BoardView = {
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
function scriptedClient(board: BoardView = BOARD) {
  const calls: Call[] = [];
  const listeners = new Map<EventName, ((p: unknown) => void)[]>();
  const conn: ((c: ConnectionState) => void)[] = [];
  let now = T0;
  const answer = (name: RequestName, args: Record<string, unknown>): unknown => {
    if (name === 'board') return board;
    if (name === 'snapshot') return { at: (args['at'] as number | undefined) ?? now, live: args['at'] === undefined, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] } satisfies Snapshot;
    if (name === 'query') {
      const to = args['to'] as number;
      const panels = (args['panels'] as string[]).map((panelId) => ({ panelId, x: [Math.floor(to / 1000)], series: [{ key: panelId, query: panelId, labels: {}, name: panelId }], y: [[1]], errors: [] }));
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
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** A synced store whose first load is done and whose requests so far are taken. */
async function loaded(opts: Parameters<typeof startSync>[2] = {}) {
  const engine = scriptedClient();
  const store = createWallboardStore();
  stop = startSync(engine.client, store, opts);
  await settle();
  const first = engine.take();
  return { engine, store, first };
}

describe('startSync', () => {
  it('loads the board, then reads the visible page once: one snapshot and one full read of its series panels', async () => {
    const { store, first } = await loaded();
    expect(first).toEqual(['board', 'query a,b', 'snapshot']);
    expect(Object.keys(store.getState().series).sort()).toEqual(['a', 'b']);
    expect(store.getState().snapshot?.at).toBe(T0);
  });

  it('with the board and snapshot that came with the page, reads only the series (the snapshot of the page taken, no board or snapshot request)', async () => {
    const snapshot: Snapshot = { at: T0 - 5_000, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
    const { store, first } = await loaded({ board: Promise.resolve(BOARD), snapshot });
    expect(first).toEqual(['query a,b']);
    expect(store.getState().snapshot).toBe(snapshot);
    expect(store.getState().liveAt).toBe(T0 - 5_000);
  });

  describe('with the first read inlined in the page', () => {
    const at = T0 - 5_000;
    const snapshot: Snapshot = { at, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
    const row = (panelId: string, t: number, v: number) => ({ panelId, x: [t], series: [{ key: panelId, query: panelId, labels: {}, name: panelId }], y: [[v]], errors: [] });
    const firstQuery = (maxPoints: number) => ({
      args: { panels: ['a', 'b'], from: at - 3_600_000, to: at, maxPoints },
      result: { from: at - 3_600_000, to: at, panels: [row('a', at / 1000, 42), row('b', at / 1000, 43)] },
    });

    it('asks for nothing when it holds at least the points wanted over the same window', async () => {
      const { store, first } = await loaded({ board: Promise.resolve(BOARD), snapshot, firstQuery: firstQuery(1_000), maxPoints: 800 });
      expect(first).toEqual([]);
      expect(store.getState().series['a']?.y).toEqual([[42]]);
      expect(store.getState().range).toEqual({ from: at - 3_600_000, to: at });
    });

    it('asks when it wants more points (a wider screen) or another window than was inlined', async () => {
      expect((await loaded({ board: Promise.resolve(BOARD), snapshot, firstQuery: firstQuery(1_000), maxPoints: 1_200 })).first).toEqual(['query a,b']);
      stop?.();
      expect((await loaded({ board: Promise.resolve(BOARD), snapshot, firstQuery: firstQuery(1_000), windowMs: 60_000 })).first).toEqual(['query a,b']);
    });

    it('applies an update that arrives before the board after the first read, asking for nothing', async () => {
      const engine = scriptedClient();
      const store = createWallboardStore();
      let boardNow = (_: BoardView): void => undefined;
      const board = new Promise<BoardView>((r) => (boardNow = r));
      stop = startSync(engine.client, store, { board, snapshot, firstQuery: firstQuery(1_000) });
      const t = at / 1000 + 15; // s
      const later: Snapshot = { ...snapshot, at: t * 1000 };
      engine.emit('update', { at: t * 1000, panels: ['a'], health: false, alerts: false, incidents: false, snapshot: later, tail: { from: at, to: t * 1000, panels: [row('a', t, 7)] } });
      boardNow(BOARD);
      await settle();
      expect(engine.take()).toEqual([]);
      expect(store.getState().snapshot).toEqual(later);
      expect(store.getState().series['a']?.x).toEqual([at / 1000, t]);
      expect(store.getState().range.to).toBe(t * 1000);
    });
  });

  it('asks for the snapshot as of T when it starts in replay, not taking the live one of the page', async () => {
    const snapshot: Snapshot = { at: T0, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
    const { store, first } = await loaded({ board: Promise.resolve(BOARD), snapshot, replayAt: T0 - 60_000 });
    expect(first).toEqual(['query a,b', `snapshot at=${T0 - 60_000}`]);
    expect(store.getState().snapshot?.live).toBe(false);
  });

  it('on an update reads the tails of the visible panels it names and a new snapshot', async () => {
    const { engine, store } = await loaded();
    engine.setNow(T0 + 15_000);
    engine.emit('update', { at: T0 + 15_000, panels: ['a', 'c'], health: false, alerts: false, incidents: false });
    await settle();
    expect(engine.take()).toEqual(['query a', 'snapshot']);
    expect(store.getState().liveAt).toBe(T0 + 15_000);
  });

  it('takes the snapshot and the new samples an update carries, and asks for nothing', async () => {
    const { engine, store } = await loaded();
    const x0 = store.getState().series['a']?.x[0] ?? NaN; // s: the first read's point
    const t = x0 + 15;
    const at = t * 1000;
    const snapshot: Snapshot = { at, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
    const tail = {
      from: at - 1,
      to: at,
      panels: ['a', 'b'].map((panelId) => ({ panelId, x: [t], series: [{ key: panelId, query: panelId, labels: {}, name: panelId }], y: [[7]], errors: [] })),
    };
    engine.emit('update', { at, panels: ['a', 'b', 'c'], health: false, alerts: false, incidents: false, snapshot, tail });
    // the next poll's status: the update after it will carry the snapshot
    engine.emit('status', { at, ok: true, sources: [] });
    await settle();
    expect(engine.take()).toEqual([]);
    expect(store.getState().snapshot?.at).toBe(at);
    expect(store.getState().series['a']?.x).toEqual([x0, t]);
    expect(store.getState().series['a']?.y).toEqual([[1, 7]]);
    expect(store.getState().range.to).toBe(at);
  });

  it('reads what an update carries only partly: panels it holds no data for, and not what a read in flight covers', async () => {
    const { engine, store } = await loaded();
    const at = T0 + 15_000;
    const snapshot: Snapshot = { at, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
    // the tail lacks 'b' (e.g. its label set changed): 'b' is read from its last point
    const tail = { from: T0 + 1, to: at, panels: [{ panelId: 'a', x: [Math.floor(at / 1000)], series: [{ key: 'a', query: 'a', labels: {}, name: 'a' }], y: [[7]], errors: [] }] };
    engine.emit('update', { at, panels: ['a', 'b'], health: false, alerts: false, incidents: false, snapshot, tail });
    await settle();
    expect(engine.take()).toEqual(['query b']);
    // a page turn starts a full read of 'c' that ends at the update below: the update waits for it,
    // then gives its snapshot; nothing is read again
    store.getState().dispatchRotation({ t: 'goto', now: performance.now(), index: 1 });
    engine.emit('update', { at: at + 15_000, panels: ['c'], health: false, alerts: false, incidents: false, snapshot: { ...snapshot, at: at + 15_000 }, tail });
    await settle();
    expect(engine.take()).toEqual(['query c']);
    expect(store.getState().snapshot?.at).toBe(at + 15_000);
  });

  it('applies an update that came while a read was in flight once that read lands, and reads nothing for it', async () => {
    const { engine, store } = await loaded();
    const x0 = store.getState().series['a']?.x[0] ?? NaN; // s: the first read's point
    const row = (panelId: string, t: number, v: number) => ({ panelId, x: [t], series: [{ key: panelId, query: panelId, labels: {}, name: panelId }], y: [[v]], errors: [] });
    const update = (t: number, panels: ReturnType<typeof row>[]) => {
      const at = t * 1000;
      const snapshot: Snapshot = { at, live: true, panels: {}, health: [], alerts: [], silences: [], incidents: [], sources: [] };
      return { at, panels: ['a', 'b'], health: false, alerts: false, incidents: false, snapshot, tail: { from: at - 1, to: at, panels } };
    };
    // hold every answer until released: the read lands after the second update
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const answer = engine.client.request.bind(engine.client);
    engine.client.request = async (name, args) => {
      const r = await answer(name, args);
      await held;
      return r;
    };
    // the first update lacks 'b': 'b' is read from its last point
    engine.emit('update', update(x0 + 15, [row('a', x0 + 15, 2)]));
    await settle();
    expect(engine.take()).toEqual(['query b']);
    engine.emit('update', update(x0 + 30, [row('a', x0 + 30, 3), row('b', x0 + 30, 3)]));
    await settle();
    expect(store.getState().snapshot?.at).toBe((x0 + 15) * 1000); // not yet: the read is in flight
    release();
    await settle();
    await settle();
    expect(engine.take()).toEqual([]);
    expect(store.getState().snapshot?.at).toBe((x0 + 30) * 1000);
    expect(store.getState().series['a']?.x).toEqual([x0, x0 + 15, x0 + 30]);
    expect(store.getState().series['b']?.x.at(-1)).toBe(x0 + 30);
    expect(store.getState().range.to).toBe((x0 + 30) * 1000);
  });

  it('reads a new page in full when the wall turns to it', async () => {
    const { engine, store } = await loaded();
    store.getState().dispatchRotation({ t: 'goto', now: performance.now(), index: 1 });
    await settle();
    expect(engine.take()).toEqual(['query c']);
  });

  it('re-reads the board and everything on screen after a lost connection comes back', async () => {
    const { engine } = await loaded();
    engine.connection({ state: 'open', since: T0, attempt: 0 });
    engine.connection({ state: 'lost', since: T0, attempt: 1 });
    await settle();
    expect(engine.take()).toEqual([]);
    engine.connection({ state: 'open', since: T0 + 1, attempt: 0 });
    await settle();
    expect(engine.take()).toEqual(['board', 'query a,b', 'snapshot']);
  });

  it('in replay reads what was on screen at T, and ignores live updates', async () => {
    const { engine, store, first } = await loaded({ replayAt: T0 - 3_600_000 });
    expect(first).toEqual(['board', 'query a,b', `snapshot at=${T0 - 3_600_000}`]);
    engine.emit('update', { at: T0 + 15_000, panels: ['a'], health: false, alerts: false, incidents: false });
    await settle();
    expect(engine.take()).toEqual([]);
    store.getState().setReplayAt(T0 - 1_800_000);
    await settle();
    expect(engine.take()).toEqual(['query a,b', `snapshot at=${T0 - 1_800_000}`]);
    expect(store.getState().range.to).toBe(T0 - 1_800_000);
  });

  it('in replay shows a frame at the next animation frame, the newest read only: a burst of moves is one frame', async () => {
    const frames: (() => void)[] = [];
    const nextFrame = (show: () => void): void => void frames.push(show);
    const t0 = T0 - 3_600_000;
    const { engine, store } = await loaded({ replayAt: t0, nextFrame });
    expect(store.getState().snapshot).toBeNull(); // read, waiting for its animation frame
    frames.splice(0).forEach((f) => f());
    expect(store.getState().snapshot?.at).toBe(t0);
    const shown: number[] = [];
    store.subscribe((s) => s.snapshot, (snap) => void (snap && shown.push(snap.at)));
    // five moves, each read to the end before the next: still no animation frame
    for (let i = 1; i <= 5; i++) {
      store.getState().setReplayAt(t0 + i * 60_000);
      await settle();
    }
    expect(engine.take()).toHaveLength(10); // every T was read (query and snapshot), one at a time
    expect(shown).toEqual([]);
    expect(frames).toHaveLength(1); // one animation frame asked for, not one per read
    frames.splice(0).forEach((f) => f());
    expect(shown).toEqual([t0 + 5 * 60_000]);
    // the series and the snapshot of one T go in together
    expect(store.getState().range.to).toBe(t0 + 5 * 60_000);
    expect(store.getState().series['a']?.x).toEqual([Math.floor((t0 + 5 * 60_000) / 1000)]);
  });

  it('drops a replay frame still waiting when the wall goes back to live', async () => {
    const frames: (() => void)[] = [];
    const { engine, store } = await loaded({ nextFrame: (show) => void frames.push(show) });
    store.getState().setReplayAt(T0 - 60_000);
    await settle();
    const shown: boolean[] = [];
    store.subscribe((s) => s.snapshot, (snap) => void (snap && shown.push(snap.live)));
    store.getState().exitReplay();
    await settle();
    expect(engine.take()).toEqual(['query a,b', 'query a,b', `snapshot`, `snapshot at=${T0 - 60_000}`]);
    frames.splice(0).forEach((f) => f());
    expect(store.getState().mode).toBe('live');
    expect(shown).toEqual([true]); // the live answer only: the replay frame never flashed
    expect(store.getState().range.to).toBe(T0);
  });

  it('a new board from the engine replaces the old one and is read once', async () => {
    const { engine, store } = await loaded();
    engine.emit('config', { ...BOARD, version: 2, pages: [BOARD.pages[1]!] });
    await settle();
    expect(engine.take()).toEqual(['query c', 'snapshot']);
    expect(store.getState().board?.version).toBe(2);
  });
});
