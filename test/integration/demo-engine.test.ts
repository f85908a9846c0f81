// The engine on the built-in demo board, as `npm start` runs it: the first poll backfills 24 h,
// and that history must not be announced as if it were happening now.
import { afterAll, describe, expect, it } from 'vitest';
import type { NotificationView } from '../../src/shared/api';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { DEMO_INCIDENTS } from '../../src/main/engine/sources/demo';
import { tempDir, stopAll, waitFor } from './servers';

// why: what the backfilled day holds depends on when it ends (see test/unit/detect/demo-spike.test.ts),
// so the engine's clock starts at a fixed instant and runs on in real time from there
const CLOCK_START = Date.parse('2026-11-27T12:00:01Z');
const realStart = Date.now();
const clock = (): number => CLOCK_START + (Date.now() - realStart);

describe('engine on the demo board', () => {
  let engine: Engine | undefined;
  afterAll(async () => {
    await engine?.stop();
    await stopAll();
  });

  it('backfills 24 h on first start without notifying past incidents', async () => {
    const notifications: NotificationView[] = [];
    engine = createEngine({ dataDir: tempDir('demo-engine'), watch: false, now: clock });
    engine.on('notification', (n) => notifications.push(n));
    engine.start();
    const e = engine;
    await waitFor('every demo panel out of loading', async () => {
      const s = await e.request('snapshot', {});
      return Object.values(s.panels).every((p) => p.state !== 'loading');
    });
    const [series] = e.store.seriesFor('demo', 'demo:bizoholic_orders_per_min');
    const r = e.store.range(series!.id, clock() - 86_400_000, clock());
    expect(r.ts.length).toBeGreaterThan(5_700); // 24 h at 15 s
    // payments goes down every hour in the demo: 24 past outages are history, not news
    expect(notifications.filter((n) => n.kind === 'resolved')).toEqual([]);
    const perIncident = new Map<string, number>();
    for (const n of notifications) for (const id of n.incidentIds) perIncident.set(id, (perIncident.get(id) ?? 0) + 1);
    expect([...perIncident.values()].every((c) => c === 1)).toBe(true);
    const incidents = await e.request('incidents', { includeResolved: true });
    expect(incidents.filter((i) => i.kind === 'health' && i.ref === 'platform-payments').length).toBeLessThanOrEqual(1);
  });

  it('scores the backfilled day: the hourly orders spikes are flagged, and replay shows the marker', async () => {
    const e = engine!;
    const spike = DEMO_INCIDENTS.find((i) => i.id === 'bizoholic-orders-spike')!;
    const to = clock();
    const from = to - 86_400_000;
    const q = await e.request('query', { panels: ['ov-biz-orders-trend'], from, to, maxPoints: 2000 });
    const key = q.panels[0]!.series[0]!.key;
    const flagged = (q.anomalies?.[key] ?? []).filter((p) => p.score >= 0.5);
    // every occurrence after the detector's first day of warm-up lies inside a spike window (or just after it)
    const inSpike = (t: number): boolean => {
      const minute = Math.floor(t / 60_000) % spike.periodMin;
      return minute >= spike.fromMin && minute <= spike.toMin + 1;
    };
    const hits = new Set(flagged.filter((p) => inSpike(p.t)).map((p) => Math.floor(p.t / 3_600_000)));
    expect(hits.size).toBeGreaterThanOrEqual(6); // spikes flagged in many of the hours
    expect(flagged.filter((p) => !inSpike(p.t)).length).toBeLessThanOrEqual(flagged.length / 2);
    const at = flagged.find((p) => inSpike(p.t))!.t;
    const snap = await e.request('snapshot', { at });
    expect(snap.live).toBe(false);
    expect(snap.panels['ov-biz-orders-trend']?.anomaly?.score).toBeGreaterThanOrEqual(0.5);
  });
});
