// A rotating kiosk left in replay returns to live after 5 minutes without input, so a wall never
// stays stuck in the past. Kept apart from the key handling so it can be driven by fake timers.
import type { StoreApi } from 'zustand';
import type { WallboardState } from '../store';

export const KIOSK_IDLE_MS = 5 * 60_000;
const IDLE_CHECK_MS = 5_000;

type Store = Pick<StoreApi<WallboardState>, 'getState'>;

/** Starts the idle check; `touch` marks input, `stop` ends the check. */
export function startKioskIdleReturn(store: Store): { touch(): void; stop(): void } {
  let lastInput = performance.now(); // ms
  let timer: ReturnType<typeof setTimeout>;
  const check = (): void => {
    const s = store.getState();
    if (s.mode === 'replay' && s.rotate && performance.now() - lastInput >= KIOSK_IDLE_MS) s.exitReplay();
    timer = setTimeout(check, IDLE_CHECK_MS);
  };
  timer = setTimeout(check, IDLE_CHECK_MS);
  return {
    touch: () => {
      lastInput = performance.now();
    },
    stop: () => clearTimeout(timer),
  };
}
