import { afterEach, describe, expect, it } from 'vitest';
import { Detection } from '../../../src/main/engine/detection';
import { enrichPanels } from '../../../src/main/engine/enrich';
import { snapshotAt } from '../../../src/main/engine/snapshot';
import { boardSchema } from '../../../src/shared/config-schema';
import { metricBatch, series, tempStore, T0, type TempStore } from '../store/temp-store';

const board = boardSchema.parse({
  sources: { prometheus: [{ id: 'p', url: 'http://127.0.0.1:9090', interval: '15s' }] },
  detect: false,
  pages: [
    {
      id: 'x',
      title: 'X',
      panels: [
        { id: 'disk', type: 'stat', query: 'disk_used_percent', thresholds: [{ value: 80, severity: 'warning' }, { value: 95, severity: 'critical' }] },
        { id: 'flat', type: 'stat', query: 'flat', thresholds: [{ value: 80, severity: 'warning' }] },
        { id: 'stock', type: 'stat', query: 'stock', forecast: { value: 0, label: 'sells out' } },
        { id: 'success', type: 'stat', query: 'success_percent', worse: 'below', thresholds: [{ value: 97, severity: 'warning' }, { value: 90, severity: 'critical' }] },
      ],
    },
  ],
});

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

/** 1 h of 15 s samples ending at T0: `f(minutesAgo)`. */
function hour(query: string, f: (minAgo: number) => number) {
  const ts = Array.from({ length: 241 }, (_, i) => T0 - (240 - i) * 15_000);
  return series('p', query, {}, ts, ts.map((x) => f((T0 - x) / 60_000)));
}

describe('forecast on panels with thresholds', () => {
  it('says when a rising value reaches the next threshold, and nothing for a flat one', () => {
    t = tempStore();
    // 60 % an hour ago, rising 10 points per hour: 70 % now, warning level 80 in about an hour
    t.store.writeBatch(metricBatch('p', T0, [hour('disk_used_percent', (m) => 70 - m / 6), hour('flat', () => 50)]));
    const snap = snapshotAt(t.store, board, T0, { live: true, intervals: new Map([['p', 15_000]]) });
    const detection = new Detection(t.store);
    detection.setBoard(board, T0);
    enrichPanels(snap, board, t.store, detection);
    expect(snap.panels.disk?.forecast).toMatch(/^warning level \(80\) in (59m|1h)/);
    expect(snap.panels.flat?.forecast).toBeUndefined();
  });

  it('gives no forecast further than six hours out', () => {
    t = tempStore();
    // rising 1 point per hour from 70: 80 is ten hours away
    t.store.writeBatch(metricBatch('p', T0, [hour('disk_used_percent', (m) => 70 - m / 60)]));
    const snap = snapshotAt(t.store, board, T0, { live: true, intervals: new Map([['p', 15_000]]) });
    const detection = new Detection(t.store);
    detection.setBoard(board, T0);
    enrichPanels(snap, board, t.store, detection);
    expect(snap.panels.disk?.forecast).toBeUndefined();
  });

  it("a panel's own forecast: inventory falling to 0 \"sells out in 3h 10m\"", () => {
    t = tempStore();
    // 190 units now, selling 60 per hour: 0 in 3 h 10 m
    t.store.writeBatch(metricBatch('p', T0, [hour('stock', (m) => 190 + m)]));
    const snap = snapshotAt(t.store, board, T0, { live: true, intervals: new Map([['p', 15_000]]) });
    const detection = new Detection(t.store);
    detection.setBoard(board, T0);
    enrichPanels(snap, board, t.store, detection);
    expect(snap.panels.stock?.forecast).toBe('sells out in 3h 10m');
  });

  it('where lower is worse: severity at or below a threshold, forecast of the next one down', () => {
    t = tempStore();
    // a success rate of 99.5 % an hour ago falling 2 points per hour: 97.5 % now, warning (97) in 15 min
    t.store.writeBatch(metricBatch('p', T0, [hour('success_percent', (m) => 97.5 + m / 30)]));
    const snap = snapshotAt(t.store, board, T0, { live: true, intervals: new Map([['p', 15_000]]) });
    expect(snap.panels.success?.thresholdSeverity).toBeUndefined();
    const detection = new Detection(t.store);
    detection.setBoard(board, T0);
    enrichPanels(snap, board, t.store, detection);
    expect(snap.panels.success?.forecast).toBe('warning level (97) in 15m');
  });
});
