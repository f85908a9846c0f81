// Catching the eye without a running animation. While any CSS animation runs, Chromium ticks a
// frame every 16 ms even when a step-timed one changes nothing (measured on the demo wall in
// software rendering: a 30 s step animation that drew 6 frames cost 3 % of a core more than none),
// so a blink is timers that change a class: the page draws only when it changes.

export interface BlinkPattern {
  /** ms of flashing when the pattern starts */
  flashMs: number;
  /** ms per half period of the flash (on, then off) */
  flashHalfMs: number;
  /** ms between reminders; the first comes one period after the start */
  everyMs: number;
  /** blinks per reminder */
  reminders: number;
  /** ms per half period of a reminder blink (500 = 1 Hz) */
  reminderHalfMs: number;
}

/** Flash 2 Hz for 6 s, then three 1 Hz blinks every 30 s: ~6 repaints per 30 s while it holds. */
export const ATTENTION: BlinkPattern = { flashMs: 6_000, flashHalfMs: 250, everyMs: 30_000, reminders: 3, reminderHalfMs: 500 };

export interface BlinkState {
  /** highlighted now */
  on: boolean;
  /** in the first-seconds flash (else a reminder or still) */
  flashing: boolean;
  /** ms until the state next changes */
  nextMs: number;
}

/** The state `elapsed` ms after the pattern started. */
export function blinkAt(elapsed: number, p: BlinkPattern = ATTENTION): BlinkState {
  const e = Math.max(0, elapsed);
  if (e < p.flashMs) {
    const half = Math.floor(e / p.flashHalfMs);
    return { on: half % 2 === 0, flashing: true, nextMs: Math.min((half + 1) * p.flashHalfMs, p.flashMs) - e };
  }
  const r = e % p.everyMs;
  const remindEnd = p.reminders * 2 * p.reminderHalfMs;
  if (e >= p.everyMs && r < remindEnd) {
    const half = Math.floor(r / p.reminderHalfMs);
    return { on: half % 2 === 0, flashing: false, nextMs: (half + 1) * p.reminderHalfMs - r };
  }
  return { on: false, flashing: false, nextMs: p.everyMs - r };
}
