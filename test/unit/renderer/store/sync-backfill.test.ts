// startSync against a scripted engine: a backfill (samples written long after their poll began,
// older than the wall's snapshot) reaches a wall whose full read was in flight when it landed.
import { describe, expect, it } from 'vitest';
import type { UpdateEvent } from '../../../../src/shared/api';
import { emptySnapshot, panelRow, settle, syncHarness, T0 } from './scripted-engine';

const { loaded } = syncHarness();

const xOld = Math.floor(T0 / 1000) - 600; // s: the buffer's last sample before the outage

/** The update of a poll that began at `at` and backfilled 15 s samples after xOld up to it. */
function backfillUpdate(at: number): UpdateEvent {
  const xs: number[] = [];
  for (let t = xOld + 15; t <= at / 1000; t += 15) xs.push(t);
  const a = { ...panelRow('a', 0, 0), x: xs, y: [xs.map((_, i) => i)] };
  const b = { ...panelRow('b', 0, 0), x: xs, y: [xs.map((_, i) => i)] };
  const snapshot = emptySnapshot(T0 + 2_000);
  return { at, panels: ['a', 'b'], health: false, alerts: false, incidents: false, snapshot, tail: { from: (xOld + 15) * 1000, to: snapshot.at, panels: [a, b] } };
}

describe('startSync and a backfill', () => {
  it('applies a deferred update whose poll began before a full read ended, when the read was asked before the update came', async () => {
    const { engine, store } = await loaded();
    // the wall (re)reads after a lost connection; the engine answers from a buffer that ends at
    // xOld (its backfill not written yet), and the answer is held until after the update came
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const answer = engine.client.request.bind(engine.client);
    engine.client.request = async (name, args) => {
      const r = await answer(name, args);
      if (name !== 'query') return r;
      const q = args as { panels: string[]; from: number; to: number };
      await held;
      return { ...(r as object), panels: q.panels.map((id) => panelRow(id, xOld, 1)) } as typeof r;
    };
    engine.connection({ state: 'open', since: T0, attempt: 0 });
    engine.connection({ state: 'lost', since: T0, attempt: 1 });
    engine.connection({ state: 'open', since: T0 + 1, attempt: 0 });
    await settle();
    expect(engine.take()).toContain('query a,b');
    // the poll began 5 s before the wall's snapshot (T0) and wrote its backfill after the read
    engine.emit('update', backfillUpdate(T0 - 5_000));
    release();
    await settle();
    await settle();
    const xs = store.getState().series['a']?.x ?? [];
    expect(xs[0]).toBe(xOld);
    // every backfilled sample is on the wall, without another read
    expect(xs.length).toBe(1 + backfillUpdate(T0 - 5_000).tail!.panels[0]!.x.length);
    expect(store.getState().series['b']?.x.length).toBe(xs.length);
    expect(engine.take()).toEqual([]);
  });


  it('merges a backfilled panel from the update’s tail in time order; re-reads one the tail cannot extend', async () => {
    const { engine, store } = await loaded();
    const x0 = store.getState().series['a']?.x[0] ?? NaN; // s: the wall's last point
    const at = (x0 + 15) * 1000;
    // the tail starts at the oldest sample written: 'a' had a gap behind its last point filled
    const a = { ...panelRow('a', 0, 0), x: [x0 - 30, x0 - 15, x0, x0 + 15], y: [[5, 6, 1, 2]] };
    // 'b' comes back with another series set (a label set appeared), which no tail can extend
    const b = { ...panelRow('b', x0 + 15, 2), series: [{ key: 'b2', query: 'b', labels: {}, name: 'b2' }] };
    const tail = { from: (x0 - 30) * 1000, to: at, panels: [a, b] };
    const ev = { at, panels: ['a', 'b', 'c'], health: false, alerts: false, incidents: false, snapshot: emptySnapshot(at), tail };
    // 'c' is not on screen
    engine.emit('update', { ...ev, backfill: { from: (x0 - 30) * 1000, to: x0 * 1000, panels: ['a', 'b', 'c'] } });
    await settle();
    expect(engine.take()).toEqual(['query b']);
    expect(store.getState().series['a']?.x).toEqual([x0 - 30, x0 - 15, x0, x0 + 15]);
    expect(store.getState().series['a']?.y).toEqual([[5, 6, 1, 2]]);
    // an update without a backfill asks for nothing
    const next = { ...panelRow('a', x0 + 30, 3) };
    engine.emit('update', { ...ev, panels: ['a'], at: at + 15_000, snapshot: emptySnapshot(at + 15_000), tail: { from: at + 15_000, to: at + 15_000, panels: [next] } });
    await settle();
    expect(engine.take()).toEqual([]);
    expect(store.getState().series['a']?.x.at(-1)).toBe(x0 + 30);
  });

  it('with an update that brings no data: the backfilled panel read over the window, the others from their last point', async () => {
    const { engine } = await loaded();
    const backfill = { from: T0 - 60_000, to: T0, panels: ['b'] };
    engine.emit('update', { at: T0 + 15_000, panels: ['a', 'b'], health: false, alerts: false, incidents: false, backfill });
    await settle();
    expect(engine.take()).toEqual(['query a', 'query b', 'snapshot']);
  });
});
