// Runs the real `wallboard serve` (the built CLI) on a free loopback port with a temp data dir, for
// end-to-end tests. Waits for /healthz to answer; stop() ends it, kill() crashes it, restart()
// brings it back on the same port and data dir (for connection-loss tests).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, get, waitFor } from '../integration/servers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'wallboard.js');

export interface Wallboard {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  dataDir: string;
  /** The server process's pid (changes on restart), for CPU accounting in benches. */
  pid(): number | undefined;
  /** The last few KB of the server's stdout + stderr, for failure messages. */
  output(): string;
  /** Every line the server wrote, across restarts (capped at 16 MB), for tests that count log lines. */
  log(): string;
  stop(): Promise<void>;
  kill(): void;
  restart(): Promise<void>;
}

/** A one-panel board on the built-in demo source polled every second. */
export const demoBoardYaml = (title: string): string => `title: ${title}
sources:
  demo: [{ id: demo, interval: 1s }]
pages:
  - id: p
    title: P
    panels:
      - { id: orders, type: stat, query: "demo:bizoholic_orders_per_min" }
`;

export interface WallboardOptions {
  /** YAML text of the board; the built-in demo board when absent. */
  boardYaml?: string;
  token?: string;
  /** Wait until /healthz says 200 (a source delivered data), not just that the server answers. */
  waitHealthy?: boolean;
  /** Extra environment (e.g. WALLBOARD_CLOCK_START). */
  env?: Record<string, string>;
  /** Arguments after `serve` instead of `--config` (e.g. `--replay FILE`). */
  extraArgs?: string[];
  /** Another checkout whose built CLI to run (a bench paired against a base build); this one when absent. */
  root?: string;
}

const started = new Set<ChildProcess>();
const dirs = new Set<string>();
process.once('exit', () => {
  for (const c of started) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Throws a clear message when `npm run build` has not been run. */
export function requireBuild(): void {
  for (const f of ['out/main/cli.js', 'out/renderer/index.html']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
  }
}

export async function startWallboard(opts: WallboardOptions = {}): Promise<Wallboard> {
  requireBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'wallboard-e2e-'));
  dirs.add(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const root = opts.root ?? ROOT;
  const args = [opts.root ? join(opts.root, 'bin', 'wallboard.js') : BIN, 'serve', '--port', String(port), '--data-dir', join(dataDir, 'buffer')];
  if (opts.boardYaml !== undefined) {
    const file = join(dataDir, 'board.yaml');
    writeFileSync(file, opts.boardYaml);
    args.push('--config', file);
  }
  if (opts.token !== undefined) args.push('--token', opts.token);
  args.push(...(opts.extraArgs ?? []));
  let child: ChildProcess | undefined;
  let out = '';
  let all = '';

  const launch = async (): Promise<void> => {
    const c = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC', ...opts.env } });
    child = c;
    started.add(c);
    const keep = (b: Buffer): void => {
      out = (out + b.toString('utf8')).slice(-8000);
      if (all.length < 16 * 1024 * 1024) all += b.toString('utf8');
    };
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    let ready = false;
    // why: a crash at start must fail the test at once, not after the readiness timeout
    const died = new Promise<never>((_, reject) => {
      c.once('exit', (code, signal) => {
        started.delete(c);
        if (!ready) reject(new Error(`wallboard serve exited with ${signal ?? `code ${code}`} before it was ready:\n${out}`));
      });
    });
    died.catch(() => undefined);
    const healthy = waitFor(
      `wallboard serve on ${url}/healthz`,
      async () => {
        try {
          const r = await get(`${url}/healthz`, 1000);
          return opts.waitHealthy ? r.status === 200 : r.status === 200 || r.status === 503;
        } catch {
          return false;
        }
      },
      60_000,
      100,
    );
    await Promise.race([healthy, died]);
    ready = true;
  };

  const stopChild = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill(signal);
    const timer = setTimeout(() => c.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  };

  await launch();
  return {
    url,
    port,
    dataDir,
    output: () => out,
    pid: () => child?.pid,
    log: () => all,
    stop: () => stopChild('SIGTERM'),
    kill: () => void stopChild('SIGKILL'),
    restart: async () => {
      await stopChild('SIGTERM');
      await launch();
    },
  };
}
