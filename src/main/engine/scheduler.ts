// One loop per source: chained setTimeout that subtracts the time the poll took, ±10 % jitter,
// a deadline via AbortSignal, exponential backoff on error capped at 8× the interval, and never
// two polls of one source at once (the next is armed only after the previous has returned).
import type { Batch } from '../../shared/model';
import type { PollContext, Source } from './sources/source';
import { withUntrustedReasons } from './sources/untrusted-text';

export const MAX_BACKOFF_FACTOR = 8;
export const JITTER = 0.1;

export interface SchedulerOptions {
  sources: Source[];
  /** Everything a poll needs except the signal, built fresh per poll. */
  context(source: Source, signal: AbortSignal): PollContext;
  onBatch(batch: Batch): void;
  now?: () => number;
  /** [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

export interface Scheduler {
  start(): void;
  /** Cancels timers, aborts polls in flight and waits for them to return. */
  stop(): Promise<void>;
  /** Consecutive failures per source (0 when healthy). */
  failures(sourceId: string): number;
}

/** Delay before the next poll, given how long this one took and how many failed in a row. */
export function nextDelay(intervalMs: number, tookMs: number, consecutiveFailures: number, random: number): number {
  const factor = Math.min(2 ** consecutiveFailures, MAX_BACKOFF_FACTOR);
  const base = intervalMs * factor;
  const jitter = base * JITTER * (random * 2 - 1);
  return Math.max(0, Math.round(base + jitter - tookMs));
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const failures = new Map<string, number>();
  let running = false;

  async function pollOnce(source: Source, controller: AbortController): Promise<void> {
    const deadline = setTimeout(() => controller.abort(new Error(`timed out after ${source.timeoutMs / 1000}s`)), source.timeoutMs);
    const started = now();
    let batch: Batch;
    try {
      batch = await source.poll(opts.context(source, controller.signal));
    } catch (err) {
      // why: a source must not throw, but if one does the loop survives and reports it
      batch = {
        source: source.id, kind: source.kind, at: started, durationMs: now() - started,
        status: { ok: false, reason: `internal error: ${(err as Error).message}` },
        samples: [], queries: [], health: [],
      };
    } finally {
      clearTimeout(deadline);
    }
    if (!running) return; // stopped while polling: drop the result, the store may be closed
    // why here: every source's reasons (and an internal error's message) pass one gate
    batch = withUntrustedReasons(batch);
    try {
      opts.onBatch(batch);
    } catch (err) {
      batch = { ...batch, status: { ok: false, reason: `could not store the poll: ${(err as Error).message}` } };
    }
    const n = batch.status.ok ? 0 : (failures.get(source.id) ?? 0) + 1;
    failures.set(source.id, n);
    schedule(source, nextDelay(source.intervalMs, now() - started, n, random()));
  }

  function schedule(source: Source, delayMs: number): void {
    if (!running) return;
    timers.set(
      source.id,
      setTimeout(() => {
        timers.delete(source.id);
        const controller = new AbortController();
        const done = pollOnce(source, controller).finally(() => inFlight.delete(source.id));
        inFlight.set(source.id, { controller, done });
      }, delayMs),
    );
  }

  return {
    start() {
      if (running) return;
      running = true;
      for (const s of opts.sources) schedule(s, 0);
    },
    async stop() {
      running = false;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const f of inFlight.values()) f.controller.abort(new Error('stopping'));
      await Promise.all([...inFlight.values()].map((f) => f.done));
    },
    failures: (id) => failures.get(id) ?? 0,
  };
}
