// The demo's scripted incidents: one table, so the source, the tests and the e2e suite agree on
// what happens when. Each incident repeats on its period (UTC-aligned), so a fresh start sees one
// within minutes and a 24 h replay shows many.
import type { HealthState, Labels, Severity } from '../../../../shared/model';

/** How an incident changes one demo metric while it is active. */
export interface DemoMetricEffect {
  /** Metric name without the `demo:` prefix, e.g. `bizoholic_orders_per_min`. */
  metric: string;
  /** Only series whose labels include these; all series of the metric when absent. */
  labels?: Labels;
  op: 'mul' | 'add' | 'set';
  value: number;
}

/** How an incident changes one demo health target (or one service inside it) while active. */
export interface DemoHealthEffect {
  targetId: string;
  /** A service inside the target's `services` map; the target itself when absent. */
  service?: string;
  state: HealthState;
  httpStatus?: number;
  error?: string;
}

export interface DemoAlertSpec {
  alertname: string;
  severity: Severity;
  summary: string;
  description: string;
  /** Extra labels besides alertname, brand and severity. */
  labels?: Labels;
}

export interface DemoIncident {
  id: string;
  brand: string;
  title: string;
  /** Repeats every `periodMin` minutes, aligned to the unix epoch (so to UTC hours and days). */
  periodMin: number;
  /** Active for minutes [fromMin, toMin) of each period. */
  fromMin: number;
  toMin: number;
  effects: DemoMetricEffect[];
  health: DemoHealthEffect[];
  alert?: DemoAlertSpec;
}

const HOUR = 60; // min
const DAY = 24 * 60; // min

/** Every scripted incident. Offsets live here and nowhere else. */
export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    id: 'coreldove-search-slow',
    brand: 'coreldove',
    title: 'CorelDove search p95 latency degraded',
    periodMin: HOUR,
    fromMin: 5,
    toMin: 9,
    effects: [{ metric: 'coreldove_search_p95_ms', op: 'mul', value: 3.5 }],
    health: [],
  },
  {
    id: 'bizoholic-orders-spike',
    brand: 'bizoholic',
    title: 'Bizoholic orders spike (flash sale)',
    periodMin: HOUR,
    fromMin: 12,
    toMin: 14,
    effects: [
      { metric: 'bizoholic_orders_per_min', op: 'mul', value: 3 },
      { metric: 'bizoholic_revenue_per_min', op: 'mul', value: 2.6 },
    ],
    health: [],
  },
  {
    id: 'bizoholic-checkout-errors',
    brand: 'bizoholic',
    title: 'Bizoholic checkout error rate above 5%',
    periodMin: HOUR,
    fromMin: 20,
    toMin: 35,
    effects: [
      { metric: 'bizoholic_checkout_error_rate_percent', op: 'add', value: 6.5 },
      { metric: 'bizoholic_cart_abandonment_percent', op: 'add', value: 14 },
    ],
    health: [],
    alert: {
      alertname: 'CheckoutErrorRateHigh',
      severity: 'critical',
      summary: 'Checkout error rate above 5%',
      description: 'More than 5% of Bizoholic checkout requests failed over the last 5 minutes.',
      labels: { service: 'checkout' },
    },
  },
  {
    id: 'quanttrade-latency-shift',
    brand: 'quanttrade',
    title: 'QuantTrade order latency level shift',
    periodMin: HOUR,
    fromMin: 30,
    toMin: 45,
    effects: [{ metric: 'quanttrade_order_latency_ms', op: 'mul', value: 3 }],
    health: [],
  },
  {
    id: 'platform-payments-down',
    brand: 'platform',
    title: 'Platform payments service down',
    periodMin: HOUR,
    fromMin: 40,
    toMin: 48,
    effects: [
      { metric: 'platform_service_up', labels: { service: 'payments' }, op: 'set', value: 0 },
      { metric: 'platform_error_rate_percent', op: 'add', value: 3.5 },
      { metric: 'platform_http_p95_seconds', op: 'add', value: 0.35 },
      { metric: 'platform_payment_success_percent', op: 'mul', value: 0.6 },
    ],
    health: [
      { targetId: 'platform-payments', state: 'unhealthy', httpStatus: 503, error: 'HTTP 503 Service Unavailable' },
      { targetId: 'platform-api', service: 'payments', state: 'unhealthy' },
      { targetId: 'platform-checkout', service: 'payments', state: 'unhealthy' },
    ],
  },
  {
    id: 'thrillring-onsale-surge',
    brand: 'thrillring',
    title: 'ThrillRing on-sale ticket surge',
    periodMin: HOUR,
    fromMin: 50,
    toMin: 55,
    effects: [{ metric: 'thrillring_tickets_per_min', op: 'mul', value: 2.5 }],
    health: [],
  },
  {
    // why: 7 minutes, critical and unacknowledged: it escalates after notify.escalateAfter (5 min)
    id: 'platform-sms-degraded',
    brand: 'platform',
    title: 'SMS gateway degraded: deliveries failing and slow',
    periodMin: HOUR,
    fromMin: 52,
    toMin: 59,
    effects: [
      { metric: 'platform_sms_delivery_success_percent', op: 'mul', value: 0.86 },
      { metric: 'platform_sms_response_ms', op: 'mul', value: 4 },
    ],
    health: [],
    alert: {
      alertname: 'SmsDeliveryFailing',
      severity: 'critical',
      summary: 'SMS delivery success below 90%',
      description: 'The SMS gateway delivered under 90% of order and OTP messages over the last 5 minutes; store pickups wait on them.',
      labels: { service: 'sms' },
    },
  },
  {
    // why: every 6 h, not hourly: an hourly spike is learned as normal by the z-score panel's detector
    id: 'platform-search-cpu-saturation',
    brand: 'platform',
    title: 'Search service CPU saturated',
    periodMin: 6 * HOUR,
    fromMin: 0,
    toMin: 4,
    effects: [{ metric: 'platform_service_cpu_percent', labels: { service: 'search' }, op: 'mul', value: 2.05 }],
    health: [],
  },
  {
    id: 'platform-cost-runaway',
    brand: 'platform',
    title: 'Autoscaling runaway: hourly spend and the month forecast jump',
    periodMin: HOUR,
    fromMin: 8,
    toMin: 11,
    effects: [
      { metric: 'platform_cost_hourly_usd', op: 'mul', value: 1.8 },
      { metric: 'platform_cost_month_forecast_usd', op: 'add', value: 3000 },
    ],
    health: [],
  },
  {
    id: 'platform-auth-memory',
    brand: 'platform',
    title: 'Auth service memory above 80%',
    periodMin: HOUR,
    fromMin: 25,
    toMin: 33,
    effects: [{ metric: 'platform_service_memory_percent', labels: { service: 'auth' }, op: 'add', value: 28 }],
    health: [],
  },
  {
    // why: the inventory base itself sells Bengaluru out 210 min after each 4-hourly restock
    id: 'platform-bengaluru-sold-out',
    brand: 'platform',
    title: 'Bengaluru store sold out until the next restock',
    periodMin: 4 * HOUR,
    fromMin: 210,
    toMin: 240,
    effects: [],
    health: [],
    alert: {
      alertname: 'StoreSoldOut',
      severity: 'warning',
      summary: 'Bengaluru store sold out',
      description: 'Inventory at the Bengaluru store is 0 until the next restock (every 4 h, on the UTC hour).',
      labels: { city: 'bengaluru', service: 'inventory' },
    },
  },
  {
    id: 'platform-disk-db2',
    brand: 'platform',
    title: 'Disk 80% full on db-2',
    periodMin: DAY,
    fromMin: 0,
    toMin: DAY,
    effects: [],
    health: [],
    alert: {
      alertname: 'DiskSpaceLow',
      severity: 'warning',
      summary: 'Disk 80% full on db-2',
      description: 'The data volume of db-2 is above 80% used; plan a cleanup or a resize.',
      labels: { instance: 'db-2', service: 'postgres' },
    },
  },
];

const MINUTE_MS = 60_000;

/** The occurrence of `incident` active at `t` (unix ms), or undefined when it is not active. */
export function demoIncidentOccurrence(incident: DemoIncident, t: number): { start: number; end: number } | undefined {
  const periodMs = incident.periodMin * MINUTE_MS;
  const periodStart = Math.floor(t / periodMs) * periodMs;
  const start = periodStart + incident.fromMin * MINUTE_MS;
  const end = periodStart + incident.toMin * MINUTE_MS;
  return t >= start && t < end ? { start, end } : undefined;
}

export function demoIncidentActive(incident: DemoIncident, t: number): boolean {
  return demoIncidentOccurrence(incident, t) !== undefined;
}

/** The start (unix ms) of the first occurrence of `incident` at or after `t`. */
export function nextDemoIncidentStart(incident: DemoIncident, t: number): number {
  const periodMs = incident.periodMin * MINUTE_MS;
  const periodStart = Math.floor(t / periodMs) * periodMs;
  const start = periodStart + incident.fromMin * MINUTE_MS;
  return start >= t ? start : start + periodMs;
}

/** Incidents active at `t`. */
export function activeDemoIncidents(t: number): DemoIncident[] {
  return DEMO_INCIDENTS.filter((i) => demoIncidentActive(i, t));
}
