import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type uPlot from 'uplot';
import { Decimator, decimateMinMax } from '../../../../src/renderer/charts/decimate';
import { slidingWindow } from '../../../../src/renderer/charts/live-window';
import { timeGaps, typicalStep } from '../../../../src/renderer/charts/time-gaps';

function series(n: number, step: number, f: (i: number) => number | null): uPlot.AlignedData {
  const x = Array.from({ length: n }, (_, i) => i * step);
  return [x, x.map((_, i) => f(i))];
}

describe('min/max decimation', () => {
  it('returns the data unchanged when it has no more than two rows per pixel', () => {
    const d = series(100, 15, (i) => i);
    expect(decimateMinMax(d, 50, 0, 1500)).toBe(d);
  });

  it('keeps a one-sample spike that averaging would hide', () => {
    const d = series(5760, 15, (i) => (i === 3000 ? 500 : 10));
    const out = decimateMinMax(d, 200, 0, 5760 * 15);
    expect(out[0].length).toBeLessThanOrEqual(2 * 201);
    expect(Math.max(...(out[1] as number[]))).toBe(500);
    expect(Math.min(...(out[1] as number[]))).toBe(10);
  });

  it('keeps every bucket\'s extremes, in time order, for each series', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 50, maxLength: 400 }), fc.integer({ min: 2, max: 20 }), (vals, buckets) => {
        const x = vals.map((_, i) => i);
        const out = decimateMinMax([x, vals], buckets, 0, vals.length);
        const ys = out[1] as number[];
        expect(Math.max(...ys)).toBe(Math.max(...vals));
        expect(Math.min(...ys)).toBe(Math.min(...vals));
        for (let i = 1; i < out[0].length; i++) expect(out[0][i]!).toBeGreaterThan(out[0][i - 1]!);
      }),
    );
  });

  it('keeps a gap of nulls as a gap and an hour with no rows as an x jump', () => {
    // 24 h of 15 s; nulls for 20 min at 6 h, no rows at all for 1 h at 12 h
    const x: number[] = [];
    const y: (number | null)[] = [];
    for (let t = 0; t < 86_400; t += 15) {
      if (t >= 43_200 && t < 46_800) continue;
      x.push(t);
      y.push(t >= 21_600 && t < 22_800 ? null : 1);
    }
    const out = decimateMinMax([x, y], 240, 0, 86_400);
    const ox = out[0] as number[];
    const oy = out[1] as (number | null)[];
    const nullAt = ox.filter((_, i) => oy[i] === null);
    expect(nullAt.length).toBeGreaterThan(0);
    expect(nullAt.every((t) => t >= 21_600 && t < 22_800)).toBe(true);
    const step = typicalStep(ox)!;
    const jumps = timeGaps(ox, 0, ox.length - 1, step);
    expect(jumps).toHaveLength(1);
    expect(ox[jumps[0]![0]]!).toBeLessThan(43_200);
    expect(ox[jumps[0]![1]]!).toBeGreaterThan(46_800 - 360);
  });

  it('puts a window sliding by one sample into the same buckets', () => {
    const d1 = series(5760, 15, (i) => Math.sin(i / 50));
    const d2 = [(d1[0] as number[]).map((t) => t), d1[1]] as uPlot.AlignedData;
    const a = decimateMinMax(d1, 200, 0, 86_400);
    const b = decimateMinMax(d2, 200, 15, 86_415);
    expect(b[0].slice(0, 20)).toEqual(a[0].slice(0, 20));
  });
});

describe('incremental decimator', () => {
  // A live series: 15 s rows over a 2 h window, then ticks that append rows and slide the window;
  // sometimes a backfill inserts rows into an earlier hole. Every step must equal a full decimation.
  it.each([
    ['sliding with every tick', 1],
    ['snapped to 10 min, as live charts are (most ticks keep the window)', 600],
  ])('draws exactly what a full decimation draws, tick after tick, backfills included: window %s', (_name, snap) => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ append: fc.integer({ min: 0, max: 5 }), backfill: fc.boolean(), v: fc.double({ min: -100, max: 100, noNaN: true }) }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 20, max: 120 }),
        (ticks, buckets) => {
          const span = 7_200;
          let now = 1_700_000_000;
          const rows = new Map<number, [number | null, number | null]>();
          for (let t = now - span; t <= now; t += 15) if (t % 900 >= 120) rows.set(t, [Math.sin(t / 300), t % 7 === 0 ? null : t % 13]);
          const dec = new Decimator();
          for (const tick of ticks) {
            for (let a = 0; a < tick.append; a++) {
              now += 15;
              rows.set(now, [tick.v, a % 2 ? null : -tick.v]);
            }
            if (tick.backfill) for (let t = now - span; t < now; t += 15) if (!rows.has(t)) rows.set(t, [tick.v, tick.v]);
            const x = [...rows.keys()].filter((t) => t >= Math.ceil(now / snap) * snap - span).sort((a, b) => a - b);
            const data: uPlot.AlignedData = [x, x.map((t) => rows.get(t)![0]), x.map((t) => rows.get(t)![1])];
            const hi = Math.ceil(now / snap) * snap;
            expect(dec.run(data, buckets, hi - span, hi)).toEqual(decimateMinMax(data, buckets, hi - span, hi));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('incremental decimator, backfill next to the newest bucket', () => {
  it('rescans when a row arrives in the bucket before the last, after its last row', () => {
    // buckets of 100 s over [0, 1000]; rows every 10 s, but the one at 890 s is missing
    const x = Array.from({ length: 101 }, (_, i) => i * 10).filter((t) => t !== 890);
    const y = x.map((t) => (t % 30 === 0 ? 1 : 2));
    const dec = new Decimator();
    dec.run([x, y], 10, 0, 1000);
    // the backfill brings 890 s with a value below everything: bucket 8's minimum changes
    const x2 = [...x.slice(0, 89), 890, ...x.slice(89)];
    const y2 = [...y.slice(0, 89), -7, ...y.slice(89)];
    expect(dec.run([x2, y2], 10, 0, 1000)).toEqual(decimateMinMax([x2, y2], 10, 0, 1000));
  });
});

describe('incremental decimator, identity', () => {
  const x = Array.from({ length: 600 }, (_, i) => i * 15);
  const a = x.map((t) => Math.sin(t / 300));
  const b = x.map((t) => Math.cos(t / 300));

  it('gives back the same result when nothing changed, so callers stop at identity', () => {
    const dec = new Decimator();
    const first = dec.run([x, a, b], 50, 0, 9_000);
    expect(dec.run([x.slice(), a.slice(), b.slice()], 50, 0, 9_000)).toBe(first);
  });

  it('keeps the arrays of columns that did not change and makes new ones for those that did', () => {
    const dec = new Decimator();
    const first = dec.run([x, a, b], 50, 0, 9_000);
    // a row appended in the window's last bucket, far below series a's minimum, inside b's range
    const next = dec.run([[...x, 8_995], [...a, -5], [...b, 0]], 50, 0, 9_000);
    expect(next).not.toBe(first);
    expect(next[0]).toBe(first[0]);
    expect(next[2]).toBe(first[2]);
    expect(next[1]).not.toBe(first[1]);
    expect((next[1] as number[]).slice(0, -2)).toEqual((first[1] as number[]).slice(0, -2));
  });
});

describe('sliding window', () => {
  it('keeps the range width and follows data newer than its end', () => {
    expect(slidingWindow([100, 200], 0, 150)).toEqual([100, 200]);
    expect(slidingWindow([100, 200], 0, 260)).toEqual([160, 260]);
    expect(slidingWindow(null, 5, 9)).toEqual([5, 9]);
    expect(slidingWindow(null, null, null)).toBeNull();
  });
});
