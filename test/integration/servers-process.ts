// The process side of the test servers: spawning, readiness, stopping, temp dirs and the registry
// stopAll() and the exit hook clean up. servers.ts builds Prometheus, Alertmanager and the rest on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerHandle {
  /** `http://127.0.0.1:PORT` (no trailing slash) */
  url: string;
  port: number;
  dataDir: string;
  /** Graceful stop (SIGTERM, SIGKILL after 5 s). The data dir is kept for restart(). */
  stop(): Promise<void>;
  /** SIGKILL now: a crash, for outage tests. */
  kill(): void;
  /** Start again on the same port with the same data dir; waits for readiness. */
  restart(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

// why: vitest re-imports this module per test file in one worker; share the registry and hook once
interface Registry {
  running: Set<ServerHandle>;
  children: Set<ChildProcess>;
  ownedDirs: Set<string>;
}
const KEY = Symbol.for('wallboard.test.servers');
const g = globalThis as unknown as Record<symbol, Registry | undefined>;
const registry: Registry = (g[KEY] ??= (() => {
  const r: Registry = { running: new Set(), children: new Set(), ownedDirs: new Set() };
  process.once('exit', () => {
    for (const c of r.children) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (const d of r.ownedDirs) rmSync(d, { recursive: true, force: true });
  });
  return r;
})());
const { running, children, ownedDirs } = registry;

/** Tracks a handle so stopAll() stops it (for servers not started through startProcess). */
export function track(h: ServerHandle): void {
  running.add(h);
}

/** Forgets a handle that stopped. */
export function untrack(h: ServerHandle): void {
  running.delete(h);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `wallboard-${prefix}-`));
  ownedDirs.add(d);
  return d;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined/false; throws with `what` after timeout. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    await sleep(everyMs);
  }
}

/** GET on loopback with a short timeout; resolves status and body, rejects on a connection error. */
export function get(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** GET and parse JSON (for tests waiting on upstream state). */
export async function getJson<T = unknown>(url: string): Promise<T> {
  const r = await get(url);
  return JSON.parse(r.body) as T;
}

export interface ProcessSpec {
  name: string;
  bin: string;
  args: (port: number, dataDir: string) => string[];
  readyPath: string;
  port?: number;
  dataDir?: string;
  /** Writes config files into the data dir before the first start. */
  prepare?: (dataDir: string, port: number) => void;
}

export async function startProcess(spec: ProcessSpec): Promise<ServerHandle> {
  const port = spec.port ?? (await freePort());
  const dataDir = spec.dataDir ?? tempDir(spec.name);
  spec.prepare?.(dataDir, port);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';
  /** Resolves when the last killed process has exited, so restart() never races it for the port. */
  let killedExit: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    output = '';
    const c = spawn(spec.bin, spec.args(port, dataDir), { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    children.add(c);
    const keep = (b: Buffer): void => {
      output = (output + b.toString('utf8')).slice(-4000);
    };
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    let exited: string | undefined;
    c.once('exit', (code, signal) => {
      children.delete(c);
      exited = `exited with ${signal ?? `code ${code}`}`;
    });
    c.once('error', (err) => {
      exited = `failed to start: ${err.message}`;
    });
    await waitFor(
      `${spec.name} on ${url}${spec.readyPath}`,
      async () => {
        if (exited) throw new Error(`${spec.name} ${exited} before it was ready:\n${output}`);
        try {
          return (await get(url + spec.readyPath, 1000)).status === 200;
        } catch {
          return false;
        }
      },
      READY_TIMEOUT_MS,
      100,
    ).catch((err: unknown) => {
      c.kill('SIGKILL');
      throw err instanceof Error ? err : new Error(String(err));
    });
  };

  const stopChild = async (): Promise<void> => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
    await gone;
    clearTimeout(timer);
  };

  const handle: ServerHandle = {
    url,
    port,
    dataDir,
    stop: async () => {
      await stopChild();
      await killedExit;
      running.delete(handle);
    },
    kill: () => {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      killedExit = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGKILL');
    },
    restart: async () => {
      await stopChild();
      await killedExit;
      await launch();
      running.add(handle);
    },
  };
  await launch();
  running.add(handle);
  return handle;
}

/** Resolves once nothing accepts connections on the handle's port (after kill() or stop()). */
export async function waitUntilDown(h: Pick<ServerHandle, 'url'>, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    `${h.url} to refuse connections`,
    async () => {
      try {
        await get(h.url, 500);
        return false;
      } catch (err) {
        return (err as { code?: string }).code === 'ECONNREFUSED';
      }
    },
    timeoutMs,
    50,
  );
}

/** Stops everything started here and removes the temp dirs this module created. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((h) => h.stop()));
  for (const d of ownedDirs) rmSync(d, { recursive: true, force: true });
  ownedDirs.clear();
}

