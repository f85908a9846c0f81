// Page rotation as a pure reducer, so every rule (dwell, pause on input, hold on critical) is
// testable without timers. Times are performance.now() ms: monotonic, untouched by a fixed wall clock.

/** How long user input pauses rotation. */
export const INPUT_PAUSE_MS = 60_000;

export interface RotationState {
  index: number;
  /** Space toggles this; held until toggled again. */
  manualPause: boolean;
  /** Rotation is paused until this time after user input (perf ms). */
  inputUntil: number;
  /** A critical incident holds the wall on its page until it is no longer open. */
  hold: { incidentId: string; pageIndex: number } | null;
  /** When the current page's dwell started (perf ms). */
  shownAt: number;
}

export type RotationEvent =
  /** `dwellMs` is the dwell of each page, in page order. */
  | { t: 'tick'; now: number; dwellMs: number[] }
  | { t: 'input'; now: number }
  | { t: 'go'; now: number; delta: number; pageCount: number }
  | { t: 'goto'; now: number; index: number }
  /** The wall opens on a page (?page=): a full dwell there, no input pause (nobody touched it). */
  | { t: 'start'; now: number; index: number }
  | { t: 'toggle-pause'; now: number }
  | { t: 'critical'; now: number; incidentId: string; pageIndex: number }
  | { t: 'release'; now: number }
  | { t: 'pages'; now: number; pageCount: number };

export function initialRotation(now: number, index = 0): RotationState {
  return { index, manualPause: false, inputUntil: 0, hold: null, shownAt: now };
}

function wrap(i: number, n: number): number {
  return n <= 0 ? 0 : ((i % n) + n) % n;
}

/** Whether rotation is currently stopped, and why (for the status bar). */
export function pauseReason(s: RotationState, now: number): 'manual' | 'input' | 'hold' | null {
  if (s.manualPause) return 'manual';
  if (now < s.inputUntil) return 'input';
  if (s.hold) return 'hold';
  return null;
}

export function rotate(s: RotationState, e: RotationEvent): RotationState {
  switch (e.t) {
    case 'tick': {
      const n = e.dwellMs.length;
      if (n === 0) return s;
      const paused = s.manualPause || e.now < s.inputUntil;
      if (paused) return s.shownAt === e.now ? s : { ...s, shownAt: e.now };
      if (s.hold) {
        // why: after a user looked elsewhere and the input pause ran out, go back to the held page
        return s.index === s.hold.pageIndex ? s : { ...s, index: s.hold.pageIndex, shownAt: e.now };
      }
      if (n < 2) return s;
      const dwell = e.dwellMs[wrap(s.index, n)] ?? 30_000;
      if (e.now - s.shownAt < dwell) return s;
      return { ...s, index: wrap(s.index + 1, n), shownAt: e.now };
    }
    case 'input':
      return { ...s, inputUntil: e.now + INPUT_PAUSE_MS, shownAt: e.now };
    case 'go':
      return { ...s, index: wrap(s.index + e.delta, e.pageCount), inputUntil: e.now + INPUT_PAUSE_MS, shownAt: e.now };
    case 'goto':
      return { ...s, index: e.index, inputUntil: e.now + INPUT_PAUSE_MS, shownAt: e.now };
    case 'start':
      return { ...s, index: e.index, shownAt: e.now };
    case 'toggle-pause':
      return { ...s, manualPause: !s.manualPause, inputUntil: s.manualPause ? 0 : s.inputUntil, shownAt: e.now };
    case 'critical':
      // why: a critical incident outranks a person browsing: the wall must show it now
      return { ...s, index: e.pageIndex, hold: { incidentId: e.incidentId, pageIndex: e.pageIndex }, inputUntil: 0, shownAt: e.now };
    case 'release':
      return s.hold ? { ...s, hold: null, shownAt: e.now } : s;
    case 'pages': {
      const index = wrap(s.index, e.pageCount);
      const hold = s.hold && s.hold.pageIndex < e.pageCount ? s.hold : null;
      return index === s.index && hold === s.hold ? s : { ...s, index, hold, shownAt: e.now };
    }
  }
}
