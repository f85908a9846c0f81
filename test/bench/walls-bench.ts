/**
 * One engine, many walls: `wallboard serve` (the built CLI, its own process) with the 40-panel bench
 * board on the demo source, and N walls running the real client's code (http-client.ts over
 * undici's EventSource + fetch, the real store and startSync) in child processes of WALLS_PER_PROC
 * walls each (walls-child.ts), so 200 walls are not one Node process's queue. For N = 1, 10, 50, 200
 * it reports the time from an update's server timestamp (the engine's clock when it read the
 * snapshot the update carries; one machine, one clock) to each wall holding its data (snapshot and
 * every chart's window at that time), the requests walls make per update, serve's CPU and its own
 * fan-out time (/metrics), and the walls' CPU per update, which bounds the latency on a small machine.
 * Each N runs in both modes in turn: walls that take the data the update carries ("delta"), and
 * walls that ignore it and read as before ("re-ask": a snapshot read per update and a tail query),
 * and "wire": N − 1 bare stream readers and one real wall, which stands in for walls on their own
 * machines (the simulated walls' own CPU on this machine's 2 cores otherwise bounds the latency).
 * A second part shows the upstream load is independent of walls: a real Prometheus's own
 * prometheus_http_requests_total while 1 and then 50 walls watch a board on it.
 *
 *   npm run bench -- walls   (WALLS=1,10,50 to choose; WALLS_SECONDS per run, default 30;
 *                             WALLS_MODES=delta,wire to skip re-ask, WALLS_REASK_MAX=50 the most walls
 *                             that re-ask; WALLS_UPSTREAM=0 to skip the second part; WALLS_ES=light:
 *                             delta walls read the stream with light-event-source.ts, not undici's)
 */
import { loadavg } from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EventSource as UndiciEventSource } from 'undici';
import { createHttpClient } from '../../src/renderer/api/http-client';
import { createWallboardStore } from '../../src/renderer/store/index';
import { startSync } from '../../src/renderer/store/sync';
import { cpuSecondsOf, procStat } from '../e2e/frames';
import { startWallboard, type Wallboard } from '../e2e/serve';
import { startNodeExporter, startPrometheus, stopAll } from '../integration/servers';
import { benchBoardYaml } from './renderer-bench';
import type { WallsChildReport, WallsMode } from './walls-child';
import type { WireReport } from './walls-wire';

const COUNTS = (process.env.WALLS ?? '1,10,50,200').split(',').map(Number);
const SECONDS = Number(process.env.WALLS_SECONDS ?? 30);
/** delta and re-ask: every wall runs the real client here; wire: N − 1 bare stream readers and one real wall (walls-wire.ts) */
type Mode = WallsMode | 'wire';
const MODES = (process.env.WALLS_MODES ?? 'delta,re-ask,wire').split(',') as Mode[];
// why a cap: 200 re-asking walls make ~600 reads per update, which on 2 shared cores queue for minutes
const REASK_MAX = Number(process.env.WALLS_REASK_MAX ?? 50);
const INTERVAL = '5s'; // the demo source's poll: more updates per run than 15 s, the same work per update
const TARGET = { p95Ms: 100, serveCpuPct: 25 };
// why several processes: 200 walls in one Node process measure that process's queue, not serve
const PER_PROC = Number(process.env.WALLS_PER_PROC ?? 25);
const CHILD = fileURLToPath(new URL('./walls-child.ts', import.meta.url));
const WIRE_CHILD = fileURLToPath(new URL('./walls-wire.ts', import.meta.url));
const READERS_PER_PROC = 100; // bare readers are cheap: ~0.4 ms of CPU each per update, no JSON parse

/** serve's CPU seconds so far. */
function cpuSeconds(pid: number): number {
  const st = procStat(`/proc/${pid}/stat`);
  if (!st) throw new Error(`serve (pid ${pid}) has ended`);
  return cpuSecondsOf(st);
}

interface RunResult {
  walls: number;
  procs: number;
  mode: Mode;
  updates: number;
  p50: number;
  p95: number;
  deliveredP95: number;
  requestsPerWallUpdate: number;
  serveCpuPct: number;
  /** ms of the walls' own CPU per update, all processes */
  wallsCpuMsPerUpdate: number;
  /** ms serve spent encoding an event and writing it to every stream (mean; its /metrics) */
  fanoutMs: number;
  /** ms from the engine reading an update to its bytes written to every stream (mean; /metrics) */
  serveUpdateMs: number;
  missed: number;
  /** wire mode: p50 / p95 ms from an update's server timestamp to its last byte at each bare reader */
  wireP50?: number;
  wireP95?: number;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : NaN;
};

function message(c: ChildProcess, want: (m: unknown) => boolean, ms: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`walls child ${c.pid}: no answer in ${ms} ms`)), ms);
    const on = (m: unknown): void => {
      if (!want(m)) return;
      clearTimeout(timer);
      c.off('message', on);
      resolve(m);
    };
    c.on('message', on);
  });
}

const forkChild = (file: string, args: string[]): ChildProcess => fork(file, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ready = (c: ChildProcess): Promise<unknown> => message(c, (m) => m === 'ready', 120_000);
const reportOf = <R>(c: ChildProcess): Promise<R> => message(c, (m) => typeof m === 'object' && m !== null, SECONDS * 1000 + 180_000) as Promise<R>;

/** Sizes of child processes for n clients, at most `per` each. */
function split(n: number, per: number): number[] {
  const sizes: number[] = [];
  for (let left = n; left > 0; left -= per) sizes.push(Math.min(per, left));
  return sizes;
}

async function runWalls(wb: Wallboard, n: number, mode: Mode): Promise<RunResult> {
  // why the real wall last in wire mode: it opens its stream after every reader, so serve writes to it last
  const readerKids = mode === 'wire' ? split(n - 1, READERS_PER_PROC).map((k) => forkChild(WIRE_CHILD, [wb.url, String(k)])) : [];
  const kids: ChildProcess[] = [];
  try {
    await Promise.all(readerKids.map(ready));
    const wallSizes = mode === 'wire' ? [1] : split(n, PER_PROC);
    kids.push(...wallSizes.map((k) => forkChild(CHILD, [wb.url, String(k), mode === 'wire' ? 'delta' : mode])));
    await Promise.all(kids.map(ready));
    const reports = kids.map((c) => reportOf<WallsChildReport>(c));
    const wireReports = readerKids.map((c) => reportOf<WireReport>(c));
    for (const c of [...kids, ...readerKids]) c.send('start');
    const pid = wb.pid() ?? 0;
    const f0 = await fanout(wb.url);
    const c0 = cpuSeconds(pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const cpu = cpuSeconds(pid) - c0;
    const wallS = (performance.now() - t0) / 1000;
    const f1 = await fanout(wb.url);
    for (const c of [...kids, ...readerKids]) c.send('stop');
    const rs = await Promise.all(reports);
    const ws = await Promise.all(wireReports);
    const current = rs.flatMap((r) => r.current);
    const updates = new Set(rs.flatMap((r) => r.updates)).size;
    const arrived = [...ws.flatMap((w) => w.arrived), ...rs.flatMap((r) => r.delivered)];
    return {
      walls: n,
      procs: kids.length + readerKids.length,
      mode,
      updates,
      p50: quantile(current, 0.5),
      p95: quantile(current, 0.95),
      deliveredP95: quantile(rs.flatMap((r) => r.delivered), 0.95),
      requestsPerWallUpdate: rs.reduce((a, r) => a + r.requests, 0) / Math.max(1, updates * (mode === 'wire' ? 1 : n)),
      serveCpuPct: (cpu / wallS) * 100,
      wallsCpuMsPerUpdate: ([...rs, ...ws].reduce((a, r) => a + r.cpuSeconds, 0) * 1000) / Math.max(1, updates),
      missed: rs.reduce((a, r) => a + r.missed, 0),
      fanoutMs: ((f1.sum - f0.sum) / (f1.count - f0.count)) * 1000,
      serveUpdateMs: ((f1.updateSum - f0.updateSum) / (f1.updateCount - f0.updateCount)) * 1000,
      ...(mode === 'wire' ? { wireP50: quantile(arrived, 0.5), wireP95: quantile(arrived, 0.95) } : {}),
    };
  } finally {
    for (const c of [...kids, ...readerKids]) if (c.exitCode === null) c.kill();
  }
}

/** serve's own wallboard_sse_fanout_seconds and wallboard_sse_update_seconds (sums and counts); NaN on a build without them. */
async function fanout(url: string): Promise<{ sum: number; count: number; updateSum: number; updateCount: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    sum: read('wallboard_sse_fanout_seconds_sum'),
    count: read('wallboard_sse_fanout_seconds_count'),
    updateSum: read('wallboard_sse_update_seconds_sum'),
    updateCount: read('wallboard_sse_update_seconds_count'),
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
      for (const mode of MODES.filter((m) => m !== 're-ask' || n <= REASK_MAX)) {
        process.stderr.write(`walls: ${n} walls, ${mode}, ${SECONDS} s…\n`);
        const r = await runWalls(wb, n, mode);
        process.stderr.write(`${JSON.stringify(r)}\n`);
        results.push(r);
      }
    }
  } finally {
    await wb.stop();
  }
  const up = process.env.WALLS_UPSTREAM === '0' ? ['| (skipped: WALLS_UPSTREAM=0) | | |'] : await upstream();
  const row = (r: RunResult): string => {
    const other = results.find((x) => x.walls === r.walls && x.mode === 're-ask');
    const ratio = r.mode === 'delta' && other?.mode === 're-ask' ? ` (${(r.p95 / other.p95).toFixed(2)}× re-ask)` : '';
    const met = r.p95 <= TARGET.p95Ms && r.serveCpuPct <= TARGET.serveCpuPct;
    const verdict = r.mode === 're-ask' || r.walls !== 200 ? '' : met ? 'meets' : '**misses**';
    const ms = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(1) : '–');
    const wire = r.wireP95 === undefined ? '–' : `${r.wireP50?.toFixed(0)} / ${r.wireP95.toFixed(0)}`;
    return `| ${r.walls} | ${r.procs} | ${r.mode} | ${r.updates} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)}${ratio} | ${r.deliveredP95.toFixed(0)} | ${wire} | ${r.requestsPerWallUpdate.toFixed(2)} | ${r.serveCpuPct.toFixed(1)} % | ${ms(r.serveUpdateMs)} | ${ms(r.fanoutMs)} | ${r.wallsCpuMsPerUpdate.toFixed(0)} | ${r.missed} | ${verdict} |`;
  };
  return `## Many walls on one serve

Command: \`npm run bench -- walls\`. \`wallboard serve\` (built CLI) with the 40-panel bench board on the demo source polled every ${INTERVAL}; N walls run the real client (http-client.ts over ${process.env.WALLS_ES === 'light' ? 'light-event-source.ts (a minimal EventSource, nearer a browser\'s native one)' : "undici's EventSource"}, the store, startSync: window 1 h, 480 points) in child processes of up to ${PER_PROC} walls each (test/bench/walls-child.ts); each run measures ${SECONDS} s once every wall has loaded and taken one update; modes run in turn per N (re-ask up to ${REASK_MAX} walls). Latency: from an update's server timestamp (the engine's Date.now() when it read the snapshot the update carries; same machine, same clock) to each wall holding the snapshot and every chart's window at that time ("current"), or to the parsed event reaching the client's listeners ("delivered"). Serve CPU: utime + stime of the serve process over the run. Serve's share, from its own /metrics: \`wallboard_sse_update_seconds\` (the engine reads an update's snapshot and tails → its bytes written to every stream), mean per update, and \`wallboard_sse_fanout_seconds\` (encode an event once, write it to every stream), mean per event. Walls' CPU: user + system of all wall processes per update. serve runs with WALLBOARD_MAX_SSE_CLIENTS=${process.env.WALLBOARD_MAX_SSE_CLIENTS} (default 256). Targets at 200 walls: p95 ≤ ${TARGET.p95Ms} ms, serve ≤ ${TARGET.serveCpuPct} % of a core. The walls share the machine's 2 cores with serve and with other jobs (1-min load average at the end: ${loadavg()[0]?.toFixed(1)}): a wall is current no sooner than the walls' CPU per update, spread over what is left of 2 cores, allows. Mode "wire" stands in for walls on their own machines: N − 1 bare readers (test/bench/walls-wire.ts: the event stream read from a socket and split into events by light-event-source.ts, no JSON parse, ~0.4 ms of CPU each per update) and one real wall that opens its stream last, so serve writes to it last; p50 / p95 are that wall's, and "wire" is the update's last byte at every stream (readers and the wall). Verdict at 200 walls on the delta and wire rows.

| walls | processes | mode | updates | p50 ms | p95 ms | p95 delivered ms | wire: p50 / p95 ms at the socket | requests per wall per update | serve CPU | serve: update read → written to all, ms | serve: fan-out ms per event | walls' CPU ms per update | updates not caught up | |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

Upstream load, a real Prometheus scraping node_exporter, a 3-panel board polled every 5 s by serve; requests Prometheus counted (its own \`prometheus_http_requests_total\`) over 30 s while N walls watched:

| walls | /api/v1/query | /api/v1/query_range |
|---|---|---|
${up.join('\n')}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(await run());
