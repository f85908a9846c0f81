import { afterEach, describe, expect, it } from 'vitest';
import { snapshotAt } from '../../../src/main/engine/snapshot';
import { emptyBatch, type Batch, type HealthResult } from '../../../src/shared/model';
import { alert, alertBatch, DAY, metricBatch, series, T0, tempStore, type TempStore } from '../store/temp-store';
import { INTERVALS, testBoard } from './board';

let t: TempStore;
afterEach(() => t?.cleanup());
const S = 15_000;

const board = testBoard([
  { id: 'rps', type: 'stat', query: 'rps', thresholds: [{ value: 100, severity: 'warning' }, { value: 500, severity: 'critical' }] },
  { id: 'lat', type: 'gauge', query: 'latency' },
  { id: 'hp', type: 'health', targets: ['api'] },
  { id: 'al', type: 'alertlist' },
]);

const snap = (at: number) => snapshotAt(t.store, board, at, { live: false, intervals: INTERVALS });
function poll(at: number, rps: number | undefined, extra: Partial<Batch> = {}): void {
  const samples = rps === undefined ? [] : [series('prom', 'rps', { job: 'web' }, [at], [rps])];
  t.store.writeBatch(metricBatch('prom', at, samples, { queries: [{ source: 'prom', query: 'rps', outcome: { ok: true } }], ...extra }));
}

describe('snapshotAt', () => {
  it('is loading before a source was ever polled', () => {
    t = tempStore();
    const s = snap(T0);
    expect(s.panels['rps']!.state).toBe('loading');
    expect(s.panels['hp']!.state).toBe('nodata');
    expect(s.panels['al']!.state).toBe('ok');
    expect(s.sources.find((x) => x.sourceId === 'prom')).toMatchObject({ state: 'stale', intervalMs: 15_000 });
  });

  it('shows the newest value at T with its threshold, ok while fresh and stale past two intervals', () => {
    t = tempStore();
    poll(T0, 50);
    poll(T0 + S, 600);
    const fresh = snap(T0 + S + 1_000);
    expect(fresh.panels['rps']).toMatchObject({ state: 'ok', thresholdSeverity: 'critical', dataAgeMs: 1_000 });
    expect(fresh.panels['rps']!.values).toEqual([{ key: 'prom|rps|job="web"', name: '{job="web"}', value: 600, t: T0 + S }]);
    const early = snap(T0 + 10).panels['rps']!;
    expect(early).toMatchObject({ state: 'ok', values: [{ value: 50 }] });
    expect(early.thresholdSeverity).toBeUndefined();
    const old = snap(T0 + S + 2 * S + 1);
    expect(old.panels['rps']).toMatchObject({ state: 'stale', dataAgeMs: 2 * S + 1 });
  });

  it('is nodata when the query answers but returns no series, and for a query never answered', () => {
    t = tempStore();
    poll(T0, 5);
    poll(T0 + 10 * S, undefined); // the series vanished from the answer
    expect(snap(T0 + 10 * S).panels['rps']).toMatchObject({ state: 'nodata', values: [] });
    expect(snap(T0 + 10 * S).panels['lat']!.state).toBe('nodata');
  });

  it('is error with the server message when the newest outcome of its query failed', () => {
    t = tempStore();
    poll(T0, 5);
    poll(T0 + S, undefined, { queries: [{ source: 'prom', query: 'rps', outcome: { ok: false, reason: 'bad_data: unknown function' } }] });
    expect(snap(T0 + S)).toMatchObject({ panels: { rps: { state: 'error', reason: 'bad_data: unknown function' } } });
    expect(snap(T0).panels['rps']!.state).toBe('ok'); // replay before the failure
  });

  it('shows a down source as down and its panels as stale data, not as query errors', () => {
    t = tempStore();
    poll(T0, 5);
    t.store.writeBatch({
      ...emptyBatch('prom', 'prometheus', T0 + S),
      status: { ok: false, reason: 'connect ECONNREFUSED' },
      queries: [{ source: 'prom', query: 'rps', outcome: { ok: false, reason: 'connect ECONNREFUSED' } }],
    });
    const s = snap(T0 + 4 * S);
    expect(s.sources.find((x) => x.sourceId === 'prom')).toMatchObject({ state: 'down', reason: 'connect ECONNREFUSED', lastSuccess: T0 });
    expect(s.panels['rps']).toMatchObject({ state: 'stale', dataAgeMs: 4 * S, values: [{ value: 5 }] });
  });

  it('gives yesterday’s value when the buffer holds it', () => {
    t = tempStore({ now: () => T0 + 2 * DAY });
    poll(T0, 7);
    poll(T0 + DAY, 9);
    expect(snap(T0 + DAY).panels['rps']).toMatchObject({ values: [{ value: 9 }], yesterday: 7 });
    poll(T0 + DAY + S, 10);
    expect(snap(T0 + DAY + 10 * S).panels['rps']!.yesterday).toBeUndefined();
  });

  it('includes health, alerts and source status as of T', () => {
    t = tempStore();
    const h: HealthResult = { targetId: 'api', source: 'api', at: T0, observed: 'healthy', state: 'healthy', latencyMs: 4, failures: [], services: {} };
    t.store.writeBatch({ ...emptyBatch('api', 'health', T0), health: [h] });
    t.store.writeBatch(alertBatch('am', T0, [alert('f1', 'am')]));
    const s = snap(T0 + 1);
    expect(s.panels['hp']!.state).toBe('ok');
    expect(s.health.map((x) => x.targetId)).toEqual(['api']);
    expect(s.alerts.map((a) => a.fingerprint)).toEqual(['f1']);
    expect(s.sources.find((x) => x.sourceId === 'api')).toMatchObject({ state: 'ok', dataAgeMs: 1, intervalMs: 30_000 });
  });
});
