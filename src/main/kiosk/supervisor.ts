// Keeps one browser process running: a browser that exits or is killed comes back after the
// restart backoff (shell/restart-backoff.ts, at most 5 s), each relaunch logged and counted.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { DEFAULT_BACKOFF, nextStreak, restartDelay, type BackoffPolicy } from '../shell/restart-backoff';
import { metricFamily, metricsText } from '../engine/metrics-text';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface SupervisorOptions {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  spawn?: SpawnFn;
  now?: () => number;
  policy?: BackoffPolicy;
  /** Called on every exit it did not ask for (the engine counts it and may open a wall incident). */
  onCrash?: () => void;
  /** ms between SIGTERM and SIGKILL on stop */
  stopGraceMs?: number;
}

export interface Supervisor {
  start(): void;
  stop(): Promise<void>;
  /** pid of the running browser, undefined between runs */
  pid(): number | undefined;
  /** Prometheus text: launches, relaunches, up. */
  metricsText(): string;
  readonly counts: { launches: number; relaunches: number };
}

const STDERR_TAIL = 2_000; // chars kept for the exit log line

export function createSupervisor(opts: SupervisorOptions): Supervisor {
  const spawn = opts.spawn ?? nodeSpawn;
  const now = opts.now ?? Date.now;
  const policy = opts.policy ?? DEFAULT_BACKOFF;
  const counts = { launches: 0, relaunches: 0 };
  let child: ChildProcess | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopping = false;
  let streak = 0;

  function launch(): void {
    timer = undefined;
    if (stopping) return;
    const startedAt = now();
    counts.launches++;
    let tail = '';
    let ended = false;
    // why: its own process group, so stop() and a crash clean-up reach Chromium's helper processes too
    const c = spawn(opts.command, opts.args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], ...(opts.env ? { env: opts.env } : {}) });
    child = c;
    c.stderr?.on('data', (b: Buffer) => {
      tail = (tail + b.toString('utf8')).slice(-STDERR_TAIL);
    });
    const onEnd = (how: string): void => {
      if (ended) return;
      ended = true;
      if (child === c) child = undefined;
      killGroup(c, 'SIGKILL');
      if (stopping) return;
      streak = nextStreak(streak, now() - startedAt, policy);
      const delay = restartDelay(streak, policy);
      counts.relaunches++;
      const last = tail.trim().split('\n').pop()?.slice(0, 300);
      opts.log(`kiosk browser ${how} after ${Math.round((now() - startedAt) / 1000)} s; relaunch #${counts.relaunches} in ${delay} ms${last ? ` (its last line: ${last})` : ''}`);
      timer = setTimeout(launch, delay);
      opts.onCrash?.();
    };
    c.once('exit', (code, signal) => onEnd(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    c.once('error', (err) => onEnd(`could not run (${err.message})`));
    if (c.pid !== undefined) opts.log(`kiosk browser started (pid ${c.pid})`);
  }

  return {
    counts,
    start() {
      stopping = false;
      if (!child && !timer) launch();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise<void>((r) => c.once('exit', () => r()));
      killGroup(c, 'SIGTERM');
      const force = setTimeout(() => killGroup(c, 'SIGKILL'), opts.stopGraceMs ?? 5_000);
      await gone;
      clearTimeout(force);
    },
    pid: () => child?.pid,
    metricsText() {
      return metricsText([
        metricFamily('wallboard_kiosk_browser_launches_total', 'counter', 'Times the kiosk browser was started (first start included).', [['', counts.launches]]),
        metricFamily('wallboard_kiosk_browser_relaunches_total', 'counter', 'Times the kiosk browser exited or was killed and was started again.', [['', counts.relaunches]]),
        metricFamily('wallboard_kiosk_browser_up', 'gauge', '1 while the kiosk browser runs.', [['', child ? 1 : 0]]),
      ]);
    },
  };
}

function killGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  if (c.pid === undefined) return;
  try {
    process.kill(-c.pid, signal);
  } catch {
    // the group is gone already; the process itself may still be ours
    try {
      c.kill(signal);
    } catch {
      /* gone */
    }
  }
}
