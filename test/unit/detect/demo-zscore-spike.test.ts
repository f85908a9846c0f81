// The demo's search CPU saturation (00:00, 06:00, 12:00 and 18:00 UTC, 4 min each) on the resources
// page's z-score panel, scored as the engine does after a fresh start's 24 h backfill. Before issue 21
// the detector learned the first spike as normal: it flagged 1 of the 4 at medium and 1 to 4 at high,
// depending on the start. Each spike must be flagged, and little else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoardText } from '../../../src/main/engine/config/load';
import { createDetector, type Sensitivity } from '../../../src/main/engine/detect/index';
import { DEMO_INCIDENTS, demoSampleTimes, demoValue } from '../../../src/main/engine/sources/demo';

const DAY = 86_400_000;
const MIN = 60_000;
const spike = DEMO_INCIDENTS.find((i) => i.id === 'platform-search-cpu-saturation')!;
/** The detector's warm-up: a spike this soon after the buffer starts has no baseline to stand out from. */
const WARMUP = 30 * MIN;

function panelDetect(): { method: 'zscore'; sensitivity: Sensitivity } {
  const loaded = parseBoardText(readFileSync('resources/demo.yaml', 'utf8'), 'resources/demo.yaml', {});
  if (!loaded.ok) throw new Error(loaded.problems[0]?.message);
  const panel = loaded.board.pages.flatMap((p) => p.panels).find((p) => p.id === 'res-search-cpu-anomaly');
  const detect = panel?.detect;
  if (!detect || detect.method !== 'zscore') throw new Error('the demo z-score panel is gone');
  return { method: 'zscore', sensitivity: detect.sensitivity };
}

/** min: after a 4-min plateau the 3-min baseline takes a few minutes to come back down, and the
 * detector may flag the series "below its baseline" then: that is the same event. */
const SETTLE_MIN = 4;

/** Index of the spike occurrence t is in (or its settling after), else undefined. */
function spikeOf(t: number): number | undefined {
  const period = spike.periodMin * MIN;
  const into = (t - spike.fromMin * MIN) % period;
  return into >= 0 && into <= (spike.toMin - spike.fromMin + SETTLE_MIN) * MIN ? Math.floor(t / period) : undefined;
}

function backfilledDay(now: number, sensitivity: Sensitivity) {
  const detector = createDetector({ method: 'zscore', sensitivity });
  const times = demoSampleTimes(now, 15_000, DAY, undefined);
  const start = times[0] as number;
  const flaggedSpikes = new Set<number>();
  let outside = 0;
  for (const t of times) {
    const r = detector.update(t, demoValue(42, 'platform_service_cpu_percent', { service: 'search' }, t)!);
    const k = spikeOf(t);
    if (r.flagged && k !== undefined) flaggedSpikes.add(k);
    else if (r.flagged) outside++;
  }
  const period = spike.periodMin * MIN;
  const expected = new Set<number>();
  for (const t of times) {
    const k = spikeOf(t);
    if (k !== undefined && k * period + spike.fromMin * MIN - start >= WARMUP) expected.add(k);
  }
  return { expected: [...expected], flagged: [...expected].filter((k) => flaggedSpikes.has(k)), outside };
}

describe('the demo z-score panel on the search CPU spikes after a fresh 24 h backfill', () => {
  // 25 starts, every 61 min: every hour of the day, and the spikes at every distance from the start
  const starts = Array.from({ length: 25 }, (_, k) => Date.UTC(2026, 10, 26) + k * 61 * MIN + 7_000);

  it('uses a z-score detector, as the panel title says', () => {
    expect(panelDetect().method).toBe('zscore');
  });

  for (const sensitivity of [panelDetect().sensitivity, 'medium' as const]) {
    it(`flags every one of the day's 4 spikes past the warm-up, and little else (${sensitivity})`, () => {
      for (const now of starts) {
        const day = backfilledDay(now, sensitivity);
        expect(day.expected.length, new Date(now).toISOString()).toBeGreaterThanOrEqual(3);
        expect(day.flagged, new Date(now).toISOString()).toEqual(day.expected);
        expect(day.outside, new Date(now).toISOString()).toBeLessThanOrEqual(2);
      }
    });
  }
});
