// What the replay keys and buttons do, as plain functions of the store (one place for both).
import { useWallboard } from '../store';
import { BIG_STEP_MS, clamp, nextIncident, previousIncident, replayBounds, stepMs } from './replay-math';

type Store = typeof useWallboard;

function bounds(store: Store): { from: number; to: number } {
  const s = store.getState();
  return replayBounds(s.board, s.liveAt);
}

/** Moves T to `at` (kept inside the replayable span); enters replay when live. */
export function scrubTo(at: number, store: Store = useWallboard): void {
  store.getState().setReplayAt(clamp(at, bounds(store)));
}

/** `r`: into replay at the wall's current moment, or back to live. */
export function toggleReplay(store: Store = useWallboard): void {
  const s = store.getState();
  if (s.mode === 'replay') s.exitReplay();
  else scrubTo(s.snapshot?.at ?? s.liveAt, store);
}

/** `,` `.` (one poll interval) and `<` `>` (5 min). */
export function step(direction: -1 | 1, big: boolean, store: Store = useWallboard): void {
  const s = store.getState();
  const from = s.replayAt ?? s.snapshot?.at ?? s.liveAt;
  s.setPlaying(false);
  scrubTo(from + direction * (big ? BIG_STEP_MS : stepMs(s.board)), store);
}

/** `[` `]`: to the moment the previous / next incident opened. */
export function jumpIncident(direction: -1 | 1, store: Store = useWallboard): void {
  const s = store.getState();
  const from = s.replayAt ?? s.snapshot?.at ?? s.liveAt;
  const target = direction < 0 ? previousIncident(s.timeline, from) : nextIncident(s.timeline, from);
  if (target) scrubTo(target.openedAt, store);
}

/** Space in replay: play from T (from the start when T is at the end), or pause. */
export function togglePlay(store: Store = useWallboard): void {
  const s = store.getState();
  if (s.playing) return s.setPlaying(false);
  const b = bounds(store);
  if (s.replayAt === null || s.replayAt >= b.to) scrubTo(s.replayAt === null ? (s.snapshot?.at ?? s.liveAt) : b.from, store);
  store.getState().setPlaying(true);
}
