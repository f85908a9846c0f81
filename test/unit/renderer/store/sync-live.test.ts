// startSync against a scripted engine and the real store:
// what it reads on a live wall, when, and how often.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../src/shared/api';
import { BOARD, emptySnapshot, panelRow, settle, syncHarness, T0, tailRow } from './scripted-engine';

const { loaded } = syncHarness();

describe('startSync', () => {
  it('loads the board, then reads the visible page once: one snapshot and one full read of its series panels', async () => {
    const { store, first } = await loaded();
    expect(first).toEqual(['board', 'query a,b', 'snapshot']);
    expect(Object.keys(store.getState().series).sort()).toEqual(['a', 'b']);
    expect(store.getState().snapshot?.at).toBe(T0);
  });

  it('with the board and snapshot that came with the page, reads only the series (the snapshot of the page taken, no board or snapshot request)', async () => {
    const snapshot: Snapshot = emptySnapshot(T0 - 5_000);
    const { store, first } = await loaded({ board: Promise.resolve(BOARD), snapshot });
    expect(first).toEqual(['query a,b']);
    expect(store.getState().snapshot).toBe(snapshot);
    expect(store.getState().liveAt).toBe(T0 - 5_000);
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
    const snapshot: Snapshot = emptySnapshot(at);
    const tail = {
      from: at - 1,
      to: at,
      // as serve sends it: the series by key only (the wall holds their query, labels and name)
      panels: ['a', 'b'].map((panelId) => tailRow(panelId, t, 7)),
    };
    engine.emit('update', { at, panels: ['a', 'b', 'c'], health: false, alerts: false, incidents: false, snapshot, tail });
    // the next poll's status: the update after it will carry the snapshot
    engine.emit('status', { at, ok: true, sources: [] });
    await settle();
    expect(engine.take()).toEqual([]);
    expect(store.getState().snapshot?.at).toBe(at);
    expect(store.getState().series['a']?.x).toEqual([x0, t]);
    expect(store.getState().series['a']?.y).toEqual([[1, 7]]);
    expect(store.getState().series['a']?.series).toEqual(panelRow('a', 0, 0).series);
    expect(store.getState().range.to).toBe(at);
  });

  it('applies an update it takes whole (time, snapshot, new samples, window) in one store update', async () => {
    const { engine, store } = await loaded();
    const x0 = store.getState().series['a']?.x[0] ?? NaN; // s
    const at = (x0 + 15) * 1000;
    const tail = { from: at - 1, to: at, panels: ['a', 'b'].map((panelId) => panelRow(panelId, x0 + 15, 7)) };
    const seen: { liveAt: number; snapshotAt: number | undefined; to: number; aLen: number | undefined }[] = [];
    const off = store.subscribe((s) => seen.push({ liveAt: s.liveAt, snapshotAt: s.snapshot?.at, to: s.range.to, aLen: s.series['a']?.x.length }));
    engine.emit('update', { at, panels: ['a', 'b'], health: false, alerts: false, incidents: false, snapshot: emptySnapshot(at), tail });
    await settle();
    off();
    // why one: every subscriber (each panel, each chart) runs once per store update
    expect(seen).toEqual([{ liveAt: at, snapshotAt: at, to: at, aLen: 2 }]);
    expect(engine.take()).toEqual([]);
  });

  it('reads what an update carries only partly: panels it holds no data for, and not what a read in flight covers', async () => {
    const { engine, store } = await loaded();
    const at = T0 + 15_000;
    const snapshot: Snapshot = emptySnapshot(at);
    // the tail lacks 'b' (e.g. its label set changed): 'b' is read from its last point
    const tail = { from: T0 + 1, to: at, panels: [panelRow('a', Math.floor(at / 1000), 7)] };
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
    const update = (t: number, panels: ReturnType<typeof panelRow>[]) => {
      const at = t * 1000;
      const snapshot: Snapshot = emptySnapshot(at);
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
    engine.emit('update', update(x0 + 15, [panelRow('a', x0 + 15, 2)]));
    await settle();
    expect(engine.take()).toEqual(['query b']);
    engine.emit('update', update(x0 + 30, [panelRow('a', x0 + 30, 3), panelRow('b', x0 + 30, 3)]));
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

  it('a new board from the engine replaces the old one and is read once', async () => {
    const { engine, store } = await loaded();
    engine.emit('config', { ...BOARD, version: 2, pages: [BOARD.pages[1]!] });
    await settle();
    expect(engine.take()).toEqual(['query c', 'snapshot']);
    expect(store.getState().board?.version).toBe(2);
  });
});
