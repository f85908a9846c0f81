// startSync against a scripted engine and the real store:
// a wall whose board, snapshot and first query came inlined in the page.
import { describe, expect, it } from 'vitest';
import type { BoardView, Snapshot } from '../../../../src/shared/api';
import { BOARD, emptySnapshot, panelRow, scriptedClient, settle, syncHarness, T0 } from './scripted-engine';

const { loaded, start } = syncHarness();

describe('startSync with the first read inlined in the page', () => {
  const at = T0 - 5_000;
  const snapshot: Snapshot = emptySnapshot(at);
  const firstQuery = (maxPoints: number) => ({
    args: { panels: ['a', 'b'], from: at - 3_600_000, to: at, maxPoints },
    result: { from: at - 3_600_000, to: at, panels: [panelRow('a', at / 1000, 42), panelRow('b', at / 1000, 43)] },
  });

  it('asks for nothing when it holds at least the points wanted over the same window', async () => {
    const { store, first } = await loaded({ board: Promise.resolve(BOARD), snapshot, firstQuery: firstQuery(1_000), maxPoints: 800 });
    expect(first).toEqual([]);
    expect(store.getState().series['a']?.y).toEqual([[42]]);
    expect(store.getState().range).toEqual({ from: at - 3_600_000, to: at });
  });

  it('asks when it wants more points (a wider screen) or another window than was inlined', async () => {
    expect((await loaded({ board: Promise.resolve(BOARD), snapshot, firstQuery: firstQuery(1_000), maxPoints: 1_200 })).first).toEqual(['query a,b']);
    expect((await loaded({ board: Promise.resolve(BOARD), snapshot, firstQuery: firstQuery(1_000), windowMs: 60_000 })).first).toEqual(['query a,b']);
  });

  it('applies an update that arrives before the board after the first read, asking for nothing', async () => {
    const engine = scriptedClient();
    let boardNow = (_: BoardView): void => undefined;
    const board = new Promise<BoardView>((r) => (boardNow = r));
    const store = start(engine, { board, snapshot, firstQuery: firstQuery(1_000) });
    const t = at / 1000 + 15; // s
    const later: Snapshot = { ...snapshot, at: t * 1000 };
    engine.emit('update', { at: t * 1000, panels: ['a'], health: false, alerts: false, incidents: false, snapshot: later, tail: { from: at, to: t * 1000, panels: [panelRow('a', t, 7)] } });
    boardNow(BOARD);
    await settle();
    expect(engine.take()).toEqual([]);
    expect(store.getState().snapshot).toEqual(later);
    expect(store.getState().series['a']?.x).toEqual([at / 1000, t]);
    expect(store.getState().range.to).toBe(t * 1000);
  });
});
