/**
 * The service record-faults.ts injects faults into: a small HTTP app on 127.0.0.1 that serves
 * work (/work, 32 KiB bodies), a health page (/health, probed by the blackbox exporter) and its own
 * /metrics (scraped by Prometheus). Faults are switched on and off through /fault/* by the recorder;
 * each is bounded here as well, so a recorder that dies cannot leave one running past its cap.
 * Run: `node --expose-gc --import tsx test/bench/fault-app.ts PORT`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { metricFamily, metricsText } from '../../src/main/engine/metrics-text';

const port = Number(process.argv[2]);
const MIB = 1024 * 1024;
const MAX_LEAK_BYTES = 1536 * MIB; // bound on the memory leak
const MAX_CONNS = 800; // bound on the connection leak (2 fds each: both ends live here)
const MAX_STALL_MS = 800;
const BODY = Buffer.alloc(32 * 1024, 'x');

let requests = 0;
let stallMs = 0;
const leaked: Buffer[] = [];
let leakTimer: NodeJS.Timeout | undefined;
const conns: net.Socket[] = [];
let connTimer: NodeJS.Timeout | undefined;

/** Grows the heap by `mibPerS` MiB a second (zero-filled, so resident) up to `capMiB`. */
function startLeak(mibPerS: number, capMiB: number): void {
  stopLeak(false);
  const cap = Math.min(capMiB * MIB, MAX_LEAK_BYTES);
  leakTimer = setInterval(() => {
    if (leaked.length * 4 * MIB >= cap) return;
    for (let i = 0; i < mibPerS / 4; i++) leaked.push(Buffer.alloc(4 * MIB, 1));
  }, 1000);
}

function stopLeak(free: boolean): void {
  if (leakTimer) clearInterval(leakTimer);
  leakTimer = undefined;
  if (free) {
    leaked.length = 0;
    (globalThis as { gc?: () => void }).gc?.();
  }
}

/** Opens `perS` idle keep-alive connections to itself a second, up to `cap`, and holds them. */
function startConnLeak(perS: number, cap: number): void {
  stopConnLeak(false);
  connTimer = setInterval(() => {
    for (let i = 0; i < perS && conns.length < Math.min(cap, MAX_CONNS); i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      conns.push(s);
    }
  }, 1000);
}

function stopConnLeak(close: boolean): void {
  if (connTimer) clearInterval(connTimer);
  connTimer = undefined;
  if (close) for (const s of conns.splice(0)) s.destroy();
}

function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

function residentBytes(): number {
  // why: process.memoryUsage().rss walks nothing heavy, but /proc is what process exporters read
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

function metrics(): string {
  const cpu = process.cpuUsage();
  return metricsText([
    metricFamily('app_requests_total', 'counter', 'Requests served on /work.', [['', requests]]),
    metricFamily('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [['', residentBytes()]]),
    metricFamily('process_open_fds', 'gauge', 'Number of open file descriptors.', [['', openFds()]]),
    metricFamily('process_cpu_seconds_total', 'counter', 'User and system CPU time spent in seconds.', [['', (cpu.user + cpu.system) / 1e6]]),
    metricFamily('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.', [['', Math.round(Date.now() / 1000 - process.uptime())]]),
    metricFamily('app_leaked_bytes', 'gauge', 'Bytes held by the injected leak (ground truth, not exported to the corpus).', [['', leaked.length * 4 * MIB]]),
  ]);
}

function control(url: URL): string {
  const n = (k: string, d: number) => Number(url.searchParams.get(k) ?? d);
  switch (url.pathname) {
    case '/fault/leak/start':
      startLeak(n('mibPerS', 16), n('capMiB', 1024));
      return 'ok';
    case '/fault/leak/stop':
      stopLeak(true);
      return 'ok';
    case '/fault/conns/start':
      startConnLeak(n('perS', 8), n('cap', 600));
      return 'ok';
    case '/fault/conns/stop':
      stopConnLeak(true);
      return 'ok';
    case '/fault/stall':
      stallMs = Math.max(0, Math.min(MAX_STALL_MS, n('ms', 0)));
      return 'ok';
    default:
      return '';
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/fault/')) {
    const r = control(url);
    res.writeHead(r ? 200 : 404).end(r || 'no such fault');
    return;
  }
  const reply = () => {
    if (url.pathname === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics());
    else if (url.pathname === '/health') res.writeHead(200).end('ok');
    else if (url.pathname === '/work') {
      requests++;
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BODY);
    } else res.writeHead(404).end();
  };
  if (stallMs > 0) setTimeout(reply, stallMs);
  else reply();
});
// why: leaked client sockets send nothing and must stay open for the fault, not be reaped by timeouts
server.keepAliveTimeout = 0;
server.requestTimeout = 0;
server.headersTimeout = 0;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  stopLeak(true);
  stopConnLeak(true);
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
