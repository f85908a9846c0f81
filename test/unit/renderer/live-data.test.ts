import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/shared/api';
import type { SeriesData } from '../../../src/shared/model';
import { mergeTail } from '../../../src/renderer/store/series-merge';
import { shareSnapshot } from '../../../src/renderer/store/share';
import { createWallboardStore } from '../../../src/renderer/store';

const series = (x: number[], ys: (number | null)[][], keys = ['a', 'b']): SeriesData => ({
  panelId: 'p',
  x,
  series: keys.map((key) => ({ key, query: 'q', labels: {}, name: key })),
  y: ys,
  errors: [],
});

describe('live tail merge', () => {
  it('appends only points newer than the last one and drops points left of the window', () => {
    const prev = series([10, 20, 30], [[1, 2, 3], [4, 5, 6]]);
    const tail = series([30, 40], [[3, 7], [6, 8]]);
    const m = mergeTail(prev, tail, 20);
    expect(m?.x).toEqual([20, 30, 40]);
    expect(m?.y).toEqual([[2, 3, 7], [5, 6, 8]]);
  });

  it('matches series by key, not by position', () => {
    const prev = series([10], [[1], [2]]);
    const tail = series([20], [[200], [100]], ['b', 'a']);
    expect(mergeTail(prev, tail, 0)?.y).toEqual([[1, 100], [2, 200]]);
  });

  it('asks for a full refetch when the series set changed', () => {
    const prev = series([10], [[1], [2]]);
    expect(mergeTail(prev, series([20], [[1], [2]], ['a', 'c']), 0)).toBeUndefined();
    expect(mergeTail(prev, series([20], [[1]], ['a']), 0)).toBeUndefined();
  });

  it('returns the same object when nothing is new, so charts do no work', () => {
    const prev = series([10], [[1], [2]]);
    expect(mergeTail(prev, series([10], [[1], [2]]), 0)).toBe(prev);
  });
});

const snap = (at: number, value: number, alerts: Snapshot['alerts'] = []): Snapshot => ({
  at,
  live: true,
  panels: {
    a: { panelId: 'a', state: 'ok', values: [{ key: 'k', name: 'n', value, t: 1 }] },
    b: { panelId: 'b', state: 'ok', values: [{ key: 'k2', name: 'n', value: 1, t: 1 }] },
  },
  health: [],
  alerts,
  silences: [],
  incidents: [],
  sources: [],
});

describe('snapshot structural sharing', () => {
  it('keeps unchanged panels and lists as the same objects', () => {
    const first = snap(1, 1);
    const next = shareSnapshot(first, snap(2, 5));
    expect(next.panels['b']).toBe(first.panels['b']);
    expect(next.panels['a']).not.toBe(first.panels['a']);
    expect(next.alerts).toBe(first.alerts);
    expect(next.at).toBe(2);
  });

  it('lets a component selecting an unchanged panel skip the update', () => {
    const store = createWallboardStore();
    store.getState().setSnapshot(snap(1, 1));
    const seen: string[] = [];
    store.subscribe((s) => s.snapshot?.panels['b'], () => seen.push('b'));
    store.subscribe((s) => s.snapshot?.panels['a'], () => seen.push('a'));
    store.getState().setSnapshot(snap(2, 9));
    expect(seen).toEqual(['a']);
  });

  it('replaces only the series of panels that changed', () => {
    const store = createWallboardStore();
    store.getState().setSeries([{ ...series([1], [[1], [1]]), panelId: 'x' }, { ...series([1], [[1], [1]]), panelId: 'y' }]);
    const y = store.getState().series['y'];
    store.getState().setSeries([{ ...series([2], [[2], [2]]), panelId: 'x' }]);
    expect(store.getState().series['y']).toBe(y);
    expect(store.getState().series['x']?.x).toEqual([2]);
  });
});
