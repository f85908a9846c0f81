// Background upkeep of the buffer: seal head samples into compressed chunks and drop what is past
// the retention (samples and runs in the store; resolved incidents through `retainAlso`). Work is done in small bounded steps with the event loop free in between, so a
// poll never waits behind it.
import type { Store } from './store/types';

const EVERY_MS = 60_000; // ms between upkeep rounds
const SEAL_AFTER_MS = 10 * 60_000; // ms: head samples younger than this stay writable (late backfill)
const MAX_STEPS = 50; // bounded retention steps per round

/** Drops what else the buffer file holds that ended before `before` (resolved incidents). */
export type RetainAlso = (before: number) => void;

/** One bounded round of upkeep now, in one go (the soak bench runs it per simulated minute). */
export function upkeep(store: Store, retentionMs: number, now: number, retainAlso?: RetainAlso): void {
  for (let i = 0; i < MAX_STEPS && store.seal(now - SEAL_AFTER_MS) > 0; i++);
  for (let i = 0; i < MAX_STEPS && store.retain(now - retentionMs).more; i++);
  retainAlso?.(now - retentionMs);
}

export function startMaintenance(
  store: Store,
  retentionMs: () => number,
  now: () => number,
  log: (line: string) => void,
  retainAlso?: RetainAlso,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function round(): Promise<void> {
    try {
      // each seal call is bounded; a backlog (first start, after a pause) takes several steps
      for (let i = 0; i < MAX_STEPS && !stopped && store.seal(now() - SEAL_AFTER_MS) > 0; i++) {
        await new Promise((r) => setImmediate(r));
      }
      for (let i = 0; i < MAX_STEPS && !stopped; i++) {
        const { more } = store.retain(now() - retentionMs());
        if (!more) break;
        await new Promise((r) => setImmediate(r));
      }
      // why: without it resolved incidents and their history outlive the window and the file grows
      // by every incident ever seen (the 7-day soak: +0.7 MiB a day with chunks flat)
      if (!stopped) retainAlso?.(now() - retentionMs());
    } catch (err) {
      log(`buffer upkeep failed (will retry): ${(err as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void round(), EVERY_MS);
  }

  timer = setTimeout(() => void round(), 5_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
