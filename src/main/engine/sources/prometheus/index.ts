// Prometheus: one instant query per distinct panel query per poll, evaluated on the interval grid,
// plus query_range backfill of any gap in the buffer. A bad query errors itself only.
import type { Board } from '../../../../shared/config-schema';
import { panelQueries } from '../../../../shared/board-queries';
import type { PrometheusSourceConfig } from '../../../../shared/source-schemas';
import { seriesKey, type Batch, type QueryOutcome, type SeriesSamples } from '../../../../shared/model';
import { timedPoll, type PollContext, type Source } from '../source';
import { httpPostForm, httpGet, joinUrl, sourceHttpOptions, toJson, type HttpOptions } from '../http';
import { parseQueryResponse, type ParsedQuery, type ParsedSeries } from './parse';
import { alignedTime, planBackfill } from './backfill';
import { expandMacros, type MacroContext } from '../../query-macros';

/** Requests in flight at once per poll: enough to hide latency, few enough not to hammer Prometheus. */
const CONCURRENCY = 4;

/** Distinct queries the board asks of this source, in board order. */
export function queriesFor(board: Board, sourceId: string): string[] {
  const out = new Set<string>();
  for (const pg of board.pages) {
    for (const p of pg.panels) {
      for (const q of panelQueries(board, p)) if (q.source === sourceId) out.add(q.query);
    }
  }
  return [...out];
}

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Merges parsed series into per-key samples, keeping ts strictly ascending. */
class SampleSet {
  private readonly byKey = new Map<string, SeriesSamples>();
  constructor(
    private readonly source: string,
    private readonly query: string,
  ) {}
  add(series: ParsedSeries[]): void {
    for (const s of series) {
      const key = seriesKey(this.source, this.query, s.labels);
      let out = this.byKey.get(key);
      if (!out) {
        out = { key, source: this.source, query: this.query, labels: s.labels, ts: [], values: [] };
        this.byKey.set(key, out);
      }
      for (let i = 0; i < s.ts.length; i++) {
        const t = s.ts[i] as number;
        if (out.ts.length > 0 && t <= (out.ts[out.ts.length - 1] as number)) continue;
        out.ts.push(t);
        out.values.push(s.values[i] as number);
      }
    }
  }
  list(): SeriesSamples[] {
    return [...this.byKey.values()].filter((s) => s.ts.length > 0);
  }
}

export function createPrometheusSource(cfg: PrometheusSourceConfig): Source {
  const base = cfg.url;
  const parseOpts = (keepAllPoints: boolean) => ({ maxSeries: cfg.maxSeries, keepAllPoints });

  /** Grafana's macros for this source: one point per poll interval, scrapes every scrapeInterval. */
  const macros = (board: Board): MacroContext => ({ stepMs: cfg.interval, scrapeIntervalMs: cfg.scrapeInterval ?? cfg.interval, rangeMs: board.timeRange });

  // why: the board's query text stays the series' identity; only the request carries the macros' values
  async function instant(query: string, time: number, http: HttpOptions, m: MacroContext): Promise<ParsedQuery> {
    const r = await httpPostForm(joinUrl(base, '/api/v1/query'), { query: expandMacros(query, m), time: String(time / 1000) }, http);
    return parseQueryResponse(r, parseOpts(false));
  }

  async function range(query: string, start: number, end: number, http: HttpOptions, m: MacroContext): Promise<ParsedQuery> {
    const form = { query: expandMacros(query, m), start: String(start / 1000), end: String(end / 1000), step: String(cfg.interval / 1000) };
    const r = await httpPostForm(joinUrl(base, '/api/v1/query_range'), form, http);
    return parseQueryResponse(r, parseOpts(true));
  }

  /** One query: backfill chunks oldest first, then the instant value at `time`. */
  async function runQuery(query: string, ctx: PollContext, time: number, http: HttpOptions) {
    const set = new SampleSet(cfg.id, query);
    const chunks = planBackfill({ last: ctx.lastSampleAt(query), now: ctx.now, intervalMs: cfg.interval, retentionMs: ctx.board.retention });
    for (const c of chunks) {
      const r = await range(query, c.start, c.end, http, macros(ctx.board));
      // why: a failed backfill leaves the gap; the instant query below still decides the outcome
      if (!r.ok) break;
      set.add(r.series);
    }
    const now = await instant(query, time, http, macros(ctx.board));
    if (now.ok) set.add(now.series);
    return { parsed: now, samples: set.list() };
  }

  const source: Source = {
    id: cfg.id,
    kind: 'prometheus',
    intervalMs: cfg.interval,
    // why: a poll is several requests (each bounded by cfg.timeout); leave room for backfill
    timeoutMs: cfg.timeout * 3,
    poll(ctx: PollContext): Promise<Batch> {
      return timedPoll(source, ctx, async (batch) => {
        const http = sourceHttpOptions(cfg, ctx.signal);
        const queries = queriesFor(ctx.board, cfg.id);
        if (queries.length === 0) {
          // why: no panel asks anything, but the wall still shows whether Prometheus is reachable
          const r = toJson(await httpGet(joinUrl(base, '/api/v1/status/buildinfo'), http));
          if (!r.ok) batch.status = { ok: false, reason: r.reason };
          return;
        }
        const time = alignedTime(ctx.now, cfg.interval);
        const results = await mapLimit(queries, CONCURRENCY, (q) => runQuery(q, ctx, time, http));
        const transportFailures: string[] = [];
        results.forEach((res, i) => {
          const query = queries[i] as string;
          const outcome: QueryOutcome['outcome'] = res.parsed.ok ? { ok: true } : { ok: false, reason: res.parsed.reason };
          batch.queries.push({ source: cfg.id, query, outcome });
          if (!res.parsed.ok && !res.parsed.upstream) transportFailures.push(res.parsed.reason);
          batch.samples.push(...res.samples);
        });
        if (transportFailures.length === queries.length) batch.status = { ok: false, reason: transportFailures[0] as string };
      });
    },
  };
  return source;
}

export function createPrometheusSources(board: Board): Source[] {
  return board.sources.prometheus.map(createPrometheusSource);
}
