/**
 * One engine, many walls: `wallboard serve` (the built CLI, its own process) with the 40-panel bench
 * board on the demo source, and N walls simulated in this process running the real client's code
 * (src/renderer/api/http-client.ts over undici's EventSource + fetch, the real store and startSync).
 * For N = 1, 10, 50, 200 it reports the time from an update leaving serve (its first arrival at any
 * wall) to each wall holding its data (snapshot and every chart's window at the update's time), the
 * requests walls make per update, and serve's CPU. Each N runs twice in turn: walls that take the
 * data the update carries ("delta"), and walls that ignore it and read as before ("re-ask": the
 * client falls back to a snapshot read per status and update and a tail query), so the ratio is paired.
 * A second part shows the upstream load is independent of walls: a real Prometheus's own
 * prometheus_http_requests_total while 1 and then 50 walls watch a board on it.
 *
 *   npm run bench -- walls        (WALLS=1,10,50 to choose; WALLS_SECONDS per run, default 30)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { EventSource as UndiciEventSource } from 'undici';
import type { UpdateEvent } from '../../src/shared/api';
import { createHttpClient } from '../../src/renderer/api/http-client';
import { createWallboardStore } from '../../src/renderer/store/index';
import { startSync } from '../../src/renderer/store/sync';
import { startWallboard, type Wallboard } from '../e2e/serve';
import { startNodeExporter, startPrometheus, stopAll } from '../integration/servers';
import { benchBoardYaml } from './renderer-bench';

const COUNTS = (process.env.WALLS ?? '1,10,50,200').split(',').map(Number);
const SECONDS = Number(process.env.WALLS_SECONDS ?? 30);
const INTERVAL = '5s'; // the demo source's poll: more updates per run than 15 s, the same work per update
const TARGET = { p95Ms: 100, serveCpuPct: 25 };
const CLOCK_TICKS = 100; // per second (USER_HZ)

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
}

/** An EventSource whose update events lose the data they carry: the client then reads as before. */
function reAskingEventSource(): typeof EventSource {
  class ReAsking extends UndiciEventSource {
    override addEventListener(type: string, listener: unknown): void {
      const l = listener as (ev: Event) => void;
      if (type !== 'update') return super.addEventListener(type, l);
      super.addEventListener(type, (ev: Event) => {
        const m = ev as MessageEvent;
        const u = JSON.parse(String(m.data)) as UpdateEvent;
        const bare = { at: u.at, panels: u.panels, health: u.health, alerts: u.alerts, incidents: u.incidents };
        l(new MessageEvent('update', { data: JSON.stringify(bare), lastEventId: m.lastEventId }));
      });
    }
  }
  return ReAsking as unknown as typeof EventSource;
}

interface RunResult {
  walls: number;
  mode: 'delta' | 're-ask';
  updates: number;
  p50: number;
  p95: number;
  requestsPerWallUpdate: number;
  serveCpuPct: number;
  missed: number;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : NaN;
};

async function runWalls(wb: Wallboard, n: number, mode: RunResult['mode']): Promise<RunResult> {
  let requests = 0;
  const fetchImpl: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const firstSeen = new Map<number, number>(); // update at → ms it first arrived
  const latencies: number[] = [];
  const stops: (() => void)[] = [];
  const ES = mode === 'delta' ? (UndiciEventSource as unknown as typeof EventSource) : reAskingEventSource();
  const pending: Map<number, number>[] = [];
  for (let i = 0; i < n; i++) {
    const client = createHttpClient({ baseUrl: wb.url, fetchImpl, eventSourceImpl: ES });
    const store = createWallboardStore();
    const waiting = new Map<number, number>(); // update at → arrival
    pending.push(waiting);
    const check = (): void => {
      const s = store.getState();
      for (const [at] of waiting) {
        if ((s.snapshot?.at ?? 0) >= at && s.range.to >= at) {
          latencies.push(performance.now() - (firstSeen.get(at) ?? performance.now()));
          waiting.delete(at);
        }
      }
    };
    stops.push(store.subscribe(check));
    stops.push(
      client.on('update', (u) => {
        if (!firstSeen.has(u.at)) firstSeen.set(u.at, performance.now());
        waiting.set(u.at, performance.now());
        queueMicrotask(check);
      }),
    );
    stops.push(startSync(client, store, { windowMs: 3_600_000, maxPoints: 480 }));
    stops.push(() => client.close());
  }
  // why: let every wall load the board and its first window before measuring
  await new Promise((r) => setTimeout(r, 8_000));
  latencies.length = 0;
  firstSeen.clear();
  for (const w of pending) w.clear();
  requests = 0;
  const pid = wb.pid() ?? 0;
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const cpu = cpuSeconds(pid) - c0;
  const wallS = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2_000)); // the last update's stragglers
  const missed = pending.reduce((m, w) => m + w.size, 0);
  for (const s of stops) s();
  const updates = firstSeen.size;
  return {
    walls: n,
    mode,
    updates,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    requestsPerWallUpdate: requests / Math.max(1, updates * n),
    serveCpuPct: (cpu / wallS) * 100,
    missed,
  };
}

/** prometheus_http_requests_total by handler, from Prometheus's own /metrics. */
async function promRequests(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^prometheus_http_requests_total\{code="\d+",handler="(\/api\/v1\/query(?:_range)?)"\} (\S+)$/gm)) {
    out[m[1] as string] = (out[m[1] as string] ?? 0) + Number(m[2]);
  }
  return out;
}

async function upstream(): Promise<string[]> {
  const ne = await startNodeExporter();
  const prom = await startPrometheus({ scrapeTargets: [ne.url], scrapeInterval: '1s' });
  const yaml = `title: Upstream load
sources:
  prometheus:
    - { id: prom, url: "${prom.url}", interval: 5s, timeout: 2s }
pages:
  - id: main
    title: Main
    panels:
      - { id: load, type: stat, query: node_load1 }
      - { id: cpu, type: timeseries, query: 'sum by (mode) (rate(node_cpu_seconds_total[10s]))' }
      - { id: up, type: stat, query: up }
`;
  const wb = await startWallboard({ boardYaml: yaml, waitHealthy: true });
  const rows: string[] = [];
  try {
    for (const n of [1, 50]) {
      const stops: (() => void)[] = [];
      for (let i = 0; i < n; i++) {
        const client = createHttpClient({ baseUrl: wb.url, eventSourceImpl: UndiciEventSource as unknown as typeof EventSource });
        stops.push(startSync(client, createWallboardStore(), { windowMs: 3_600_000, maxPoints: 480 }), () => client.close());
      }
      await new Promise((r) => setTimeout(r, 5_000));
      const a = await promRequests(prom.url);
      await new Promise((r) => setTimeout(r, 30_000));
      const b = await promRequests(prom.url);
      for (const s of stops) s();
      const d = (h: string): number => (b[h] ?? 0) - (a[h] ?? 0);
      rows.push(`| ${n} | ${d('/api/v1/query')} | ${d('/api/v1/query_range')} |`);
    }
  } finally {
    await wb.stop();
    await stopAll();
  }
  return rows;
}

export async function run(): Promise<string> {
  // why: serve caps open event streams at 256 by default (limits.ts); the bench keeps headroom over its largest count
  process.env.WALLBOARD_MAX_SSE_CLIENTS ??= String(Math.max(256, Math.max(...COUNTS) + 16));
  const wb = await startWallboard({ boardYaml: benchBoardYaml().replace('interval: 15s', `interval: ${INTERVAL}`), waitHealthy: true });
  const results: RunResult[] = [];
  try {
    for (const n of COUNTS) {
      for (const mode of ['delta', 're-ask'] as const) {
        process.stderr.write(`walls: ${n} walls, ${mode}, ${SECONDS} s…\n`);
        results.push(await runWalls(wb, n, mode));
      }
    }
  } finally {
    await wb.stop();
  }
  const up = await upstream();
  const row = (r: RunResult): string => {
    const other = results.find((x) => x.walls === r.walls && x.mode !== r.mode);
    const ratio = r.mode === 'delta' && other ? ` (${(r.p95 / other.p95).toFixed(2)}× re-ask)` : '';
    const verdict = r.mode !== 'delta' || r.walls !== 200 ? '' : r.p95 <= TARGET.p95Ms && r.serveCpuPct <= TARGET.serveCpuPct ? 'meets' : '**misses**';
    return `| ${r.walls} | ${r.mode} | ${r.updates} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)}${ratio} | ${r.requestsPerWallUpdate.toFixed(2)} | ${r.serveCpuPct.toFixed(1)} % | ${r.missed} | ${verdict} |`;
  };
  return `## Many walls on one serve

Command: \`npm run bench -- walls\`. \`wallboard serve\` (built CLI) with the 40-panel bench board on the demo source polled every ${INTERVAL}; N walls in the bench's Node process run the real client (http-client.ts over undici's EventSource, the store, startSync: window 1 h, 480 points), each run ${SECONDS} s after 8 s of loading; modes run in turn per N. Latency: from an update's first arrival at any wall to each wall holding the snapshot and every chart's window at the update's time. Serve CPU: utime + stime of the serve process over the run. serve runs with WALLBOARD_MAX_SSE_CLIENTS=${process.env.WALLBOARD_MAX_SSE_CLIENTS} (default 256). Targets at 200 walls: p95 ≤ ${TARGET.p95Ms} ms, serve ≤ ${TARGET.serveCpuPct} % of a core. The walls share the machine's 2 cores with serve and with other jobs (1-min load average at the end: ${loadavg()[0]?.toFixed(1)}): 200 walls in one process also measure that process's own queueing.

| walls | mode | updates | p50 ms | p95 ms | requests per wall per update | serve CPU | updates not caught up | |
|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

Upstream load, a real Prometheus scraping node_exporter, a 3-panel board polled every 5 s by serve; requests Prometheus counted (its own \`prometheus_http_requests_total\`) over 30 s while N walls watched:

| walls | /api/v1/query | /api/v1/query_range |
|---|---|---|
${up.join('\n')}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(await run());
