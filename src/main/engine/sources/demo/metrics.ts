// The demo's metric catalogue and its values: value(seed, metric, labels, t) is a pure function of
// its arguments (daily shape + seeded noise + the scripted incidents of demo-incidents.ts).
// Rates get multiplicative noise so quiet nights are not drowned in it.
import type { Labels } from '../../../../shared/model';
import { DEMO_INCIDENTS, demoIncidentActive, type DemoIncident, type DemoMetricEffect } from './incidents';
import { clamp, dayFraction, hashString, marketHours, platformTraffic, smooth, traffic, uniform, white } from './noise';

const MIN_MS = 60_000;

/** A metric's value before incidents: t is unix ms, h the series' seeded hash. */
type BaseFn = (t: number, h: number, labels: Labels) => number;

export interface DemoMetricSpec {
  /** Name without the `demo:` prefix: `<brand>_<metric>`. */
  name: string;
  brand: string;
  unit: 'short' | 'percent' | 'ms' | 's' | 'reqps' | 'currency';
  help: string;
  /** One label set per series; `[{}]` for a single series. */
  series: Labels[];
  /** Bounds the value is clamped to after incidents. */
  min: number;
  max: number;
  base: BaseFn;
}

export const DEMO_HOSTS = ['web-1', 'web-2', 'web-3', 'db-1', 'db-2'] as const;
export const DEMO_SERVICES = ['api', 'checkout', 'search', 'payments', 'auth'] as const;
export const DEMO_CITIES = ['mumbai', 'delhi', 'bengaluru'] as const;

const BIZ_PEAK = 15; // h UTC: European afternoon shopping
const COREL_PEAK = 11; // h UTC: travel searches peak late morning
const THRILL_PEAK = 19; // h UTC: event tickets sell in the evening

const hostLabels = DEMO_HOSTS.map((host) => ({ host }));
const serviceLabels = DEMO_SERVICES.map((service) => ({ service }));
const cityLabels = DEMO_CITIES.map((city) => ({ city }));

/** Per-service level: the same metric sits at a different height for each service. */
function perService(labels: Labels, levels: Record<(typeof DEMO_SERVICES)[number], number>): number {
  return levels[(labels['service'] ?? 'api') as (typeof DEMO_SERVICES)[number]] ?? 0;
}

const RESTOCK_MIN = 240; // every store is restocked every 4 h, UTC-aligned
/** Units at restock and units sold per minute; Bengaluru sells out 210 min in (see demo-incidents.ts). */
const STOCK: Record<(typeof DEMO_CITIES)[number], [number, number]> = { mumbai: [960, 3.2], delhi: [820, 2.9], bengaluru: [640, 640 / 210] };
const isDb = (labels: Labels): boolean => (labels['host'] ?? '').startsWith('db-');

const SPECS: DemoMetricSpec[] = [
  // bizoholic — e-commerce
  {
    name: 'bizoholic_orders_per_min', brand: 'bizoholic', unit: 'short', help: 'orders placed per minute',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 140 * traffic(t, BIZ_PEAK) * (1 + 0.08 * smooth(h, t, 20 * MIN_MS) + 0.03 * white(h, t)),
  },
  {
    name: 'bizoholic_revenue_per_min', brand: 'bizoholic', unit: 'currency', help: 'revenue per minute (USD)',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 140 * traffic(t, BIZ_PEAK) * (62 + 6 * smooth(h, t, 30 * MIN_MS) + 2.5 * white(h, t)),
  },
  {
    name: 'bizoholic_cart_abandonment_percent', brand: 'bizoholic', unit: 'percent', help: 'carts abandoned, % of carts',
    series: [{}], min: 0, max: 100,
    base: (t, h) => 66 + 5 * (1 - traffic(t, BIZ_PEAK)) + 3 * smooth(h, t, 30 * MIN_MS) + 1.2 * white(h, t),
  },
  {
    name: 'bizoholic_checkout_error_rate_percent', brand: 'bizoholic', unit: 'percent', help: 'failed checkouts, % of checkouts',
    series: [{}], min: 0.02, max: 100,
    base: (t, h) => 0.5 + 0.4 * traffic(t, BIZ_PEAK) + 0.2 * smooth(h, t, 15 * MIN_MS) + 0.08 * white(h, t),
  },
  // coreldove — travel
  {
    name: 'coreldove_searches_per_sec', brand: 'coreldove', unit: 'reqps', help: 'flight and hotel searches per second',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 520 * traffic(t, COREL_PEAK) * (1 + 0.06 * smooth(h, t, 15 * MIN_MS) + 0.02 * white(h, t)),
  },
  {
    name: 'coreldove_bookings_per_min', brand: 'coreldove', unit: 'short', help: 'bookings confirmed per minute',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 38 * traffic(t, COREL_PEAK) * (1 + 0.1 * smooth(h, t, 25 * MIN_MS) + 0.05 * white(h, t)),
  },
  {
    name: 'coreldove_search_p95_ms', brand: 'coreldove', unit: 'ms', help: 'search latency, 95th percentile (ms)',
    series: [{}], min: 20, max: Infinity,
    base: (t, h) => 180 + 120 * traffic(t, COREL_PEAK) + 15 * smooth(h, t, 10 * MIN_MS) + 6 * white(h, t),
  },
  // thrillring — events
  {
    name: 'thrillring_tickets_per_min', brand: 'thrillring', unit: 'short', help: 'tickets sold per minute',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 260 * traffic(t, THRILL_PEAK, 0.08) * (1 + 0.1 * smooth(h, t, 20 * MIN_MS) + 0.03 * white(h, t)),
  },
  {
    // why: tonight's venues fill through the UTC day and reset at midnight
    name: 'thrillring_venue_capacity_percent', brand: 'thrillring', unit: 'percent', help: "tonight's venue capacity sold, %",
    series: [{}], min: 0, max: 99.5,
    base: (t, h) => 25 + 68 * dayFraction(t) ** 0.8 + 1.5 * smooth(h, t, 30 * MIN_MS) + 0.2 * white(h, t),
  },
  // quanttrade — trading
  {
    name: 'quanttrade_trades_per_sec', brand: 'quanttrade', unit: 'reqps', help: 'trades executed per second',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => (60 + 1100 * marketHours(t)) * (1 + 0.15 * smooth(h, t, 10 * MIN_MS) + 0.03 * white(h, t)),
  },
  {
    name: 'quanttrade_order_latency_ms', brand: 'quanttrade', unit: 'ms', help: 'order round-trip latency (ms)',
    series: [{}], min: 0.5, max: Infinity,
    base: (t, h) => 3.2 + 1.5 * marketHours(t) + 0.4 * smooth(h, t, 10 * MIN_MS) + 0.2 * white(h, t),
  },
  {
    // why: a P&L since UTC midnight made of seeded slow waves, so it starts at 0 every day
    name: 'quanttrade_pnl', brand: 'quanttrade', unit: 'currency', help: 'profit and loss since 00:00 UTC (USD)',
    series: [{}], min: -Infinity, max: Infinity,
    base: (t, h) => {
      const x = dayFraction(t);
      const day = Math.floor(t / 86_400_000);
      const p1 = 2 * Math.PI * uniform(h, day, 7);
      const p2 = 2 * Math.PI * uniform(h, day, 8);
      const drift = (uniform(h, day, 9) - 0.35) * 160_000;
      const wave = 90_000 * (Math.sin(2 * Math.PI * 1.3 * x + p1) - Math.sin(p1)) + 40_000 * (Math.sin(2 * Math.PI * 4.7 * x + p2) - Math.sin(p2));
      return wave + drift * x + 6_000 * x * smooth(h, t, 5 * MIN_MS) + 400 * x * white(h, t);
    },
  },
  // platform — shared infrastructure, follows the sum of the brands' traffic
  {
    name: 'platform_cpu_percent', brand: 'platform', unit: 'percent', help: 'CPU used per host, %',
    series: hostLabels, min: 1, max: 100,
    base: (t, h, l) => (isDb(l) ? 14 + 38 * platformTraffic(t) : 18 + 52 * platformTraffic(t)) + 6 * smooth(h, t, 10 * MIN_MS) + 2.5 * white(h, t),
  },
  {
    name: 'platform_memory_percent', brand: 'platform', unit: 'percent', help: 'memory used per host, %',
    series: hostLabels, min: 1, max: 100,
    base: (t, h, l) => (isDb(l) ? 68 : 50) + 8 * platformTraffic(t) + 6 * smooth(h, t, 120 * MIN_MS) + 0.6 * white(h, t),
  },
  {
    name: 'platform_http_p95_seconds', brand: 'platform', unit: 's', help: 'HTTP request latency, 95th percentile (s)',
    series: [{}], min: 0.01, max: Infinity,
    base: (t, h) => 0.16 + 0.14 * platformTraffic(t) + 0.02 * smooth(h, t, 10 * MIN_MS) + 0.008 * white(h, t),
  },
  {
    name: 'platform_error_rate_percent', brand: 'platform', unit: 'percent', help: 'HTTP 5xx responses, % of requests',
    series: [{}], min: 0.01, max: 100,
    base: (t, h) => 0.25 + 0.2 * platformTraffic(t) + 0.08 * smooth(h, t, 10 * MIN_MS) + 0.04 * white(h, t),
  },
  {
    name: 'platform_requests_per_sec', brand: 'platform', unit: 'reqps', help: 'HTTP requests per second at the edge',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 1600 * platformTraffic(t) * (1 + 0.05 * smooth(h, t, 10 * MIN_MS) + 0.015 * white(h, t)),
  },
  // platform — workshop / store monitor: SMS gateway, payments, store inventory
  {
    name: 'platform_sms_delivery_success_percent', brand: 'platform', unit: 'percent', help: 'SMS delivered, % of SMS sent',
    series: [{}], min: 0, max: 100,
    base: (t, h) => 98.9 + 0.35 * smooth(h, t, 20 * MIN_MS) + 0.12 * white(h, t),
  },
  {
    name: 'platform_sms_response_ms', brand: 'platform', unit: 'ms', help: 'SMS gateway response time (ms)',
    series: [{}], min: 50, max: Infinity,
    base: (t, h) => 620 + 260 * platformTraffic(t) + 60 * smooth(h, t, 10 * MIN_MS) + 25 * white(h, t),
  },
  {
    name: 'platform_payment_success_percent', brand: 'platform', unit: 'percent', help: 'payments authorised, % of attempts',
    series: [{}], min: 0, max: 100,
    base: (t, h) => 99.1 - 0.4 * platformTraffic(t) + 0.15 * smooth(h, t, 15 * MIN_MS) + 0.05 * white(h, t),
  },
  {
    // why: a straight sell-down between restocks, so the sell-out forecast reads true
    name: 'platform_inventory_units', brand: 'platform', unit: 'short', help: 'units in stock per city store',
    series: cityLabels, min: 0, max: Infinity,
    base: (t, h, l) => {
      const [start, perMin] = STOCK[(l['city'] ?? 'mumbai') as (typeof DEMO_CITIES)[number]] ?? [0, 0];
      const sinceRestock = (t / MIN_MS) % RESTOCK_MIN;
      return Math.round(start - perMin * sinceRestock + 2 * white(h, t));
    },
  },
  // platform — resource monitor: CPU, memory and disk per service, and what it all costs
  {
    name: 'platform_service_cpu_percent', brand: 'platform', unit: 'percent', help: 'CPU used per service, %',
    series: serviceLabels, min: 1, max: 100,
    base: (t, h, l) => perService(l, { api: 36, checkout: 28, search: 38, payments: 24, auth: 18 }) + 14 * platformTraffic(t) + 4 * smooth(h, t, 10 * MIN_MS) + 1.5 * white(h, t),
  },
  {
    name: 'platform_service_memory_percent', brand: 'platform', unit: 'percent', help: 'memory used per service, %',
    series: serviceLabels, min: 1, max: 100,
    base: (t, h, l) => perService(l, { api: 55, checkout: 60, search: 66, payments: 50, auth: 58 }) + 4 * platformTraffic(t) + 3 * smooth(h, t, 120 * MIN_MS) + 0.5 * white(h, t),
  },
  {
    // why: payments' volume fills through the UTC day: 80 % (warning) at 18:00, 86 % by midnight
    name: 'platform_service_disk_percent', brand: 'platform', unit: 'percent', help: 'disk used per service, %',
    series: serviceLabels, min: 1, max: 100,
    base: (t, h, l) => (l['service'] === 'payments' ? 62 + 24 * dayFraction(t) : perService(l, { api: 41, checkout: 35, search: 57, payments: 0, auth: 22 })) + 0.2 * smooth(h, t, 60 * MIN_MS),
  },
  {
    name: 'platform_cost_hourly_usd', brand: 'platform', unit: 'currency', help: 'cloud spend per hour (USD)',
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 38 + 9 * platformTraffic(t) + 1.5 * smooth(h, t, 30 * MIN_MS) + 0.4 * white(h, t),
  },
  {
    name: 'platform_cost_month_forecast_usd', brand: 'platform', unit: 'currency', help: "this month's cloud spend at the current rate (USD)",
    series: [{}], min: 0, max: Infinity,
    base: (t, h) => 30_500 + 400 * smooth(h, t, 360 * MIN_MS) + 40 * white(h, t),
  },
  {
    name: 'platform_service_up', brand: 'platform', unit: 'short', help: '1 when the service answers its health check',
    series: DEMO_SERVICES.map((service) => ({ service })), min: 0, max: 1,
    base: () => 1,
  },
];

export const DEMO_METRICS: ReadonlyMap<string, DemoMetricSpec> = new Map(SPECS.map((s) => [s.name, s]));

function labelsInclude(labels: Labels, subset: Labels | undefined): boolean {
  if (!subset) return true;
  return Object.entries(subset).every(([k, v]) => labels[k] === v);
}

function canonical(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',');
}

/** One series' generator: precomputes what does not depend on t, so a 24 h backfill stays cheap. */
export interface DemoSeriesGen {
  labels: Labels;
  value(t: number): number;
}

export function demoSeriesGen(seed: number, spec: DemoMetricSpec, labels: Labels): DemoSeriesGen {
  const h = hashString(`${seed}|${spec.name}|${canonical(labels)}`);
  const effects: { incident: DemoIncident; effect: DemoMetricEffect }[] = [];
  for (const incident of DEMO_INCIDENTS) {
    for (const effect of incident.effects) {
      if (effect.metric === spec.name && labelsInclude(labels, effect.labels)) effects.push({ incident, effect });
    }
  }
  return {
    labels,
    value(t: number): number {
      let v = spec.base(t, h, labels);
      for (const { incident, effect } of effects) {
        if (!demoIncidentActive(incident, t)) continue;
        if (effect.op === 'mul') v *= effect.value;
        else if (effect.op === 'add') v += effect.value;
        else v = effect.value;
      }
      // why: 4 decimals is finer than any panel shows and keeps batches small on the wire
      return Math.round(clamp(v, spec.min, spec.max) * 10_000) / 10_000;
    },
  };
}

/** The value of one demo series at t (unix ms); pure. Undefined for an unknown metric. */
export function demoValue(seed: number, metric: string, labels: Labels, t: number): number | undefined {
  const spec = DEMO_METRICS.get(metric);
  return spec ? demoSeriesGen(seed, spec, labels).value(t) : undefined;
}
