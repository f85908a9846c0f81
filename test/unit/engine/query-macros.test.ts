import { describe, expect, it } from 'vitest';
import { parseBoardText } from '../../../src/main/engine/config/load';
import { expandMacros, grafanaIntervals, promDuration } from '../../../src/main/engine/query-macros';

const S = 1000;

describe("Grafana's query macros", () => {
  it('$__interval is the step, never finer than the scrape interval', () => {
    expect(grafanaIntervals({ stepMs: 15 * S, scrapeIntervalMs: 15 * S, rangeMs: 3600 * S }).intervalMs).toBe(15 * S);
    expect(grafanaIntervals({ stepMs: 5 * S, scrapeIntervalMs: 30 * S, rangeMs: 3600 * S }).intervalMs).toBe(30 * S);
    expect(grafanaIntervals({ stepMs: 60 * S, scrapeIntervalMs: 15 * S, rangeMs: 3600 * S }).intervalMs).toBe(60 * S);
  });

  it('$__rate_interval = max($__interval + scrape, 4 × scrape), as Grafana defines it', () => {
    // step = scrape = 15 s: 4 × 15 s wins over 15 + 15 s
    expect(grafanaIntervals({ stepMs: 15 * S, scrapeIntervalMs: 15 * S, rangeMs: 0 }).rateIntervalMs).toBe(60 * S);
    // a coarse step: interval + scrape wins
    expect(grafanaIntervals({ stepMs: 120 * S, scrapeIntervalMs: 15 * S, rangeMs: 0 }).rateIntervalMs).toBe(135 * S);
    // step finer than the scrape: interval is the scrape, 4 × scrape wins
    expect(grafanaIntervals({ stepMs: 1 * S, scrapeIntervalMs: 10 * S, rangeMs: 0 }).rateIntervalMs).toBe(40 * S);
  });

  it('writes every macro into the query, in both $__x and ${__x} forms', () => {
    const ctx = { stepMs: 30 * S, scrapeIntervalMs: 15 * S, rangeMs: 6 * 3600 * S + 400 };
    expect(expandMacros('rate(x[$__rate_interval])', ctx)).toBe('rate(x[1m])');
    expect(expandMacros('rate(x[${__rate_interval}]) + $__rate_interval_ms', ctx)).toBe('rate(x[1m]) + 60000');
    expect(expandMacros('avg_over_time(x[$__interval]) / $__interval_ms', ctx)).toBe('avg_over_time(x[30s]) / 30000');
    expect(expandMacros('increase(x[$__range]) / $__range_s / ${__range_ms}', ctx)).toBe('increase(x[21600s]) / 21600 / 21600400');
  });

  it('leaves queries without macros, and names that are not macros, as written', () => {
    const ctx = { stepMs: 15 * S, scrapeIntervalMs: 15 * S, rangeMs: 3600 * S };
    const plain = 'sum(rate(http_requests_total[5m]))';
    expect(expandMacros(plain, ctx)).toBe(plain);
    expect(expandMacros('x[$__interval_msx] $__from ${__user}', ctx)).toBe('x[$__interval_msx] $__from ${__user}');
  });

  it('writes exact PromQL durations', () => {
    expect([90 * S, 60 * S, 3600 * S, 86_400 * S, 1500, 0.4].map(promDuration)).toEqual(['90s', '1m', '1h', '1d', '1500ms', '1ms']);
  });

  it('check-config accepts macros in any query, a scrapeInterval on a Prometheus source and a timeRange', () => {
    const r = parseBoardText(
      `timeRange: 6h
sources:
  prometheus:
    - { id: prom, url: "http://127.0.0.1:9090", interval: 30s, scrapeInterval: 15s }
pages:
  - id: p
    title: P
    panels:
      - { id: a, type: stat, query: "sum(rate(x[$__rate_interval]))" }
      - { id: b, type: timeseries, queries: [{ query: "increase(y[\${__range}])" }, { query: "avg_over_time(z[$__interval]) * $__interval_ms / $__range_s" }] }
`,
      'b.yaml',
      {},
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.board.timeRange).toBe(6 * 3600 * S);
    expect(r.board.sources.prometheus[0]?.scrapeInterval).toBe(15 * S);
  });
});
