// The engine against real Debian servers: Prometheus scraping node_exporter with an always-firing
// rule, Alertmanager receiving it, and a local health endpoint. Outages are real process kills.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationView, Snapshot } from '../../src/shared/api';
import { createEngine, type Engine } from '../../src/main/engine/index';
import {
  ALWAYS_FIRING_RULES,
  sleep,
  startAlertmanager,
  startHealthServer,
  startNodeExporter,
  startPrometheus,
  stopAll,
  tempDir,
  waitFor,
  type ServerHandle,
} from './servers';

const INTERVAL_MS = 1000;

function boardYaml(prom: string, am: string | null, health: string, title = 'Integration'): string {
  return `title: ${title}
brands: [{ id: bizoholic, name: Bizoholic, color: "#e4572e" }]
sources:
  prometheus:
    - { id: prom, url: "${prom}", interval: 1s, timeout: 2s }
${am ? `  alertmanager:\n    - { id: am, url: "${am}", interval: 1s, timeout: 2s }\n` : ''}  health:
    - id: api
      brand: bizoholic
      url: "${health}/health"
      interval: 1s
      timeout: 1s
      failAfter: 2
      recoverAfter: 2
      conditions: ["[STATUS] == 200", "[BODY].status == healthy"]
pages:
  - id: main
    title: Main
    panels:
      - { id: load, type: stat, query: node_load1 }
      - { id: cpu, type: timeseries, query: 'sum by (mode) (rate(node_cpu_seconds_total[5s]))', legend: '{{mode}}' }
      - { id: bad, type: stat, query: 'sum(rate(node_cpu_seconds_total[5m]) by' }
      - { id: health, type: health, targets: [api] }
      - { id: alerts, type: alertlist }
`;
}

describe('engine with real Prometheus, Alertmanager, node_exporter and a health endpoint', () => {
  let prom: ServerHandle;
  let am: ServerHandle;
  let health: ServerHandle;
  let engine: Engine;
  let dataDir: string;
  let boardFile: string;
  let healthStatus = 'healthy';
  const notifications: NotificationView[] = [];

  const snapshot = (): Promise<Snapshot> => engine.request('snapshot', {});
  const loadSeriesTimes = (): number[] => {
    const [series] = engine.store.seriesFor('prom', 'node_load1');
    if (!series) return [];
    return [...engine.store.range(series.id, 0, Date.now() + 60_000).ts];
  };

  beforeAll(async () => {
    const nodeExporter = await startNodeExporter();
    am = await startAlertmanager();
    prom = await startPrometheus({ scrapeTargets: [nodeExporter.url], ruleFiles: ALWAYS_FIRING_RULES, alertmanagers: [am.url], scrapeInterval: '1s' });
    health = await startHealthServer((_req, res) => {
      res.writeHead(healthStatus === 'healthy' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: healthStatus, services: { db: { status: 'healthy' } } }));
    });
    dataDir = tempDir('engine');
    boardFile = join(dataDir, 'board.yaml');
    writeFileSync(boardFile, boardYaml(prom.url, am.url, health.url));
    engine = createEngine({ configFile: boardFile, dataDir });
    engine.on('notification', (n) => notifications.push(n));
    engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await stopAll();
  });

  it('fills the buffer with real samples and shows them on the panels', async () => {
    const snap = await waitFor('load and cpu panels ok', async () => {
      const s = await snapshot();
      return s.panels.load?.state === 'ok' && s.panels.cpu?.state === 'ok' && s ? s : undefined;
    });
    expect(snap.panels.load?.values[0]?.value).toEqual(expect.any(Number));
    const q = await engine.request('query', { panels: ['cpu'], from: Date.now() - 60_000, to: Date.now(), maxPoints: 100 });
    const names = q.panels[0]!.series.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['idle', 'system', 'user']));
    expect(engine.store.stats().samples).toBeGreaterThan(0);
  });

  it('errors only the panel whose query is bad, with the server message', async () => {
    const s = await waitFor('bad panel error', async () => {
      const x = await snapshot();
      return x.panels.bad?.state === 'error' ? x : undefined;
    });
    expect(s.panels.bad?.reason).toMatch(/parse error/);
    expect(s.panels.load?.state).toBe('ok');
  });

  it('receives the always-firing alert through Alertmanager, with severity mapped', async () => {
    const s = await waitFor('AlwaysFiring from Alertmanager', async () => {
      const x = await snapshot();
      return x.alerts.some((a) => a.labels.alertname === 'AlwaysFiring' && a.source === 'am') ? x : undefined;
    });
    const alert = s.alerts.find((a) => a.labels.alertname === 'AlwaysFiring')!;
    expect(alert.severity).toBe('critical');
    expect(alert.state).toBe('firing');
    expect(alert.annotations.summary).toBe('Always firing, for tests');
  });

  it('turns the firing alert into one open critical incident, notifies once, and acks it', async () => {
    const inc = await waitFor('incident for AlwaysFiring', async () =>
      (await engine.request('incidents', {})).find((i) => i.kind === 'alert' && i.labels.alertname === 'AlwaysFiring'),
    );
    expect(inc.severity).toBe('critical');
    expect(inc.status).toBe('open');
    await sleep(2000); // more polls of the same alert must not notify again
    expect(notifications.filter((n) => n.incidentIds.includes(inc.id) && n.kind === 'open')).toHaveLength(1);
    const acked = await engine.request('ack', { id: inc.id, note: 'looking', by: 'noc-1' });
    expect(acked.status).toBe('acknowledged');
    expect(acked.ack).toMatchObject({ by: 'noc-1', note: 'looking' });
    const snap = await snapshot();
    expect(snap.incidents.find((i) => i.id === inc.id)?.status).toBe('acknowledged');
    await expect(engine.request('ack', { id: 'no-such-incident' })).rejects.toMatchObject({ status: 404 });
  });

  it('debounces health: unhealthy after two failed checks, healthy after two good ones', async () => {
    await waitFor('api healthy', async () => (await snapshot()).health.find((h) => h.targetId === 'api')?.state === 'healthy');
    healthStatus = 'unhealthy';
    const bad = await waitFor('api unhealthy', async () => (await snapshot()).health.find((h) => h.targetId === 'api' && h.state === 'unhealthy'));
    expect(bad.failures.join(' ')).toMatch(/STATUS/);
    healthStatus = 'healthy';
    await waitFor('api healthy again', async () => (await snapshot()).health.find((h) => h.targetId === 'api')?.state === 'healthy');
    const [latency] = engine.store.seriesFor('api', 'health:latency_ms');
    expect(latency).toBeDefined();
  });

  it('goes stale with the data age when Prometheus dies, without crashing, and backfills the gap when it returns', async () => {
    await waitFor('load ok', async () => (await snapshot()).panels.load?.state === 'ok');
    const killedAt = Date.now();
    prom.kill();
    const stale = await waitFor('load stale', async () => {
      const s = await snapshot();
      return s.panels.load?.state === 'stale' ? s : undefined;
    }, 3 * INTERVAL_MS + 5_000);
    expect(stale.panels.load?.dataAgeMs).toBeGreaterThan(2 * INTERVAL_MS);
    const status = await engine.request('status', {});
    const src = status.sources.find((s) => s.sourceId === 'prom')!;
    expect(src.state).toBe('down');
    // why reset too: a poll in flight when the process dies reads a reset; later ones a refusal
    expect(src.reason).toMatch(/refused|ECONNREFUSED|reset|ECONNRESET/);
    // other sources keep going while Prometheus is down
    expect(status.sources.find((s) => s.sourceId === 'am')?.state).toBe('ok');
    await sleep(4000);
    const before = loadSeriesTimes().filter((t) => t > killedAt + 2000);
    expect(before).toEqual([]); // nothing arrived during the outage
    await prom.restart();
    const restartedAt = Date.now();
    await waitFor('load ok again', async () => (await snapshot()).panels.load?.state === 'ok', 30_000);
    // Prometheus answers the outage span from its 5 m lookback: after backfill the buffer has a
    // sample at every interval step of the gap
    const times = await waitFor('gap backfilled', () => {
      const t = loadSeriesTimes().filter((x) => x > killedAt + 1000 && x < restartedAt - 1000);
      return t.length >= Math.floor((restartedAt - killedAt - 2000) / INTERVAL_MS) - 1 ? t : undefined;
    }, 15_000);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(2 * INTERVAL_MS);
  });

  it('applies an edited board file without restart, and keeps the last good board on a bad edit', async () => {
    const v0 = (await engine.request('board', {})).version;
    writeFileSync(boardFile, boardYaml(prom.url, am.url, health.url, 'Renamed'));
    const b = await waitFor('reloaded', async () => {
      const x = await engine.request('board', {});
      return x.title === 'Renamed' ? x : undefined;
    }, 10_000);
    expect(b.version).toBeGreaterThan(v0);
    writeFileSync(boardFile, 'title: [oops\n');
    const bad = await waitFor('config error reported', async () => (await engine.request('status', {})).configError, 10_000);
    expect(bad.errors[0]).toMatch(new RegExp(`^${boardFile}:\\d+:\\d+: `));
    expect((await engine.request('board', {})).title).toBe('Renamed');
    const n = engine.store.stats().samples;
    await waitFor('polling continues', () => engine.store.stats().samples > n, 10_000);
  });

  it('stops showing the alerts of an Alertmanager removed from the board, resolves their incidents, and keeps them in replay', async () => {
    const shown = await waitFor('AlwaysFiring shown', async () => ((await snapshot()).alerts.some((a) => a.source === 'am') ? Date.now() : undefined));
    writeFileSync(boardFile, boardYaml(prom.url, null, health.url, 'Without Alertmanager'));
    await waitFor('Alertmanager alerts gone', async () => ((await snapshot()).alerts.some((a) => a.source === 'am') ? undefined : true), 10_000);
    const inc = (await engine.request('incidents', { includeResolved: true })).find((i) => i.kind === 'alert' && i.labels.alertname === 'AlwaysFiring');
    expect(inc?.status).toBe('resolved');
    expect((await engine.request('incidents', {})).some((i) => i.id === inc?.id)).toBe(false);
    const past = await engine.request('snapshot', { at: shown });
    expect(past.alerts.some((a) => a.source === 'am' && a.labels.alertname === 'AlwaysFiring')).toBe(true);
  });
});

describe('engine against a hostile upstream', () => {
  it('keeps running with bounded memory when a server answers garbage, slowly, with 5xx, or with huge bodies', async () => {
    let n = 0;
    const big = Buffer.alloc(4 * 1024 * 1024, 'x');
    const stub = await startHealthServer((_req, res) => {
      const mode = n++ % 6;
      if (mode === 0) res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"');
      else if (mode === 1) res.writeHead(200).end('<html>not json</html>');
      else if (mode === 2) res.writeHead(502).end('bad gateway');
      else if (mode === 3) setTimeout(() => res.writeHead(200).end('{}'), 3000);
      else if (mode === 4) {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 8; i++) res.write(big); // 32 MiB, over the 1 MiB cap below
        res.end();
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]},{"metric":{},"value":[1,"+Inf"]}]}}');
    });
    const dataDir = tempDir('hostile');
    const file = join(dataDir, 'board.yaml');
    const src = `{ url: "${stub.url}", interval: 200ms, timeout: 1s, maxBodyBytes: 1048576 }`;
    writeFileSync(file, `sources:
  prometheus: [{ id: p, ${src.slice(2)}]
  alertmanager: [{ id: a, ${src.slice(2)}]
  health: [{ id: h, ${src.slice(2)}]
pages:
  - id: x
    title: X
    panels: [{ id: v, type: stat, query: up }]
`);
    const engine = createEngine({ configFile: file, dataDir, watch: false });
    engine.start();
    try {
      await sleep(3000); // warm-up
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      await sleep(10_000);
      global.gc?.();
      const heapAfter = process.memoryUsage().heapUsed;
      const status = await engine.request('status', {});
      const reasons = status.sources.map((s) => s.reason ?? '').join('\n');
      expect(status.sources.find((s) => s.sourceId === 'a')?.state).toBe('down');
      expect(reasons).toMatch(/./);
      expect(n).toBeGreaterThan(20); // it kept polling throughout
      expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);
      const snap = await engine.request('snapshot', {});
      expect(['ok', 'error', 'stale', 'nodata']).toContain(snap.panels.v?.state);
    } finally {
      await engine.stop();
      await stopAll();
    }
  });
});
