// The demo's hourly orders spike, as the engine scores it after a fresh start's 24 h backfill.
// How many hours get flagged depends on where that day starts: the warm-up eats its first hours,
// and at night the ×3 spike sits in relatively more noise. So this looks at many starts at once,
// with no wall clock in it (the integration test pins the engine's clock for the same reason).
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/main/engine/detect/index';
import { DEMO_INCIDENTS, demoSampleTimes, demoValue } from '../../../src/main/engine/sources/demo';

const DAY = 86_400_000;
const spike = DEMO_INCIDENTS.find((i) => i.id === 'bizoholic-orders-spike')!;

/** In a spike window, or its minute after (the detector may flag the step back down). */
function inSpike(t: number): boolean {
  const minute = Math.floor(t / 60_000) % spike.periodMin;
  return minute >= spike.fromMin && minute <= spike.toMin + 1;
}

function backfilledDay(now: number): { hours: number; outside: number; flagged: number } {
  const detector = createDetector({ method: 'auto', sensitivity: 'medium' });
  const flagged: number[] = [];
  for (const t of demoSampleTimes(now, 15_000, DAY, undefined)) {
    if (detector.update(t, demoValue(42, 'bizoholic_orders_per_min', {}, t)!).flagged) flagged.push(t);
  }
  const hours = new Set(flagged.filter(inSpike).map((t) => Math.floor(t / 3_600_000))).size;
  return { hours, outside: flagged.filter((t) => !inSpike(t)).length, flagged: flagged.length };
}

describe('the demo orders spike after a fresh 24 h backfill', () => {
  // 48 starts, every 61 min over two days: every hour of the day and minute of the hour is a start
  const days = Array.from({ length: 48 }, (_, k) => backfilledDay(Date.UTC(2026, 10, 26) + k * 61 * 60_000 + 7_000));

  it('is flagged in several hours of every backfilled day, and in most hours of a typical one', () => {
    const hours = days.map((d) => d.hours).sort((a, b) => a - b);
    expect(hours[0]).toBeGreaterThanOrEqual(3);
    expect(hours[Math.floor(hours.length / 2)]).toBeGreaterThanOrEqual(8);
  });

  it('flags little besides the spikes', () => {
    for (const d of days) expect(d.outside).toBeLessThanOrEqual(d.flagged / 2);
  });
});
