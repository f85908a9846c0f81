// The demo's daily shape, plausible ranges and scripted incidents, read through a real 24 h backfill.
import { beforeAll, describe, expect, it } from 'vitest';
import { boardSchema, type Board } from '../../../src/shared/config-schema';
import type { Batch } from '../../../src/shared/model';
import { createDemoSources, DEMO_INCIDENTS, DEMO_METRICS, demoIncidentOccurrence, nextDemoIncidentStart } from '../../../src/main/engine/sources/demo';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY_START = Date.UTC(2025, 5, 3); // a Tuesday
const NOW = DAY_START + 24 * HOUR - 1; // backfill covers exactly that UTC day
const INTERVAL = 15_000;

// Every metric once (all label sets), so the whole catalogue goes through the poll path.
const ALL_QUERIES = [...DEMO_METRICS.keys()].map((m) => `demo:${m}`);
const board: Board = boardSchema.parse({
  retention: '24h',
  sources: { demo: [{ id: 'demo', seed: 42, interval: '15s' }] },
  pages: [{ id: 'p', title: 'P', panels: ALL_QUERIES.map((query, i) => ({ id: `q${i}`, type: 'timeseries', query })) }],
});

let day: Batch;
beforeAll(async () => {
  const [source] = createDemoSources(board);
  day = await source!.poll({ signal: new AbortController().signal, now: NOW, board, lastSampleAt: () => undefined });
});

/** value of metric (first series matching labels) at each t in [from, to). */
function window(metric: string, from: number, to: number, labels: Record<string, string> = {}): number[] {
  const s = day.samples.find((x) => x.query === `demo:${metric}` && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  if (!s) throw new Error(`no series for ${metric}`);
  return s.ts.flatMap((t, i) => (t >= from && t < to ? [s.values[i] as number] : []));
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

// Plausible ranges of each metric over a whole day: what an operator would believe.
const RANGES: Record<string, [number, number]> = {
  bizoholic_orders_per_min: [5, 500],
  bizoholic_revenue_per_min: [200, 40_000],
  bizoholic_cart_abandonment_percent: [50, 95],
  bizoholic_checkout_error_rate_percent: [0.02, 10],
  coreldove_searches_per_sec: [20, 900],
  coreldove_bookings_per_min: [1, 80],
  coreldove_search_p95_ms: [100, 1500],
  thrillring_tickets_per_min: [5, 900],
  thrillring_venue_capacity_percent: [15, 100],
  quanttrade_trades_per_sec: [20, 1800],
  quanttrade_order_latency_ms: [1, 25],
  quanttrade_pnl: [-600_000, 600_000],
  platform_cpu_percent: [1, 100],
  platform_memory_percent: [30, 95],
  platform_http_p95_seconds: [0.05, 1],
  platform_error_rate_percent: [0.01, 6],
  platform_requests_per_sec: [100, 3000],
  platform_service_up: [0, 1],
  platform_sms_delivery_success_percent: [80, 100],
  platform_sms_response_ms: [300, 5000],
  platform_payment_success_percent: [50, 100],
  platform_inventory_units: [0, 1000],
  platform_service_cpu_percent: [1, 100],
  platform_service_memory_percent: [30, 100],
  platform_service_disk_percent: [10, 90],
  platform_cost_hourly_usd: [20, 100],
  platform_cost_month_forecast_usd: [25_000, 40_000],
};

describe('demo values', () => {
  it('stay within plausible ranges all day, for every metric and series', () => {
    expect(Object.keys(RANGES).sort()).toEqual([...DEMO_METRICS.keys()].sort());
    for (const s of day.samples.filter((x) => x.query.startsWith('demo:'))) {
      const [lo, hi] = RANGES[s.query.slice('demo:'.length)] as [number, number];
      expect(s.values.length, s.key).toBe(5760);
      expect(Math.min(...s.values), s.key).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...s.values), s.key).toBeLessThanOrEqual(hi);
      expect(s.values.every(Number.isFinite), s.key).toBe(true);
    }
  });

  it('follow a day/night curve in UTC: orders at night are well below the afternoon', () => {
    const night = mean(window('bizoholic_orders_per_min', DAY_START + 2 * HOUR, DAY_START + 4 * HOUR));
    const afternoon = mean(window('bizoholic_orders_per_min', DAY_START + 14 * HOUR, DAY_START + 16 * HOUR));
    expect(night).toBeLessThan(afternoon * 0.4);
    const platformNight = mean(window('platform_requests_per_sec', DAY_START + 2 * HOUR, DAY_START + 4 * HOUR));
    const platformDay = mean(window('platform_requests_per_sec', DAY_START + 14 * HOUR, DAY_START + 16 * HOUR));
    expect(platformNight).toBeLessThan(platformDay * 0.6);
    const closed = mean(window('quanttrade_trades_per_sec', DAY_START + 3 * HOUR, DAY_START + 5 * HOUR));
    const open = mean(window('quanttrade_trades_per_sec', DAY_START + 15 * HOUR, DAY_START + 17 * HOUR));
    expect(closed).toBeLessThan(open * 0.2);
  });
});

describe('demo incidents', () => {
  const withEffects = DEMO_INCIDENTS.flatMap((incident) => incident.effects.map((effect) => ({ incident, effect })));

  it.each(withEffects.map((x) => [`${x.incident.id} → ${x.effect.metric}`, x] as const))(
    '%s is visible exactly during its window and absent around it',
    (_name, { incident, effect }) => {
      // business hours of every brand, several occurrences
      for (let hour = 12; hour <= 18; hour++) {
        const start = nextDemoIncidentStart(incident, DAY_START + hour * HOUR);
        const end = start + (incident.toMin - incident.fromMin) * MIN;
        const before = window(effect.metric, start - 5 * MIN, start, effect.labels);
        const inside = window(effect.metric, start, end, effect.labels);
        const after = window(effect.metric, end, end + 5 * MIN, effect.labels);
        expect(inside).toHaveLength(((end - start) / INTERVAL) | 0);
        const outsideMean = mean([...before, ...after]);
        const insideMean = mean(inside);
        if (effect.op === 'mul') expect(insideMean / outsideMean).toBeCloseTo(effect.value, 0);
        if (effect.op === 'add') expect(Math.abs(insideMean - outsideMean - effect.value)).toBeLessThan(effect.value * 0.25);
        if (effect.op === 'set') expect(inside.every((v) => v === effect.value)).toBe(true);
        const closerToInside = (v: number): boolean => Math.abs(v - insideMean) < Math.abs(v - outsideMean);
        expect(inside.every(closerToInside)).toBe(true);
        expect([...before, ...after].some(closerToInside)).toBe(false);
      }
    },
  );

  it('takes platform-payments down (and degrades its dependants) at its minutes only', () => {
    const incident = DEMO_INCIDENTS.find((i) => i.id === 'platform-payments-down');
    expect(incident).toBeDefined();
    const affected = new Set(incident!.health.map((h) => h.targetId));
    let down = 0;
    for (const r of day.health) {
      const active = demoIncidentOccurrence(incident!, r.at) !== undefined;
      const expected = !active || !affected.has(r.targetId) ? 'healthy' : r.targetId === 'platform-payments' ? 'unhealthy' : 'degraded';
      expect(r.observed, `${r.targetId} at ${new Date(r.at).toISOString()}`).toBe(expected);
      if (r.targetId === 'platform-api') expect(r.services.payments).toBe(active ? 'unhealthy' : 'healthy');
      if (r.targetId === 'platform-payments' && active) {
        down++;
        expect(r.httpStatus).toBe(503);
        expect(r.failures.length).toBeGreaterThan(0);
      }
    }
    // 24 occurrences × 8 one-minute checks
    expect(down).toBe(24 * (incident!.toMin - incident!.fromMin));
  });

  it('fires each scripted alert during its occurrence only, with a stable fingerprint and the occurrence start', async () => {
    const [source] = createDemoSources(board);
    const hour = DAY_START + 9 * HOUR;
    const fingerprints = new Map<string, Set<string>>();
    for (let m = 0; m < 120; m++) {
      const now = hour + m * MIN + 20_000;
      const batch = await source!.poll({ signal: new AbortController().signal, now, board, lastSampleAt: () => now });
      const alerts = batch.alerts ?? [];
      for (const incident of DEMO_INCIDENTS.filter((i) => i.alert)) {
        const t = Math.floor(now / INTERVAL) * INTERVAL;
        const occurrence = demoIncidentOccurrence(incident, t);
        const found = alerts.filter((a) => a.labels.alertname === incident.alert!.alertname);
        expect(found.length, `${incident.id} minute ${m}`).toBe(occurrence ? 1 : 0);
        const a = found[0];
        if (!a || !occurrence) continue;
        expect(a.startsAt).toBe(occurrence.start);
        expect(a).toMatchObject({ state: 'firing', severity: incident.alert!.severity, source: 'demo' });
        expect(a.labels).toMatchObject({ brand: incident.brand, severity: incident.alert!.severity });
        expect(a.annotations.summary).toBe(incident.alert!.summary);
        expect(a.annotations.description).toBeTruthy();
        fingerprints.set(incident.id, (fingerprints.get(incident.id) ?? new Set()).add(a.fingerprint));
      }
    }
    expect(fingerprints.get('bizoholic-checkout-errors')?.size).toBe(1);
    expect(fingerprints.get('platform-disk-db2')?.size).toBe(1);
    expect(fingerprints.get('bizoholic-checkout-errors')).not.toEqual(fingerprints.get('platform-disk-db2'));
  });

  it('schedules every incident within its period so a fresh start sees one within an hour', () => {
    const ids = DEMO_INCIDENTS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of DEMO_INCIDENTS) {
      expect(i.fromMin).toBeGreaterThanOrEqual(0);
      expect(i.toMin).toBeGreaterThan(i.fromMin);
      expect(i.toMin).toBeLessThanOrEqual(i.periodMin);
      expect(nextDemoIncidentStart(i, NOW) - NOW).toBeLessThanOrEqual(i.periodMin * MIN);
    }
    const window = (id: string): [number, number] | undefined => {
      const i = DEMO_INCIDENTS.find((x) => x.id === id);
      return i && i.periodMin === 60 ? [i.fromMin, i.toMin] : undefined;
    };
    expect(window('bizoholic-orders-spike')).toEqual([12, 14]);
    expect(window('bizoholic-checkout-errors')).toEqual([20, 35]);
    expect(window('quanttrade-latency-shift')).toEqual([30, 45]);
    expect(window('platform-payments-down')).toEqual([40, 48]);
    const critical = DEMO_INCIDENTS.find((i) => i.alert?.severity === 'critical' && i.brand === 'bizoholic');
    expect(critical?.alert?.summary).toBe('Checkout error rate above 5%');
    expect(DEMO_INCIDENTS.some((i) => i.alert?.severity === 'warning' && i.toMin - i.fromMin === i.periodMin)).toBe(true);
  });
});
