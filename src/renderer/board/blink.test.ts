import { describe, expect, it } from 'vitest';
import { ATTENTION, blinkAt } from './blink';

/** Every state change of the pattern over `ms`, following nextMs as the hook's timers do. */
function changes(ms: number): { at: number; on: boolean; flashing: boolean }[] {
  const out: { at: number; on: boolean; flashing: boolean }[] = [];
  let t = 0;
  let prev: string | undefined;
  while (t < ms) {
    const s = blinkAt(t);
    const key = `${s.on}${s.flashing}`;
    if (key !== prev) out.push({ at: t, on: s.on, flashing: s.flashing });
    prev = key;
    expect(s.nextMs).toBeGreaterThan(0);
    t += s.nextMs;
  }
  return out;
}

describe('the attention blink', () => {
  it('flashes twice a second for its first 6 s, then holds still until the first reminder', () => {
    const c = changes(29_999);
    expect(c.filter((x) => x.flashing && x.on).map((x) => x.at)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500]);
    expect(c.at(-1)).toEqual({ at: 6_000, on: false, flashing: false });
  });

  it('reminds with three 1 Hz blinks every 30 s, and changes nothing in between', () => {
    const c = changes(90_000).filter((x) => x.at >= 6_000);
    expect(c.map((x) => [x.at, x.on])).toEqual([
      [6_000, false],
      [30_000, true], [30_500, false], [31_000, true], [31_500, false], [32_000, true], [32_500, false],
      [60_000, true], [60_500, false], [61_000, true], [61_500, false], [62_000, true], [62_500, false],
    ]);
  });

  it('wakes only when the state changes: 7 timers per 30 s once the flash is over', () => {
    let wakes = 0;
    for (let t = 60_000; t < 120_000; t += blinkAt(t).nextMs) wakes++;
    expect(wakes).toBe(14);
    expect(ATTENTION.reminders).toBe(3);
  });
});
