import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusSource, queriesFor } from '../../../src/main/engine/sources/prometheus';
import { seriesKey } from '../../../src/shared/model';
import type { Board } from '../../../src/shared/config-schema';
import { closedPort, fixture, startStub, type Stub, type StubHandler } from './stub-server';
import { ctxFor, makeBoard } from './board';

const NOW = 1_795_838_748_400; // unix ms, not on the grid on purpose
let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function boardWith(url: string, queries: string[], interval = '15s'): Board {
  return makeBoard({
    sources: { prometheus: [{ id: 'prom', url, interval }, { id: 'other', url: 'http://127.0.0.1:1' }] },
    pages: [
      {
        id: 'p',
        title: 'P',
        panels: [
          ...queries.map((q, i) => ({ id: `q${i}`, type: 'stat' as const, source: 'prom', query: q })),
          { id: 'dup', type: 'timeseries' as const, source: 'prom', queries: queries.slice(0, 1).map((query) => ({ query })) },
          { id: 'elsewhere', type: 'stat' as const, source: 'other', query: 'up' },
        ],
      },
    ],
  });
}

const recorded: Record<string, string> = { node_load1: 'query-vector', 'sum(': 'query-error-parse', '1+': 'query-error-exec' };
const byFixture: StubHandler = (req) => {
  const name = recorded[req.params.get('query') ?? ''];
  return name ? fixture('prometheus', name) : { status: 404, body: 'no route' };
};

function sourceOf(board: Board) {
  const cfg = board.sources.prometheus[0]!;
  return createPrometheusSource(cfg);
}

describe('prometheus source', () => {
  it('asks each distinct query of its own panels once, at the poll time floored to the interval', async () => {
    stub = await startStub(byFixture);
    const board = boardWith(stub.url, ['node_load1', 'sum(']);
    expect(queriesFor(board, 'prom')).toEqual(['node_load1', 'sum(']);
    const recent = { node_load1: NOW - 15_000, 'sum(': NOW - 15_000 };
    await sourceOf(board).poll(ctxFor(board, NOW, recent));
    expect(stub.requests.map((r) => [r.method, r.path, r.params.get('query'), r.params.get('time')])).toEqual([
      ['POST', '/api/v1/query', 'node_load1', String(Math.floor(NOW / 15_000) * 15)],
      ['POST', '/api/v1/query', 'sum(', String(Math.floor(NOW / 15_000) * 15)],
    ]);
  });

  it("sends Grafana's macros computed for the source (step = interval, scrapeInterval) but keeps the board's query as the series' identity", async () => {
    stub = await startStub((req) => {
      const q = req.params.get('query') ?? '';
      return q === 'rate(node_cpu_seconds_total[40s]) / 3600' ? fixture('prometheus', 'query-vector') : { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: `unexpected ${q}` }) };
    });
    const query = 'rate(node_cpu_seconds_total[$__rate_interval]) / $__range_s';
    const board = makeBoard({
      timeRange: '1h',
      sources: { prometheus: [{ id: 'prom', url: stub.url, interval: '15s', scrapeInterval: '10s' }] },
      pages: [{ id: 'p', title: 'P', panels: [{ id: 'a', type: 'stat', query }] }],
    });
    // $__rate_interval = max(15 s + 10 s, 4 × 10 s) = 40 s; $__range_s = 3600
    // why: a buffer 20 minutes behind makes the poll backfill with query_range, which must expand too
    const batch = await sourceOf(board).poll(ctxFor(board, NOW, { [query]: NOW - 20 * 60_000 }));
    expect(stub.requests.map((r) => [r.path, r.params.get('query')])).toEqual([
      ['/api/v1/query_range', 'rate(node_cpu_seconds_total[40s]) / 3600'],
      ['/api/v1/query', 'rate(node_cpu_seconds_total[40s]) / 3600'],
    ]);
    expect(batch.queries).toEqual([{ source: 'prom', query, outcome: { ok: true } }]);
    expect(batch.samples.length).toBeGreaterThan(0);
    expect(batch.samples.every((s) => s.query === query && s.key.startsWith(`prom|${query}|`))).toBe(true);
  });

  it('errors a bad query alone, with the server\'s message, and keeps the good one\'s samples', async () => {
    stub = await startStub(byFixture);
    const board = boardWith(stub.url, ['node_load1', 'sum(', '1+']);
    const recent = { node_load1: NOW, 'sum(': NOW, '1+': NOW };
    const batch = await sourceOf(board).poll(ctxFor(board, NOW, recent));
    expect(batch.status).toEqual({ ok: true });
    const outcome = Object.fromEntries(batch.queries.map((q) => [q.query, q.outcome]));
    expect(outcome['node_load1']).toEqual({ ok: true });
    expect(outcome['sum(']).toEqual({ ok: false, reason: JSON.parse(fixture('prometheus', 'query-error-parse').body).error });
    expect(outcome['1+']).toMatchObject({ ok: false, reason: expect.stringMatching(/many-to-many/) });
    const vec = JSON.parse(fixture('prometheus', 'query-vector').body).data.result[0];
    expect(batch.samples).toEqual([
      { key: seriesKey('prom', 'node_load1', vec.metric), source: 'prom', query: 'node_load1', labels: vec.metric, ts: [vec.value[0] * 1000], values: [Number(vec.value[1])] },
    ]);
  });

  it('is in error itself when Prometheus cannot be reached', async () => {
    const board = boardWith(`http://127.0.0.1:${await closedPort()}`, ['node_load1', 'up']);
    const batch = await sourceOf(board).poll(ctxFor(board, NOW, { node_load1: NOW, up: NOW }));
    expect(batch.status).toMatchObject({ ok: false, reason: expect.stringMatching(/^connection refused \(ECONNREFUSED 127\.0\.0\.1:\d+\)$/) });
    expect(batch.queries.every((q) => !q.outcome.ok)).toBe(true);
    expect(batch.samples).toEqual([]);
  });

  it('is in error itself when every answer is garbage, but not when only some are', async () => {
    stub = await startStub((req) => (req.params.get('query') === 'node_load1' ? fixture('prometheus', 'query-vector') : { status: 502, body: '<html>bad gateway</html>' }));
    const all = boardWith(stub.url, ['a', 'b']);
    const bad = await sourceOf(all).poll(ctxFor(all, NOW, { a: NOW, b: NOW }));
    expect(bad.status).toEqual({ ok: false, reason: 'HTTP 502: <html>bad gateway</html>' });
    const some = boardWith(stub.url, ['node_load1', 'b']);
    const partial = await sourceOf(some).poll(ctxFor(some, NOW, { node_load1: NOW, b: NOW }));
    expect(partial.status).toEqual({ ok: true });
  });

  it('checks that Prometheus answers even when no panel asks it anything', async () => {
    stub = await startStub((req) => (req.path === '/api/v1/status/buildinfo' ? fixture('prometheus', 'buildinfo') : { status: 404 }));
    const board = boardWith(stub.url, []);
    const board2 = { ...board, pages: [{ ...board.pages[0]!, panels: board.pages[0]!.panels.filter((p) => p.source !== 'prom') }] };
    const batch = await sourceOf(board2).poll(ctxFor(board2, NOW));
    expect(batch.status).toEqual({ ok: true });
    expect(stub.requests.map((r) => r.path)).toEqual(['/api/v1/status/buildinfo']);
  });

  describe('backfill', () => {
    /** A Prometheus that answers query_range with one series valued t/1000 at every step. */
    const synthetic: StubHandler = (req) => {
      const p = req.params;
      if (req.path === '/api/v1/query_range') {
        const start = Number(p.get('start'));
        const end = Number(p.get('end'));
        const step = Number(p.get('step'));
        if ((end - start) / step + 1 > 11_000) return fixture('prometheus', 'query-range-error');
        const values: [number, string][] = [];
        for (let t = start; t <= end; t += step) values.push([t, String(t)]);
        return { body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'x' }, values }] } }) };
      }
      const t = Number(p.get('time'));
      return { body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { job: 'x' }, value: [t, String(t)] }] } }) };
    };

    it('fills a 5 h gap at a 1 s interval with query_range chunks under 11,000 points, aligned and in order', async () => {
      stub = await startStub(synthetic);
      const board = boardWith(stub.url, ['up'], '1s');
      const last = Math.floor(NOW / 1000) * 1000 - 5 * 3_600_000;
      const batch = await sourceOf(board).poll(ctxFor(board, NOW, { up: last }));
      const ranges = stub.requests.filter((r) => r.path === '/api/v1/query_range');
      expect(ranges.length).toBe(2);
      for (const r of ranges) {
        expect(r.params.get('step')).toBe('1');
        expect((Number(r.params.get('end')) - Number(r.params.get('start'))) / 1 + 1).toBeLessThan(11_000);
      }
      expect(batch.queries).toEqual([{ source: 'prom', query: 'up', outcome: { ok: true } }]);
      expect(batch.samples).toHaveLength(1);
      const s = batch.samples[0]!;
      const aligned = Math.floor(NOW / 1000) * 1000;
      expect(s.ts.length).toBe((aligned - last) / 1000);
      expect(s.ts[0]).toBe(last + 1000);
      expect(s.ts[s.ts.length - 1]).toBe(aligned);
      expect(s.ts.every((t, i) => i === 0 || t === s.ts[i - 1]! + 1000)).toBe(true);
      expect(s.values.every((v, i) => v * 1000 === s.ts[i])).toBe(true);
    });

    it('fetches the retention at first start', async () => {
      stub = await startStub(synthetic);
      const board = { ...boardWith(stub.url, ['up'], '15s'), retention: 3_600_000 };
      const batch = await sourceOf(board).poll(ctxFor(board, NOW));
      const s = batch.samples[0]!;
      expect(s.ts[0]).toBeGreaterThanOrEqual(NOW - 3_600_000);
      expect(s.ts[0]! - (NOW - 3_600_000)).toBeLessThan(15_000);
      expect(s.ts.length).toBe(240);
    });

    it('still delivers the current value when the backfill fails', async () => {
      stub = await startStub((req) => (req.path === '/api/v1/query_range' ? { status: 503, body: 'overloaded' } : synthetic(req)));
      const board = boardWith(stub.url, ['up'], '15s');
      const batch = await sourceOf(board).poll(ctxFor(board, NOW));
      expect(batch.queries[0]!.outcome).toEqual({ ok: true });
      expect(batch.samples[0]!.ts).toEqual([Math.floor(NOW / 15_000) * 15_000]);
    });
  });
});
