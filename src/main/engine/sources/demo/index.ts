// The built-in demo source: a simulated BizOSaaS NOC (five brands) with no network. Every value is a
// pure function of (seed, metric, labels, t), so polls are reproducible and a fresh start backfills
// the whole retention window for replay. Scripted incidents live in demo-incidents.ts.
import type { Board } from '../../../../shared/config-schema';
import { panelQueries } from '../../../../shared/board-queries';
import type { DemoSourceConfig } from '../../../../shared/source-schemas';
import { emptyBatch, seriesKey, type Batch, type HealthResult, type SeriesSamples } from '../../../../shared/model';
import { demoAlertsAt } from './alerts';
import { DEMO_HEALTH_TARGETS, demoHealthAt, healthLatencyQuery } from './health';
import { demoSeriesGen } from './metrics';
import { matchesAll, parseDemoQuery } from './query';
import type { PollContext, Source } from '../source';

export { DEMO_INCIDENTS, demoIncidentActive, demoIncidentOccurrence, nextDemoIncidentStart } from './incidents';
export type { DemoIncident } from './incidents';
export { DEMO_HEALTH_TARGETS, demoHealthAt, healthLatencyQuery } from './health';
export { demoAlertsAt } from './alerts';
export { DEMO_METRICS, demoValue } from './metrics';

/** Health history is backfilled at no finer than this, to keep the first batch small. */
const HEALTH_BACKFILL_STEP_MS = 60_000;

/**
 * Aligned sample times (multiples of `interval`) this poll should emit for a query whose newest
 * buffered sample is `last`: everything missing within the retention window when the buffer is
 * empty or behind by more than one interval; otherwise just the newest point.
 */
export function demoSampleTimes(now: number, intervalMs: number, retentionMs: number, last: number | undefined, stepMs = intervalMs): number[] {
  const end = Math.floor(now / intervalMs) * intervalMs;
  if (last !== undefined && last >= end) return [];
  if (last !== undefined && last >= end - intervalMs) return [end];
  const windowStart = now - retentionMs;
  const from = Math.max(last === undefined ? windowStart : last + intervalMs, windowStart);
  const out: number[] = [];
  for (let t = Math.ceil(from / stepMs) * stepMs; t < end; t += stepMs) out.push(t);
  out.push(end);
  return out;
}

/** The distinct queries board panels ask of `sourceId`, in board order. */
function queriesOf(board: Board, sourceId: string): string[] {
  const seen = new Set<string>();
  for (const pg of board.pages) {
    for (const p of pg.panels) {
      for (const q of panelQueries(board, p)) if (q.source === sourceId) seen.add(q.query);
    }
  }
  return [...seen];
}

export function pollDemo(cfg: DemoSourceConfig, ctx: PollContext): Batch {
  const batch = emptyBatch(cfg.id, 'demo', ctx.now);
  if (ctx.signal.aborted) return { ...batch, status: { ok: false, reason: 'poll aborted' } };
  const interval = cfg.interval;
  const retention = ctx.board.retention;

  for (const query of queriesOf(ctx.board, cfg.id)) {
    const parsed = parseDemoQuery(query);
    if (!parsed.ok) {
      batch.queries.push({ source: cfg.id, query, outcome: { ok: false, reason: parsed.reason } });
      continue;
    }
    batch.queries.push({ source: cfg.id, query, outcome: { ok: true } });
    const ts = demoSampleTimes(ctx.now, interval, retention, ctx.lastSampleAt(query));
    if (ts.length === 0) continue;
    for (const labels of parsed.spec.series) {
      if (!matchesAll(labels, parsed.matchers)) continue;
      const gen = demoSeriesGen(cfg.seed, parsed.spec, labels);
      const series: SeriesSamples = { key: seriesKey(cfg.id, query, labels), source: cfg.id, query, labels, ts, values: ts.map((t) => gen.value(t)) };
      batch.samples.push(series);
    }
  }

  const healthStep = Math.ceil(HEALTH_BACKFILL_STEP_MS / interval) * interval;
  const health: HealthResult[] = [];
  for (const target of DEMO_HEALTH_TARGETS) {
    const query = healthLatencyQuery(target.id);
    const ts = demoSampleTimes(ctx.now, interval, retention, ctx.lastSampleAt(query), healthStep);
    if (ts.length === 0) continue;
    const results = ts.map((t) => demoHealthAt(cfg.seed, cfg.id, target, t));
    health.push(...results);
    batch.samples.push({ key: seriesKey(cfg.id, query, {}), source: cfg.id, query, labels: {}, ts, values: results.map((r) => r.latencyMs ?? Number.NaN) });
  }
  // why: consumers that keep "the newest result per target" can apply them in order
  batch.health = health.sort((a, b) => a.at - b.at);

  const end = Math.floor(ctx.now / interval) * interval;
  batch.alerts = demoAlertsAt(cfg.id, end);
  return batch;
}

function createDemoSource(cfg: DemoSourceConfig): Source {
  return {
    id: cfg.id,
    kind: 'demo',
    intervalMs: cfg.interval,
    // why: the demo does no I/O; the timeout only bounds a very large first backfill
    timeoutMs: Math.max(10_000, cfg.interval),
    poll: (ctx: PollContext) => Promise.resolve(pollDemo(cfg, ctx)),
  };
}

/** One Source per `sources.demo` entry of the board. */
export function createDemoSources(board: Board): Source[] {
  return board.sources.demo.map(createDemoSource);
}
