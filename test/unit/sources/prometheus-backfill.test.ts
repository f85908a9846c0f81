import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BACKFILL_SPAN_MS, alignedTime, chunkPoints, planBackfill } from '../../../src/main/engine/sources/prometheus/backfill';

const H = 3_600_000;

describe('planBackfill', () => {
  it('fetches nothing when the buffer is at most two intervals behind', () => {
    const now = 1_700_000_007_000;
    expect(planBackfill({ last: alignedTime(now, 15_000) - 15_000, now, intervalMs: 15_000, retentionMs: 24 * H })).toEqual([]);
    expect(planBackfill({ last: now - 30_000, now, intervalMs: 15_000, retentionMs: 24 * H })).toEqual([]);
  });

  it('fetches the whole retention at first start, on the interval grid, ending one interval before now', () => {
    const now = 1_700_000_007_000;
    const chunks = planBackfill({ last: undefined, now, intervalMs: 15_000, retentionMs: 24 * H });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.start % 15_000).toBe(0);
    expect(chunks[0]!.start).toBeGreaterThanOrEqual(now - 24 * H);
    expect(chunks[0]!.end).toBe(alignedTime(now, 15_000) - 15_000);
  });

  it('splits a 1 s step day into requests of fewer than 11,000 points', () => {
    const now = 1_700_000_000_000;
    const chunks = planBackfill({ last: undefined, now, intervalMs: 1000, retentionMs: 24 * H });
    expect(chunks.length).toBe(9);
    for (const c of chunks) expect(chunkPoints(c, 1000)).toBeLessThan(11_000);
  });

  it('starts one interval after the newest buffered sample', () => {
    const now = 1_699_999_995_000; // on the 15 s grid
    const last = now - 10 * 60_000;
    const chunks = planBackfill({ last, now, intervalMs: 15_000, retentionMs: 24 * H });
    expect(chunks[0]!.start).toBe(last + 15_000);
  });

  it('covers the gap exactly once, aligned, in bounded chunks, whatever the inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
        fc.constantFrom(1000, 5000, 15_000, 60_000),
        fc.option(fc.integer({ min: 0, max: 30 * 24 * H }), { nil: undefined }),
        fc.constantFrom(H, 24 * H, 7 * 24 * H),
        (now, step, lag, retention) => {
          const last = lag === undefined ? undefined : alignedTime(now - lag, step);
          const chunks = planBackfill({ last, now, intervalMs: step, retentionMs: retention });
          const behind = last === undefined || last < now - 2 * step;
          if (!behind) return chunks.length === 0;
          let prevEnd: number | undefined;
          let points = 0;
          for (const c of chunks) {
            expect(c.start % step).toBe(0);
            expect(c.end % step).toBe(0);
            expect(c.end).toBeGreaterThanOrEqual(c.start);
            expect(chunkPoints(c, step)).toBeLessThan(11_000);
            if (prevEnd !== undefined) expect(c.start).toBe(prevEnd + step);
            if (last !== undefined) expect(c.start).toBeGreaterThan(last);
            expect(c.start).toBeGreaterThanOrEqual(now - retention);
            prevEnd = c.end;
            points += chunkPoints(c, step);
          }
          if (prevEnd !== undefined) expect(prevEnd).toBe(alignedTime(now, step) - step);
          expect(points).toBeLessThanOrEqual(MAX_BACKFILL_SPAN_MS / step + 1);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
