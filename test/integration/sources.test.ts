// The sources against the real Debian binaries: node_exporter → Prometheus → Alertmanager on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusSource } from '../../src/main/engine/sources/prometheus';
import { createPrometheusAlertsSource } from '../../src/main/engine/sources/prometheus-alerts';
import { createAlertmanagerSource } from '../../src/main/engine/sources/alertmanager';
import { createHealthSource } from '../../src/main/engine/sources/health';
import { boardSchema, type Board } from '../../src/shared/config-schema';
import type { Batch } from '../../src/shared/model';
import type { PollContext } from '../../src/main/engine/sources/source';
import {
  ALWAYS_FIRING_RULES,
  getJson,
  startAlertmanager,
  startHealthServer,
  startNodeExporter,
  startPrometheus,
  stopAll,
  waitFor,
  waitUntilDown,
  type ServerHandle,
} from './servers';

let ne: ServerHandle;
let am: ServerHandle;
let prom: ServerHandle;
let board: Board;

const PAGES = (queries: string[]) => [{ id: 'p', title: 'P', panels: queries.map((query, i) => ({ id: `q${i}`, type: 'timeseries', query })) }];
const QUERIES = ['node_load1', 'rate(node_cpu_seconds_total[1m])', 'sum(rate(node_cpu_seconds_total[1m]'];

function ctx(now = Date.now(), last: (q: string) => number | undefined = () => now): PollContext {
  return { signal: AbortSignal.timeout(20_000), now, board, lastSampleAt: last };
}

beforeAll(async () => {
  ne = await startNodeExporter();
  am = await startAlertmanager();
  prom = await startPrometheus({ scrapeTargets: [ne.url], ruleFiles: ALWAYS_FIRING_RULES, alertmanagers: [am.url], scrapeInterval: '1s' });
  board = boardSchema.parse({
    retention: '1h',
    sources: {
      prometheus: [{ id: 'prom', url: prom.url, interval: '1s' }],
      'prometheus-alerts': [{ id: 'prom-alerts', url: prom.url, interval: '1s' }],
      alertmanager: [{ id: 'am', url: am.url, interval: '1s' }],
    },
    pages: PAGES(QUERIES),
  });
  // why: rate() over 1m needs two scrapes; 3 s of data makes every query below meaningful
  await waitFor('3 s of scraped data', async () => {
    const r = await getJson<{ data: { result: unknown[] } }>(`${prom.url}/api/v1/query?query=${encodeURIComponent('count_over_time(node_load1[10s]) >= 3')}`);
    return r.data.result.length > 0;
  });
});

afterAll(async () => {
  await stopAll();
});

describe('prometheus source with a real Prometheus scraping node_exporter', () => {
  it('returns real samples for node_load1 and a cpu rate, and errors the bad query alone with the server\'s message', async () => {
    const now = Date.now();
    const batch = await createPrometheusSource(board.sources.prometheus[0]!).poll(ctx(now));
    expect(batch.status).toEqual({ ok: true });
    const outcome = Object.fromEntries(batch.queries.map((q) => [q.query, q.outcome]));
    expect(outcome['node_load1']).toEqual({ ok: true });
    expect(outcome['rate(node_cpu_seconds_total[1m])']).toEqual({ ok: true });
    expect(outcome[QUERIES[2]!]).toMatchObject({ ok: false, reason: expect.stringMatching(/parse error: unclosed left parenthesis/) });

    const load = batch.samples.filter((s) => s.query === 'node_load1');
    expect(load).toHaveLength(1);
    expect(load[0]!.labels).toMatchObject({ __name__: 'node_load1', job: 'node', instance: ne.url.replace('http://', '') });
    expect(load[0]!.ts).toEqual([Math.floor(now / 1000) * 1000]);
    expect(load[0]!.values[0]).toBeGreaterThanOrEqual(0);

    const cpu = batch.samples.filter((s) => s.query === 'rate(node_cpu_seconds_total[1m])');
    expect(cpu.length).toBeGreaterThan(1);
    expect(new Set(cpu.map((s) => s.labels.mode))).toContain('idle');
    expect(cpu.every((s) => s.key.startsWith('prom|rate(node_cpu_seconds_total[1m])|'))).toBe(true);
    expect(batch.samples.some((s) => s.query === QUERIES[2])).toBe(false);
  });

  it('backfills at first start with query_range: aligned, ascending samples up to now', async () => {
    await waitFor('6 s of scraped data', async () => {
      const r = await getJson<{ data: { result: unknown[] } }>(`${prom.url}/api/v1/query?query=${encodeURIComponent('count_over_time(node_load1[1m]) >= 6')}`);
      return r.data.result.length > 0;
    });
    const now = Date.now();
    const batch = await createPrometheusSource(board.sources.prometheus[0]!).poll(ctx(now, () => undefined));
    const load = batch.samples.find((s) => s.query === 'node_load1')!;
    expect(load.ts.length).toBeGreaterThanOrEqual(5);
    expect(load.ts.every((t) => t % 1000 === 0)).toBe(true);
    expect(load.ts.every((t, i) => i === 0 || t > load.ts[i - 1]!)).toBe(true);
    expect(load.ts[load.ts.length - 1]).toBe(Math.floor(now / 1000) * 1000);
    // the same span asked directly of Prometheus gives the same values
    const start = load.ts[0]! / 1000;
    const direct = await getJson<{ data: { result: { values: [number, string][] }[] } }>(
      `${prom.url}/api/v1/query_range?query=node_load1&start=${start}&end=${start + 1}&step=1`,
    );
    expect(load.values.slice(0, 2)).toEqual(direct.data.result[0]!.values.map((v) => Number(v[1])));
  });
});

describe('alert sources with real Prometheus and Alertmanager', () => {
  it('reads the always-firing rule from Prometheus with its severity mapped', async () => {
    const src = createPrometheusAlertsSource(board.sources['prometheus-alerts'][0]!);
    const batch = await waitFor('AlwaysFiring in /api/v1/alerts', async () => {
      const b = await src.poll(ctx());
      return b.alerts?.some((a) => a.labels.alertname === 'AlwaysFiring') ? b : undefined;
    });
    expect(batch.alerts!.find((a) => a.labels.alertname === 'AlwaysFiring')).toMatchObject({
      state: 'firing',
      severity: 'critical',
      labels: { brand: 'bizoholic' },
      annotations: { summary: 'Always firing, for tests' },
    });
  });

  it('reads the alert Prometheus sent to Alertmanager; a stopped Alertmanager is an error with alerts undefined', async () => {
    const src = createAlertmanagerSource(board.sources.alertmanager[0]!);
    const firing = (b: Batch) => b.alerts?.find((a) => a.labels.alertname === 'AlwaysFiring');
    const batch = await waitFor('AlwaysFiring in Alertmanager', async () => {
      const b = await src.poll(ctx());
      return firing(b) ? b : undefined;
    });
    expect(batch.status).toEqual({ ok: true });
    expect(firing(batch)).toMatchObject({ state: 'firing', severity: 'critical', source: 'am', silencedBy: [], fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(batch.silences).toEqual([]);

    am.kill();
    await waitUntilDown(am);
    const down = await src.poll(ctx());
    expect(down.status).toMatchObject({ ok: false, reason: `connection refused (ECONNREFUSED 127.0.0.1:${am.port})` });
    expect(down.alerts).toBeUndefined();

    // same port and data dir: Prometheus re-sends within its 1 s resend delay
    await am.restart();
    await waitFor('AlwaysFiring back in Alertmanager', async () => firing(await src.poll(ctx())));
  });
});

describe('health source with a real HTTP server', () => {
  it('follows a target that goes down and comes back, debounced', async () => {
    let healthy = true;
    const hs = await startHealthServer((_req, res) => {
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: healthy ? 'healthy' : 'unhealthy' }));
    });
    const hb = boardSchema.parse({ sources: { health: [{ id: 'h', url: `${hs.url}/health`, failAfter: 2, recoverAfter: 1 }] }, pages: [{ id: 'p', title: 'P', panels: [{ id: 'h', type: 'health', targets: ['h'] }] }] });
    const src = createHealthSource(hb.sources.health[0]!);
    const poll = async () => (await src.poll({ signal: AbortSignal.timeout(5000), now: Date.now(), board: hb, lastSampleAt: () => undefined })).health[0]!;
    expect((await poll()).state).toBe('healthy');
    healthy = false;
    expect(await poll()).toMatchObject({ observed: 'unhealthy', state: 'healthy', httpStatus: 503 });
    expect(await poll()).toMatchObject({ state: 'unhealthy' });
    hs.kill();
    await waitUntilDown(hs);
    expect(await poll()).toMatchObject({ state: 'unhealthy', error: expect.stringMatching(/^connection refused/) });
    healthy = true;
    await hs.restart();
    expect(await poll()).toMatchObject({ observed: 'healthy', state: 'healthy' });
  });
});
