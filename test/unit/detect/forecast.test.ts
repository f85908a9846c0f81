import { describe, expect, it } from 'vitest';
import { forecastTimeToThreshold } from '../../../src/main/engine/detect/index';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** One point a minute for two hours on a ramp of `perMin` from 100, with a few wild spikes. */
function ramp(perMin: number): { t: number; v: number }[] {
  return Array.from({ length: 120 }, (_, i) => ({ t: T0 + i * MIN, v: 100 + perMin * i + (i % 37 === 5 ? 500 : 0) }));
}

describe('forecastTimeToThreshold', () => {
  it('says when a rising trend reaches the threshold, ignoring spikes', () => {
    // at 0.5/min the last point (119 min) is at 159.5; 200 is 40.5 / 0.5 = 81 min later
    const f = forecastTimeToThreshold(ramp(0.5), 200);
    expect(f?.etaMs).toBeCloseTo(81 * MIN, -3);
    expect(f?.text).toBe('reaches 200 in 1h 21m');
  });

  it('uses the label for what reaching the threshold means', () => {
    const f = forecastTimeToThreshold(ramp(0.2), 200, { label: 'disk full' });
    // 200 − (100 + 0.2 · 119) = 76.2 → 381 min
    expect(f?.text).toBe('disk full in 6h 21m');
  });

  it('gives nothing for a trend heading away, a flat line, too few points, or too far out', () => {
    expect(forecastTimeToThreshold(ramp(-0.5), 200)).toBeUndefined();
    expect(forecastTimeToThreshold(ramp(0), 200)).toBeUndefined();
    expect(forecastTimeToThreshold(ramp(0.5).slice(0, 3), 200)).toBeUndefined();
    expect(forecastTimeToThreshold(ramp(0.5), 200, { maxEtaMs: 30 * MIN })).toBeUndefined();
  });

  it('forecasts a falling trend toward a lower threshold', () => {
    const f = forecastTimeToThreshold(ramp(-0.5), 40);
    // last point 40.5 → 0.5 above 40 → 1 min
    expect(f?.text).toBe('reaches 40 in 1m');
  });
});

describe('forecastTimeToThreshold across a level shift', () => {
  /** Stock sold at 3.2 a minute, restocked from 192 to 960 `minutesAgo` before the newest point; noisy ±2. */
  function restocked(minutesAgo: number): { t: number; v: number }[] {
    const pts: { t: number; v: number }[] = [];
    for (let i = 0; i <= 240; i++) {
      const m = i / 4; // a point every 15 s over the last hour
      const since = m - (60 - minutesAgo);
      const v = since >= 0 ? 960 - 3.2 * since : 192 + 3.2 * -since;
      pts.push({ t: T0 + m * MIN, v: Math.round(v + 2 * Math.sin(i * 12.9898)) });
    }
    return pts;
  }

  it('fits only the points since a restock, however much of the window lies before it', () => {
    // why: with the restock 25–40 min into a 1 h window the pairs straddling it outvoted the sell-down
    for (const minutesAgo of [5, 20, 35, 45, 55]) {
      const f = forecastTimeToThreshold(restocked(minutesAgo), 0, { label: 'sells out' });
      const left = (960 - 3.2 * minutesAgo) / 3.2; // min
      expect(f, `restocked ${minutesAgo} min ago`).toBeDefined();
      expect((f as { etaMs: number }).etaMs / MIN).toBeCloseTo(left, -1);
    }
  });

  it('says nothing until a few points follow the shift', () => {
    expect(forecastTimeToThreshold(restocked(0.5), 0)).toBeUndefined();
  });
});
