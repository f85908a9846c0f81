// Records the unit-test fixtures from the real servers: `node --import tsx test/integration/fixtures-record.ts`.
// Bodies are saved verbatim to test/fixtures/{prometheus,alertmanager,health}/NAME.json, and each
// directory's _meta.json says how each was fetched and with which HTTP status it came back.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALWAYS_FIRING_RULES,
  BIN,
  getJson,
  startAlertmanager,
  startHealthServer,
  startNodeExporter,
  startPrometheus,
  stopAll,
  waitFor,
} from './servers';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Two more rules beside the always-firing one: one to silence, one that stays pending. */
const RULES = `${ALWAYS_FIRING_RULES}      - alert: SilencedAlways
        expr: vector(1)
        for: 0s
        labels:
          severity: LOW
          brand: acme
        annotations:
          summary: Silenced by the recorder
      - alert: PendingForAnHour
        expr: vector(1)
        for: 1h
        labels:
          severity: MEDIUM
        annotations:
          summary: Stays pending
`;

interface Meta {
  method: string;
  path: string;
  form?: Record<string, string>;
  status: number;
}

const metas = new Map<string, Record<string, Meta | string>>();

function save(dir: string, name: string, meta: Meta, body: string): void {
  mkdirSync(join(FIXTURES, dir), { recursive: true });
  writeFileSync(join(FIXTURES, dir, `${name}.json`), body);
  const m = metas.get(dir) ?? {};
  m[`${name}.json`] = meta;
  metas.set(dir, m);
  console.log(`${dir}/${name}.json  HTTP ${meta.status}  ${body.length} bytes`);
}

async function record(dir: string, name: string, base: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>, json?: unknown): Promise<string> {
  const init: RequestInit = { method };
  if (form) init.body = new URLSearchParams(form);
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(base + path, init);
  const body = await res.text();
  save(dir, name, { method, path, ...(form ? { form } : {}), status: res.status }, body);
  return body;
}

function version(bin: string): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
}

async function main(): Promise<void> {
  const ne = await startNodeExporter();
  const am = await startAlertmanager();
  const prom = await startPrometheus({ scrapeTargets: [ne.url], ruleFiles: RULES, alertmanagers: [am.url], scrapeInterval: '1s' });

  type Vec = { data: { result: unknown[] } };
  await waitFor('5 s of node_load1 samples', async () => {
    const r = await getJson<Vec>(`${prom.url}/api/v1/query?query=${encodeURIComponent('count_over_time(node_load1[10s])>=5')}`);
    return r.data.result.length > 0;
  });
  await waitFor('a cpu rate', async () => {
    const r = await getJson<Vec>(`${prom.url}/api/v1/query?query=${encodeURIComponent('rate(node_cpu_seconds_total[1m])')}`);
    return r.data.result.length > 0;
  });

  const now = Date.now() / 1000;
  const at = String(Math.floor(now));
  const q = (query: string): Record<string, string> => ({ query, time: at });
  await record('prometheus', 'query-vector', prom.url, 'POST', '/api/v1/query', q('node_load1'));
  await record('prometheus', 'query-vector-cpu', prom.url, 'POST', '/api/v1/query', q('rate(node_cpu_seconds_total[1m])'));
  await record('prometheus', 'query-scalar', prom.url, 'POST', '/api/v1/query', q('scalar(vector(42)) * 2'));
  await record('prometheus', 'query-matrix', prom.url, 'POST', '/api/v1/query', q('node_load1[5s]'));
  await record('prometheus', 'query-string', prom.url, 'POST', '/api/v1/query', q('"hello"'));
  await record('prometheus', 'query-nonfinite', prom.url, 'POST', '/api/v1/query', q('label_replace(vector(NaN), "v", "nan", "", "") or label_replace(vector(+Inf), "v", "pinf", "", "") or label_replace(vector(-Inf), "v", "ninf", "", "")'));
  await record('prometheus', 'query-empty', prom.url, 'POST', '/api/v1/query', q('no_such_metric_anywhere'));
  await record('prometheus', 'query-error-parse', prom.url, 'POST', '/api/v1/query', q('sum(rate(node_cpu_seconds_total[1m]'));
  await record('prometheus', 'query-error-exec', prom.url, 'POST', '/api/v1/query', q('node_cpu_seconds_total + on(cpu) node_cpu_seconds_total'));
  await record('prometheus', 'query-range', prom.url, 'POST', '/api/v1/query_range', {
    query: 'node_load1',
    start: String(Math.floor(now) - 5),
    end: at,
    step: '1',
  });
  await record('prometheus', 'query-range-error', prom.url, 'POST', '/api/v1/query_range', { query: 'node_load1', start: String(Math.floor(now) - 20_000), end: at, step: '1' });
  await record('prometheus', 'buildinfo', prom.url, 'GET', '/api/v1/status/buildinfo');

  await waitFor('pending and firing rules', async () => {
    const r = await getJson<{ data: { alerts: { state: string }[] } }>(`${prom.url}/api/v1/alerts`);
    return r.data.alerts.some((a) => a.state === 'pending') && r.data.alerts.filter((a) => a.state === 'firing').length >= 2;
  });
  await record('prometheus', 'alerts', prom.url, 'GET', '/api/v1/alerts');

  const startsAt = new Date().toISOString();
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  await record('alertmanager', 'silence-create', am.url, 'POST', '/api/v2/silences', undefined, {
    matchers: [{ name: 'alertname', value: 'SilencedAlways', isRegex: false, isEqual: true }],
    startsAt,
    endsAt,
    createdBy: 'fixtures-record',
    comment: 'silenced while recording fixtures',
  });
  await waitFor('one firing and one suppressed alert in Alertmanager', async () => {
    const r = await getJson<{ status: { state: string } }[]>(`${am.url}/api/v2/alerts?active=true&silenced=true&inhibited=true`);
    return r.some((a) => a.status.state === 'suppressed') && r.some((a) => a.status.state === 'active');
  });
  await record('alertmanager', 'alerts', am.url, 'GET', '/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true');
  await record('alertmanager', 'silences', am.url, 'GET', '/api/v2/silences');
  await record('alertmanager', 'status', am.url, 'GET', '/api/v2/status');

  // Health bodies: the common {"status", "services"} shape as a service would send it, through a real server.
  const bodies: Record<string, { status: number; body: unknown }> = {
    healthy: { status: 200, body: { status: 'healthy', services: { db: { status: 'up' }, cache: { status: 'up' } } } },
    degraded: { status: 200, body: { status: 'ok', services: { db: { status: 'up' }, cache: { status: 'down', error: 'connection reset' } } } },
    'unhealthy-503': { status: 503, body: { status: 'unhealthy', services: { db: { status: 'down', error: 'timeout after 2s' }, cache: { status: 'up' } } } },
  };
  const hs = await startHealthServer((req, res) => {
    const b = bodies[(req.url ?? '/').slice(1)];
    res.writeHead(b?.status ?? 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(b?.body ?? { status: 'not found' }));
  });
  for (const name of Object.keys(bodies)) await record('health', name, hs.url, 'GET', `/${name}`);

  const versions = { prometheus: version(BIN.prometheus), alertmanager: version(BIN.alertmanager), nodeExporter: version(BIN.nodeExporter), recordedAt: new Date().toISOString() };
  for (const [dir, m] of metas) writeFileSync(join(FIXTURES, dir, '_meta.json'), `${JSON.stringify({ ...m, _recorded: versions }, null, 2)}\n`);
}

main()
  .then(() => stopAll())
  .catch(async (err: unknown) => {
    console.error(err);
    await stopAll();
    process.exitCode = 1;
  });
