/**
 * `npm run record:faults -- --seed N [--minutes M] [--out FILE]`: records a labelled corpus of real
 * monitoring series for eval:groups (the "recordedFaults" group, recorded.ts). It starts a real
 * Prometheus (1 s scrapes), node_exporter, blackbox exporter and a small app (fault-app.ts) on
 * 127.0.0.1, drives steady traffic at the app, and injects seeded, timed faults with quiet stretches
 * between them: CPU burn, memory leak, disk fill, connection (fd) leak, app restart (its counter
 * resets) and a network stall (the app answers slowly). At the end it query_ranges the series a NOC
 * would chart at a 1 s step and writes them with the fault log as one gzip'd JSON (FILE, default
 * test/fixtures/recorded/session-N.json.gz). Labels are derived from the fault log by the loader.
 * Every fault is bounded in time and size and undone on exit or signal. The machine is shared, so
 * the baseline carries other people's load: that is the point, it is what a wall sees.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { rng } from './families';
import { FAULT_KINDS, SERIES_SPECS, type FaultKind, type FaultRecord, type RecordedSession } from './recorded';
import { get, getJson, sleep, startNodeExporter, startPrometheus, stopAll, tempDir, waitFor, type ServerHandle } from '../integration/servers';
import { startProcess } from '../integration/servers-process';

const MIB = 1024 * 1024;
const LEAD_S = 360; // quiet start: NAB's probation (15% of rows) and the detectors' warm-up
const TAIL_S = 90;
const DEFAULT_LOAD = "shared with other agents' builds and tests";

interface Args {
  seed: number;
  minutes: number;
  out: string;
  /** what else ran on the machine while recording (the manifest says it) */
  load: string;
}

function parseArgs(argv: string[]): Args {
  const val = (k: string) => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(val('--seed') ?? 1);
  const minutes = Number(val('--minutes') ?? 30);
  if (!Number.isInteger(seed) || !(minutes >= 2 && minutes <= 60)) throw new Error('usage: record-faults --seed N [--minutes 2..60] [--out FILE] [--load TEXT] (under ~15 min there is no time for faults: a smoke run)');
  const load = val('--load') ?? DEFAULT_LOAD;
  return { seed, minutes, load, out: resolve(val('--out') ?? `test/fixtures/recorded/session-${seed}.json.gz`) };
}

interface Ctx {
  app: ServerHandle;
  diskDir: string;
  burners: Set<ChildProcess>;
  diskFile?: string | undefined;
  log: (s: string) => void;
}

type Injector = (c: Ctx, u: () => number) => Promise<string>;

const between = (u: () => number, a: number, b: number) => a + (b - a) * u();

const control = async (c: Ctx, path: string) => {
  const r = await get(c.app.url + path, 5000);
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
};

/** Each injector applies its fault, waits it out, undoes it, and says what it did. */
const INJECT: Record<FaultKind, Injector> = {
  cpu: async (c, u) => {
    const n = 2; // both cores
    void u;
    const s = Math.round(between(u, 60, 120));
    for (let i = 0; i < n; i++) {
      const b = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
      c.burners.add(b);
      b.once('exit', () => c.burners.delete(b));
    }
    await sleep(s * 1000);
    for (const b of c.burners) b.kill('SIGKILL');
    return `${n} busy process(es) for ${s} s`;
  },
  memleak: async (c, u) => {
    const rate = u() < 0.5 ? 8 : 16; // MiB/s
    const cap = Math.round(between(u, 600, 1200) / 4) * 4; // MiB
    await control(c, `/fault/leak/start?mibPerS=${rate}&capMiB=${cap}`);
    await sleep((cap / rate + 20) * 1000);
    await control(c, '/fault/leak/stop');
    return `app heap grows ${rate} MiB/s to ${cap} MiB, held 20 s, freed`;
  },
  diskfill: async (c, u) => {
    const target = Math.round(between(u, 1024, 1536)); // MiB, ≤ 2 GiB
    const st = statfsSync(c.diskDir);
    const free = (st.bavail * st.bsize) / MIB;
    if (free < target + 10 * 1024) return `skipped: ${Math.round(free)} MiB free`;
    const file = join(c.diskDir, 'fill.bin');
    c.diskFile = file;
    const chunk = Buffer.alloc(8 * MIB, 7);
    const w = createWriteStream(file);
    for (let written = 0; written < target; written += 8) {
      if (!w.write(chunk)) await new Promise<void>((r) => w.once('drain', () => r()));
      await sleep(250); // ≈ 32 MiB/s: a log or dump growing, not a dd flat out
    }
    await new Promise<void>((r) => w.end(() => r()));
    await sleep(30_000);
    unlinkSync(file);
    c.diskFile = undefined;
    return `${target} MiB written at ~32 MiB/s to ${c.diskDir}, held 30 s, deleted`;
  },
  fdleak: async (c, u) => {
    const perS = Math.round(between(u, 4, 10));
    const cap = Math.round(between(u, 300, 600));
    await control(c, `/fault/conns/start?perS=${perS}&cap=${cap}`);
    await sleep((cap / perS + 20) * 1000);
    await control(c, '/fault/conns/stop');
    return `app opens ${perS} idle TCP connections/s to itself up to ${cap} (2 fds each), held 20 s, closed`;
  },
  restart: async (c, u) => {
    const down = Math.round(between(u, 4, 10));
    await c.app.stop();
    await sleep(down * 1000);
    await c.app.restart();
    return `app stopped (SIGTERM), down ${down} s, started again (counter reset)`;
  },
  stall: async (c, u) => {
    const ms = Math.round(between(u, 200, 450));
    const s = Math.round(between(u, 60, 120));
    await control(c, `/fault/stall?ms=${ms}`);
    await sleep(s * 1000);
    await control(c, '/fault/stall?ms=0');
    return `app answers every request ${ms} ms late for ${s} s`;
  },
};

/** Seeded order of the fault kinds (each once) and the quiet gap before each. */
function plan(seed: number): { kind: FaultKind; gapS: number }[] {
  const u = rng(seed);
  const kinds = [...FAULT_KINDS];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as FaultKind, kinds[i] as FaultKind];
  }
  return kinds.map((kind, i) => ({ kind, gapS: i === 0 ? LEAD_S : Math.round(between(u, 100, 170)) }));
}

/** Steady traffic at the app: 4 workers, one request each per ≥ 160 ms (≈ 25 req/s while healthy). */
function drive(app: ServerHandle, stop: { done: boolean }): Promise<void[]> {
  const worker = async () => {
    while (!stop.done) {
      const t = Date.now();
      try {
        await get(app.url + '/work', 3000);
      } catch {
        /* down (restart): keep trying */
      }
      await sleep(Math.max(20, 160 - (Date.now() - t)));
    }
  };
  return Promise.all([worker(), worker(), worker(), worker()]);
}

const BLACKBOX_YML = stringify({ modules: { http_2xx: { prober: 'http', timeout: '2s' } } });

function startBlackbox(): Promise<ServerHandle> {
  return startProcess({
    name: 'blackbox',
    bin: '/usr/bin/prometheus-blackbox-exporter',
    prepare: (dir) => writeFileSync(join(dir, 'blackbox.yml'), BLACKBOX_YML),
    args: (port, dir) => [`--config.file=${join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    readyPath: '/-/healthy',
  });
}

function startApp(): Promise<ServerHandle> {
  const app = resolve(import.meta.dirname, 'fault-app.ts');
  // why: the app runs in a temp cwd, so tsx is given as a resolved URL, not a bare name
  const tsx = import.meta.resolve('tsx');
  return startProcess({ name: 'fault-app', bin: process.execPath, args: (port) => ['--expose-gc', '--import', tsx, app, String(port)], readyPath: '/health' });
}

interface RangeResult {
  data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
}

const pad = (n: number) => String(n).padStart(2, '0');
const ts = (s: number) => {
  const d = new Date(s * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

async function exportSeries(prom: ServerHandle, mount: string, from: number, to: number): Promise<RecordedSession['series']> {
  const out: RecordedSession['series'] = [];
  for (const spec of SERIES_SPECS) {
    const query = spec.query.replace('$MOUNT', mount);
    const url = `${prom.url}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${from}&end=${to}&step=1`;
    const r = await getJson<RangeResult>(url);
    const first = r.data.result[0];
    if (!first || r.data.result.length !== 1) throw new Error(`${spec.name}: ${query} returned ${r.data.result.length} series, want 1`);
    const rows = first.values.map(([t, v]) => `${ts(t)},${Number(Number(v).toPrecision(7))}`);
    out.push({ name: spec.name, query, sees: [...spec.sees], csv: ['timestamp,value', ...rows].join('\n') + '\n' });
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  const ctx: Ctx = { app: undefined as unknown as ServerHandle, diskDir: tempDir('disk-fill'), burners: new Set(), log };
  const cleanup = () => {
    for (const b of ctx.burners) b.kill('SIGKILL');
    if (ctx.diskFile) {
      try {
        unlinkSync(ctx.diskFile);
      } catch {
        /* gone */
      }
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: undoing faults and stopping servers`);
      cleanup();
      void stopAll().finally(() => process.exit(130));
    });
  }
  try {
    const ne = await startNodeExporter({ extraCollectors: ['filesystem', 'diskstats', 'netdev', 'netdev.device-exclude=^ifb', 'sockstat', 'filefd'] });
    // why: netdev.device-exclude is a flag, not a collector: node_exporter leaves out lo (where the app's traffic is) by default
    ctx.app = await startApp();
    const bb = await startBlackbox();
    const prom = await startPrometheus({
      scrapeTargets: [ne.url],
      scrapeInterval: '1s',
      extraJobs: [
        { job: 'app', targets: [ctx.app.url] },
        { job: 'blackbox', targets: [bb.url], metricsPath: '/probe', params: { module: ['http_2xx'], target: [`${ctx.app.url}/health`] } },
      ],
    });
    const mount = execFileSync('df', ['--output=target', ctx.diskDir], { encoding: 'utf8' }).trim().split('\n').pop() ?? '/';
    await waitFor('first scrapes', async () => (await getJson<{ data: { result: unknown[] } }>(`${prom.url}/api/v1/query?query=up`)).data.result.length >= 3, 30_000, 500);
    const stop = { done: false };
    const traffic = drive(ctx.app, stop);
    const start = Math.ceil(Date.now() / 1000);
    const end = start + args.minutes * 60;
    log(`recording seed ${args.seed} for ${args.minutes} min (until ${ts(end)} UTC); disk fill in ${ctx.diskDir} on ${mount}`);
    const faults: FaultRecord[] = [];
    const u = rng(args.seed * 7919 + 1);
    for (const step of plan(args.seed)) {
      if (Date.now() / 1000 + step.gapS + 240 + TAIL_S > end) {
        log(`no time left for ${step.kind}: skipped`);
        continue;
      }
      await sleep(step.gapS * 1000);
      const t0 = Date.now();
      log(`${step.kind}: start`);
      const detail = await INJECT[step.kind](ctx, u);
      faults.push({ kind: step.kind, start: ts(Math.floor(t0 / 1000)), end: ts(Math.ceil(Date.now() / 1000)), detail });
      log(`${step.kind}: end (${detail})`);
    }
    await sleep(Math.max(0, end * 1000 - Date.now()));
    stop.done = true;
    await traffic;
    await sleep(3000); // why: let the last scrapes land before query_range
    const series = await exportSeries(prom, mount, start, end);
    const session: RecordedSession = {
      manifest: {
        command: `npm run record:faults -- --seed ${args.seed} --minutes ${args.minutes}${args.load === DEFAULT_LOAD ? '' : ` --load '${args.load}'`}`,
        recordedAt: new Date(start * 1000).toISOString(),
        machine: `${hostname()}: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${args.load}`,
        scrapeInterval: '1s',
        step: '1s',
        seed: args.seed,
        servers: 'prometheus, prometheus-node-exporter, prometheus-blackbox-exporter (Debian), fault-app.ts',
      },
      faults,
      series,
    };
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, gzipSync(JSON.stringify(session), { level: 9 }));
    log(`wrote ${args.out}: ${series.length} series, ${faults.length} faults`);
  } finally {
    cleanup();
    await stopAll();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`record-faults: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
