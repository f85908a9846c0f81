// HTTP(S) health checks: one GET per poll, judged by the board's conditions and the common health
// body, debounced into a state. Latency is also kept as a series ("health:latency_ms").
import type { Board } from '../../../../shared/config-schema';
import type { HealthSourceConfig } from '../../../../shared/source-schemas';
import { seriesKey, type HealthResult, type HealthState } from '../../../../shared/model';
import { httpSource, type Source } from '../source';
import { httpGet, sourceHttpOptions } from '../http';
import { bodyJson, failedConditions, parseCondition, type Condition, type Observation } from './conditions';
import { Debouncer, observedState, readHealthBody } from './state';
import { untrustedText } from '../untrusted-text';

export const LATENCY_QUERY = 'health:latency_ms';
const MAX_TEXT = 1024;

export function createHealthSource(cfg: HealthSourceConfig): Source {
  const conditions: Condition[] = [];
  const badConditions: string[] = [];
  for (const text of cfg.conditions) {
    const p = parseCondition(text);
    if (p.ok) conditions.push(p.condition);
    else badConditions.push(p.reason);
  }
  const overall = new Debouncer(cfg.failAfter, cfg.recoverAfter);
  const services = new Map<string, Debouncer>();

  function debounceServices(observed: Record<string, HealthState> | undefined): Record<string, HealthState> {
    if (observed) {
      // why: a service the body no longer lists is gone; one absent because the check failed is kept
      for (const name of services.keys()) if (!(name in observed)) services.delete(name);
      for (const [name, s] of Object.entries(observed)) {
        let d = services.get(name);
        if (!d) services.set(name, (d = new Debouncer(cfg.failAfter, cfg.recoverAfter)));
        d.push(s);
      }
    }
    const out: Record<string, HealthState> = {};
    for (const [name, d] of services) if (d.state) out[name] = d.state;
    return out;
  }

  return httpSource(cfg, 'health', async (batch, ctx) => {
    const r = await httpGet(cfg.url, sourceHttpOptions(cfg, ctx.signal));
    if (!r.ok && ctx.signal.aborted) {
      // why: the engine cancelled the poll (shutdown, reload); that says nothing about the target
      batch.status = { ok: false, reason: r.reason };
      return;
    }
    const o: Observation = { now: ctx.now };
    if (r.ok) {
      o.status = r.status;
      o.responseTimeMs = r.durationMs;
      o.body = r.body;
      if (r.cert) o.certExpiresAt = r.cert.validTo;
    }
    const failures = [...badConditions, ...failedConditions(conditions, o)];
    const body = r.ok ? readHealthBody(bodyJson(r.body)) : {};
    const observed = observedState(failures.length > 0, r.ok, body);
    const result: HealthResult = {
      targetId: cfg.id,
      source: cfg.id,
      at: ctx.now,
      observed,
      state: overall.push(observed),
      latencyMs: r.ok ? r.durationMs : null,
      failures: failures.map((f) => untrustedText(f, MAX_TEXT)),
      services: debounceServices(body.services),
    };
    if (cfg.brand) result.brand = cfg.brand;
    if (cfg.name) result.name = cfg.name;
    if (r.ok) result.httpStatus = r.status;
    else result.error = untrustedText(r.reason, MAX_TEXT);
    if (o.certExpiresAt !== undefined) result.certExpiresAt = o.certExpiresAt;
    batch.health.push(result);
    if (r.ok) {
      const labels = {};
      batch.samples.push({ key: seriesKey(cfg.id, LATENCY_QUERY, labels), source: cfg.id, query: LATENCY_QUERY, labels, ts: [ctx.now], values: [r.durationMs] });
    }
  });
}

export function createHealthSources(board: Board): Source[] {
  return board.sources.health.map(createHealthSource);
}
