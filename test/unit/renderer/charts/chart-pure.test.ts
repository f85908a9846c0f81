import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anomalyOverlay, mergeSpans, panelAnomalyOverlay } from '../../../../src/renderer/charts/anomaly-spans';
import { timeGaps, typicalStep } from '../../../../src/renderer/charts/time-gaps';
import { PALETTE, seriesColors, withAlpha } from '../../../../src/renderer/charts/palette';
import { formatTick } from '../../../../src/renderer/charts/axis-format';
import { yRange } from '../../../../src/renderer/charts/y-range';

const STEP = 15_000; // ms

describe('anomaly overlay', () => {
  it('shades one span per run of high scores and joins points within the join gap', () => {
    const pts = [0, 1, 2, 3, 10, 11, 20].map((i) => ({ t: i * STEP, score: [2, 3, 10, 11].includes(i) ? 0.9 : 0.1 }));
    const o = anomalyOverlay(pts, { joinGapMs: 2.5 * STEP, padMs: STEP / 2 });
    expect(o.spans).toEqual([
      [2 * STEP - STEP / 2, 3 * STEP + STEP / 2],
      [10 * STEP - STEP / 2, 11 * STEP + STEP / 2],
    ]);
  });

  it('gives a lone high sample a visible band of one step', () => {
    const o = anomalyOverlay([{ t: 1000, score: 0.7 }], { joinGapMs: 1, padMs: 500 });
    expect(o.spans).toEqual([[500, 1500]]);
  });

  it('marks only points that carry an explanation, and ignores NaN scores for shading', () => {
    const o = anomalyOverlay(
      [
        { t: 3, score: Number.NaN },
        { t: 1, score: 0.2, explanation: 'level shift' },
        { t: 2, score: 0.95, explanation: '' },
      ],
      { joinGapMs: 10, padMs: 0 },
    );
    expect(o.flagged.map((p) => p.t)).toEqual([1]);
    expect(o.spans).toEqual([[2, 2]]);
  });

  it('every high point lies inside exactly one span, and spans are disjoint and ordered', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.integer({ min: 0, max: 1e6 }), score: fc.double({ min: 0, max: 1, noNaN: true }) })), (pts) => {
        const o = anomalyOverlay(pts, { joinGapMs: 100, padMs: 0 });
        for (const p of pts.filter((q) => q.score >= 0.5)) {
          expect(o.spans.filter(([a, b]) => p.t >= a && p.t <= b)).toHaveLength(1);
        }
        for (let i = 1; i < o.spans.length; i++) expect(o.spans[i]![0]).toBeGreaterThan(o.spans[i - 1]![1]);
      }),
    );
  });

  it('merges overlapping spans of several series into one band', () => {
    expect(mergeSpans([[5, 9], [0, 6], [20, 30], [30, 31]])).toEqual([[0, 9], [20, 31]]);
  });
});

describe('time gaps', () => {
  it('finds the jump where a stretch of rows is missing, not the regular steps', () => {
    const x = [0, 15, 30, 45, 60, 600, 615, 630];
    const step = typicalStep(x);
    expect(step).toBe(15);
    expect(timeGaps(x, 0, x.length - 1, step!)).toEqual([[4, 5]]);
  });

  it('has no typical step for fewer than two points', () => {
    expect(typicalStep([])).toBeUndefined();
    expect(typicalStep([1])).toBeUndefined();
  });

  it('looks only inside the visible index window', () => {
    const x = [0, 100, 115, 130, 500];
    expect(timeGaps(x, 1, 3, 15)).toEqual([]);
    expect(timeGaps(x, 0, 4, 15)).toEqual([[0, 1], [3, 4]]);
  });
});

describe('series colours', () => {
  it('uses the brand colour for the first series and palette colours for the rest', () => {
    const c = seriesColors(4, '#ff0000');
    expect(c[0]).toBe('#ff0000');
    expect(new Set(c).size).toBe(4);
    for (const x of c.slice(1)) expect(PALETTE).toContain(x);
  });

  it('skips a palette colour that is nearly the brand colour', () => {
    const c = seriesColors(PALETTE.length, PALETTE[0]);
    expect(c.slice(1)).not.toContain(PALETTE[0]);
  });

  it('adds alpha to hex and rgb() colours', () => {
    expect(withAlpha('#102030', 0.5)).toBe('rgba(16, 32, 48, 0.5)');
    expect(withAlpha('rgb(1, 2, 3)', 0.25)).toBe('rgba(1, 2, 3, 0.25)');
    expect(withAlpha('#abc', 1)).toBe('rgba(170, 187, 204, 1)');
  });
});

describe('axis value format', () => {
  it('labels ticks compactly in the panel unit', () => {
    expect(formatTick(0.456, 'percentunit')).toBe('45.6%');
    expect(formatTick(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatTick(512, 'bytes')).toBe('512 B');
    expect(formatTick(0.25, 's')).toBe('250 ms');
    expect(formatTick(1234, 'short')).toBe('1.23k');
    expect(formatTick(2e9, 'short')).toBe('2B');
    expect(formatTick(3_400_000, 'reqps')).toBe('3.4M req/s');
    expect(formatTick(12.5, 'eur')).toBe('€12.5');
    expect(formatTick(null, 'short')).toBe('–');
    expect(formatTick(Number.POSITIVE_INFINITY, 'short')).toBe('+Inf');
  });

  it('labels the units an import brings', () => {
    expect(formatTick(1500, 'decbytes')).toBe('1.5 kB');
    expect(formatTick(999, 'decbytes')).toBe('999 B');
    expect(formatTick(2e6, 'bps')).toBe('2 Mb/s');
    expect(formatTick(3e9, 'Bps')).toBe('3 GB/s');
    expect(formatTick(2048, 'bits')).toBe('2 Kib');
    expect(formatTick(500, 'ns')).toBe('500 ns');
    expect(formatTick(1500, 'us')).toBe('1.5 ms');
    expect(formatTick(1200, 'ops')).toBe('1.2k ops/s');
    expect(formatTick(40, 'celsius')).toBe('40°C');
  });

  it('keeps every tick of a typical axis distinct', () => {
    const ticks = [0, 0.5, 1, 1.5, 2].map((v) => formatTick(v, 'short'));
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks).toEqual(['0', '0.5', '1', '1.5', '2']);
  });
});

describe('panel anomaly overlay', () => {
  it('merges bands across series and puts markers on the series that was flagged', () => {
    const o = panelAnomalyOverlay(
      ['a', 'b', 'c'],
      {
        a: [{ t: 10 * STEP, score: 0.9 }],
        b: [
          { t: 10 * STEP, score: 0.8 },
          { t: 11 * STEP, score: 0.9, explanation: 'spike: 6σ above the seasonal mean' },
        ],
      },
      STEP,
    );
    expect(o.spans).toEqual([[10 * STEP - STEP / 2, 11 * STEP + STEP / 2]]);
    expect(o.markers).toEqual([{ seriesIdx: 2, t: 11 * STEP, explanation: 'spike: 6σ above the seasonal mean' }]);
  });

  it('is empty when no series of the panel has anomaly points', () => {
    expect(panelAnomalyOverlay(['a'], { other: [{ t: 1, score: 1 }] }, STEP)).toEqual({ spans: [], markers: [] });
  });
});

describe('y range', () => {
  it('includes a threshold near the data and leaves out a far one', () => {
    expect(yRange(20, 40, [50, 1000])).toEqual([20, 50]);
  });
  it('honours the panel min and max over data and thresholds', () => {
    expect(yRange(20, 40, [50], 0, 100)).toEqual([0, 100]);
  });
  it('gives a flat or empty series a non-empty range', () => {
    const [lo, hi] = yRange(5, 5, []);
    expect(hi).toBeGreaterThan(lo);
    expect(yRange(null, null, [])).toEqual([0, 1]);
  });
});
