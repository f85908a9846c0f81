import { afterEach, describe, expect, it } from 'vitest';
import { queryPanels } from '../../../src/main/engine/query';
import { metricBatch, series, T0, tempStore, type TempStore } from '../store/temp-store';
import { testBoard } from './board';

let t: TempStore;
afterEach(() => t?.cleanup());
const S = 15_000;

const board = testBoard([
  { id: 'cpu', type: 'timeseries', query: 'cpu', legend: '{{instance}} cpu' },
  { id: 'mem', type: 'timeseries', query: 'mem' },
  { id: 'both', type: 'timeseries', queries: [{ query: 'cpu' }, { query: 'mem', legend: 'memory' }] },
  { id: 'txt', type: 'text', text: 'hello' },
]);

function poll(at: number, cpu: Record<string, number>, mem?: number): void {
  const samples = Object.entries(cpu).map(([instance, v]) => series('prom', 'cpu', { instance }, [at], [v]));
  if (mem !== undefined) samples.push(series('prom', 'mem', {}, [at], [mem]));
  t.store.writeBatch(metricBatch('prom', at, samples));
}

describe('queryPanels', () => {
  it('returns columns in seconds, one y per series, named by the legend or the labels', () => {
    t = tempStore();
    for (let i = 0; i < 4; i++) poll(T0 + i * S, { a: i, b: 10 + i }, 100);
    const r = queryPanels(t.store, board, { panels: ['cpu', 'mem', 'both', 'txt', 'nope'], from: T0, to: T0 + 3 * S, maxPoints: 500 });
    expect(r.panels.map((p) => p.panelId)).toEqual(['cpu', 'mem', 'both', 'txt']);
    const cpu = r.panels[0]!;
    expect(cpu.x).toEqual([0, 1, 2, 3].map((i) => (T0 + i * S) / 1000));
    expect(cpu.series.map((s) => s.name)).toEqual(['a cpu', 'b cpu']);
    expect(cpu.y).toEqual([[0, 1, 2, 3], [10, 11, 12, 13]]);
    expect(r.panels[1]!.series.map((s) => s.name)).toEqual(['mem']); // no labels: the query
    expect(r.panels[2]!.series.map((s) => s.name)).toEqual(['{instance="a"}', '{instance="b"}', 'memory']);
    expect(r.panels[3]).toMatchObject({ x: [], y: [], series: [] });
  });

  it('reads sealed and unsealed samples alike and honours from/to', () => {
    t = tempStore();
    for (let i = 0; i < 1_000; i++) poll(T0 + i * S, { a: i });
    t.store.seal(T0 + 600 * S);
    const r = queryPanels(t.store, board, { panels: ['cpu'], from: T0 + 100 * S, to: T0 + 899 * S, maxPoints: 5_000 });
    expect(r.panels[0]!.y[0]).toEqual(Array.from({ length: 800 }, (_, i) => 100 + i));
  });

  it('shows a missed stretch of polls as a null, not a straight line', () => {
    t = tempStore();
    for (let i = 0; i < 20; i++) if (i < 5 || i >= 12) poll(T0 + i * S, { a: 1 });
    const y = queryPanels(t.store, board, { panels: ['cpu'], from: T0, to: T0 + 20 * S, maxPoints: 500 }).panels[0]!.y[0]!;
    expect(y.filter((v) => v === null)).toHaveLength(1);
    expect(y.indexOf(null)).toBe(5);
  });

  it('keeps a spike when downsampling 24 h to a few hundred points', () => {
    t = tempStore();
    const n = 5_760;
    const batch = series('prom', 'cpu', { instance: 'a' }, [], []);
    for (let i = 0; i < n; i++) {
      batch.ts.push(T0 + i * S);
      batch.values.push(i === 4_321 ? 99 : 1 + (i % 7) / 10);
    }
    t.store.writeBatch(metricBatch('prom', T0 + n * S, [batch]));
    t.store.seal(T0 + n * S);
    const p = queryPanels(t.store, board, { panels: ['cpu'], from: T0, to: T0 + n * S, maxPoints: 300 }).panels[0]!;
    expect(p.x.length).toBeLessThanOrEqual(300);
    expect(Math.max(...p.y[0]!.map((v) => v ?? -1))).toBe(99);
  });

  it('lists the error of a query whose newest poll failed', () => {
    t = tempStore();
    poll(T0, { a: 1 }, 5);
    t.store.writeBatch({
      ...metricBatch('prom', T0 + S, []),
      queries: [
        { source: 'prom', query: 'cpu', outcome: { ok: false, reason: 'bad_data: parse error at char 4' } },
        { source: 'prom', query: 'mem', outcome: { ok: true } },
      ],
    });
    const r = queryPanels(t.store, board, { panels: ['both'], from: T0, to: T0 + S, maxPoints: 100 });
    expect(r.panels[0]!.errors).toEqual([{ query: 'cpu', reason: 'bad_data: parse error at char 4' }]);
    const before = queryPanels(t.store, board, { panels: ['both'], from: T0, to: T0, maxPoints: 100 });
    expect(before.panels[0]!.errors).toEqual([]);
  });
});
