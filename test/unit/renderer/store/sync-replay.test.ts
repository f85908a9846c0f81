// startSync against a scripted engine and the real store:
// what a wall in replay reads and shows, and when.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../src/shared/api';
import { BOARD, emptySnapshot, settle, syncHarness, T0 } from './scripted-engine';

const { loaded } = syncHarness();

describe('startSync', () => {
  it('asks for the snapshot as of T when it starts in replay, not taking the live one of the page', async () => {
    const snapshot: Snapshot = emptySnapshot(T0);
    const { store, first } = await loaded({ board: Promise.resolve(BOARD), snapshot, replayAt: T0 - 60_000 });
    expect(first).toEqual(['query a,b', `snapshot at=${T0 - 60_000}`]);
    expect(store.getState().snapshot?.live).toBe(false);
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
});
