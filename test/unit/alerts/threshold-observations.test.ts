// Two panels on one measure (a stat and its trend, same query and thresholds) cross together: one
// incident and one notification, not two identical ones in the same millisecond (seen on the demo
// board: ws-payment-success and ws-payment-trend).
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationView } from '../../../src/shared/api';
import { thresholdObservations } from '../../../src/main/engine/alerts/index';
import { IncidentFlow } from '../../../src/main/engine/incident-flow';
import { snapshotAt } from '../../../src/main/engine/snapshot';
import { INTERVALS, testBoard } from '../read/board';
import { metricBatch, series, T0, tempStore, type TempStore } from '../store/temp-store';

let t: TempStore;
afterEach(() => t?.cleanup());

const crit = [{ value: 97, severity: 'warning' as const }, { value: 90, severity: 'critical' as const }];
const board = testBoard([
  { id: 'pay-stat', type: 'stat', title: 'Payment success', query: 'pay', worse: 'below', thresholds: crit },
  { id: 'pay-trend', type: 'timeseries', title: 'Payment success', query: 'pay', worse: 'below', thresholds: crit },
  // same query, other thresholds: a different measure
  { id: 'pay-strict', type: 'stat', title: 'Payment SLO', query: 'pay', worse: 'below', thresholds: [{ value: 99.9, severity: 'warning' }] },
  // same thresholds, other query
  { id: 'refunds', type: 'stat', title: 'Refund success', query: 'refunds', worse: 'below', thresholds: crit },
]);

function poll(at: number, pay: number, refunds: number): void {
  const q = (query: string) => ({ source: 'prom', query, outcome: { ok: true } as const });
  t.store.writeBatch(metricBatch('prom', at, [series('prom', 'pay', {}, [at], [pay]), series('prom', 'refunds', {}, [at], [refunds])], { queries: [q('pay'), q('refunds')] }));
}

describe('threshold observations', () => {
  it('are one per measure, named by the first panel, the others listed', () => {
    t = tempStore();
    poll(T0, 60, 99);
    const snap = snapshotAt(t.store, board, T0 + 1_000, { live: true, intervals: INTERVALS });
    const obs = thresholdObservations(board, snap.panels);
    expect(obs.map((o) => [o.panelId, o.alsoPanels ?? [], o.severity])).toEqual([
      ['pay-stat', ['pay-trend'], 'critical'],
      ['pay-strict', [], 'warning'],
      ['refunds', [], undefined],
    ]);
    // the first panel names its measure whatever its own state: the ref an incident has cannot move
    const { ['pay-stat']: stat, ...rest } = snap.panels;
    const loading = { ...rest, 'pay-stat': { ...(stat as (typeof snap.panels)[string]), state: 'loading' as const } };
    expect(thresholdObservations(board, loading)[0]).toMatchObject({ panelId: 'pay-stat', alsoPanels: ['pay-trend'], severity: 'critical' });
  });

  it('open one incident and send one notification when two panels cross together', () => {
    t = tempStore();
    let now = T0;
    const sent: NotificationView[] = [];
    const flow = new IncidentFlow({ store: t.store, board: () => board, now: () => now, sink: { name: 'test', deliver: (n) => sent.push(n) }, onIncidents: () => {}, log: () => {} });
    for (const [i, pay] of [99.5, 60].entries()) {
      now = T0 + i * 15_000;
      poll(now, pay, 99.5);
      const batch = metricBatch('prom', now, []);
      const snap = snapshotAt(t.store, board, now, { live: true, intervals: INTERVALS });
      flow.afterBatch(batch, snap, snap.sources, []);
    }
    const open = flow.list().filter((i) => i.kind === 'threshold').sort((a, b) => a.ref.localeCompare(b.ref));
    expect(open.map((i) => [i.ref, i.severity, i.labels['panels']])).toEqual([
      ['pay-stat', 'critical', 'pay-stat, pay-trend'],
      ['pay-strict', 'warning', undefined],
    ]);
    const critical = sent.filter((n) => n.severity === 'critical');
    expect(critical).toHaveLength(1);
    expect(critical[0]!.title).toMatch(/Payment success crossed the critical threshold/);
  });

  it('resolve a threshold incident whose panel left the board (a reload, or a measure now named by another panel)', () => {
    t = tempStore();
    let now = T0;
    let shown = board;
    const sent: NotificationView[] = [];
    const flow = new IncidentFlow({ store: t.store, board: () => shown, now: () => now, sink: { name: 'test', deliver: (n) => sent.push(n) }, onIncidents: () => {}, log: () => {} });
    const step = (pay: number, refunds: number): void => {
      poll(now, pay, refunds);
      const snap = snapshotAt(t.store, shown, now, { live: true, intervals: INTERVALS });
      flow.afterBatch(metricBatch('prom', now, []), snap, snap.sources, []);
    };
    step(99.95, 60);
    expect(flow.list().filter((i) => i.kind === 'threshold').map((i) => i.ref)).toEqual(['refunds']);
    // the board is reloaded without the refunds panel: nothing will observe it again
    shown = testBoard([board.pages[0]!.panels[0]!, board.pages[0]!.panels[1]!]);
    now += 15_000;
    step(99.95, 60);
    expect(flow.list().filter((i) => i.kind === 'threshold')).toEqual([]);
    expect(sent.filter((n) => n.kind === 'resolved').map((n) => n.title)).toEqual([expect.stringMatching(/Refund success/)]);
  });
});
