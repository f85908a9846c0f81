// When to bring a crashed thing back: the kiosk browser (wallboard kiosk) and the Electron wall's
// renderer (reload on render-process-gone / unresponsive) share this one decision.
// Pure: the caller keeps the streak and the clock.

export interface BackoffPolicy {
  /** ms: delay after the first failure of a streak */
  baseMs: number;
  /** ms: no delay is longer (the kiosk contract: back within 5 s) */
  maxMs: number;
  /** ms: a run at least this long ends the streak (the next failure starts again at baseMs) */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 5_000, stableMs: 60_000 };

/** The failure streak after a run of `ranForMs` ended: 1 after a stable run, one more otherwise. */
export function nextStreak(previous: number, ranForMs: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return ranForMs >= policy.stableMs ? 1 : previous + 1;
}

/** ms to wait before restart number `streak` (1-based) of a streak: base, 2×, 4×, … capped at maxMs. */
export function restartDelay(streak: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(streak));
  // why: 2 ** 30 already dwarfs any cap; keeps the arithmetic finite for absurd streaks
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
}
