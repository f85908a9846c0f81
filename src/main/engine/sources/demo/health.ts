// The demo's simulated health targets: what an HTTP health check of each would have seen at t.
// Pure in (seed, source id, target, t); scripted outages come from demo-incidents.ts.
import type { HealthResult, HealthState } from '../../../../shared/model';
import { activeDemoIncidents } from './incidents';
import { hashString, platformTraffic, smooth, white } from './noise';

export interface DemoHealthTarget {
  id: string;
  brand: string;
  name: string;
  /** Typical check latency at average load, ms. */
  baseLatencyMs: number;
  /** Services reported in the target's `{"services": {...}}` body. */
  services: string[];
}

export const DEMO_HEALTH_TARGETS: readonly DemoHealthTarget[] = [
  { id: 'platform-api', brand: 'platform', name: 'Platform API', baseLatencyMs: 45, services: ['api', 'checkout', 'search', 'payments', 'auth'] },
  { id: 'platform-checkout', brand: 'platform', name: 'Checkout service', baseLatencyMs: 80, services: ['checkout', 'payments'] },
  { id: 'platform-search', brand: 'platform', name: 'Search service', baseLatencyMs: 60, services: ['search'] },
  { id: 'platform-payments', brand: 'platform', name: 'Payments service', baseLatencyMs: 110, services: ['payments'] },
  { id: 'bizoholic-web', brand: 'bizoholic', name: 'Bizoholic storefront', baseLatencyMs: 150, services: [] },
  { id: 'coreldove-web', brand: 'coreldove', name: 'CorelDove web', baseLatencyMs: 170, services: [] },
  { id: 'thrillring-web', brand: 'thrillring', name: 'ThrillRing web', baseLatencyMs: 140, services: [] },
  { id: 'quanttrade-gateway', brand: 'quanttrade', name: 'QuantTrade order gateway', baseLatencyMs: 8, services: [] },
];

/** The query under which a demo target's check latency is stored as a series. */
export function healthLatencyQuery(targetId: string): string {
  return `health:latency_ms:${targetId}`;
}

const RANK: Record<HealthState, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

/** One check of `target` at t (unix ms). `state` equals `observed`: the demo needs no debounce. */
export function demoHealthAt(seed: number, sourceId: string, target: DemoHealthTarget, t: number): HealthResult {
  const h = hashString(`${seed}|health|${target.id}`);
  const services: Record<string, HealthState> = {};
  for (const s of target.services) services[s] = 'healthy';
  let own: { state: HealthState; httpStatus?: number; error?: string } | undefined;
  for (const incident of activeDemoIncidents(t)) {
    for (const e of incident.health) {
      if (e.targetId !== target.id) continue;
      if (e.service !== undefined) services[e.service] = e.state;
      else own = { state: e.state, ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}), ...(e.error !== undefined ? { error: e.error } : {}) };
    }
  }
  // why: a target whose own endpoint answers but reports a failing service is degraded, not down
  const worstService = Object.values(services).reduce((w, s) => Math.max(w, RANK[s]), 0);
  const observed: HealthState = own?.state ?? (worstService > 0 ? 'degraded' : 'healthy');
  const failed = own !== undefined && own.state !== 'healthy';
  const load = 1 + 0.5 * platformTraffic(t);
  // why: a service answering 503 fails fast, so its check is quicker than a healthy one
  const scale = failed ? 0.2 : 1;
  const raw = target.baseLatencyMs * scale * load * (1 + 0.1 * smooth(h, t, 10 * 60_000)) + target.baseLatencyMs * 0.05 * white(h, t);
  const latencyMs = Math.round(Math.max(0.5, raw) * 10) / 10;
  const httpStatus = own?.httpStatus ?? 200;
  return {
    targetId: target.id,
    source: sourceId,
    brand: target.brand,
    name: target.name,
    at: t,
    observed,
    state: observed,
    latencyMs,
    httpStatus,
    failures: httpStatus !== 200 ? [`[STATUS] == 200 (got ${httpStatus})`] : [],
    services,
    ...(own?.error !== undefined ? { error: own.error } : {}),
  };
}
