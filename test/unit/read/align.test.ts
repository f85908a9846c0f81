import { describe, expect, it } from 'vitest';
import { alignColumns } from '../../../src/main/engine/read/align';

const T = 1_735_689_600_000;
const S = 15_000;
const times = (n: number, start = T) => Array.from({ length: n }, (_, i) => start + i * S);

describe('aligning series on one x axis', () => {
  it('keeps every point when under maxPoints and shares x between series of one poll', () => {
    const ts = times(5);
    const out = alignColumns([{ ts, values: [1, 2, 3, 4, 5] }, { ts, values: [5, 4, 3, 2, 1] }], 100);
    expect(out.x).toEqual(ts);
    expect(out.y).toEqual([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]);
  });

  it('puts samples a few ms apart into one slot instead of alternating with nulls', () => {
    const a = times(4);
    const b = a.map((t) => t + 7);
    const out = alignColumns([{ ts: a, values: [1, 1, 1, 1] }, { ts: b, values: [2, 2, 2, 2] }], 100);
    expect(out.x).toEqual(a);
    expect(out.y).toEqual([[1, 1, 1, 1], [2, 2, 2, 2]]);
  });

  it('marks a series with null where it has no point and inserts a null where it has a gap', () => {
    const ts = [...times(4), ...times(4, T + 10 * S)]; // 6 polls missing
    const out = alignColumns([{ ts, values: [1, 2, 3, 4, 5, 6, 7, 8] }], 100);
    expect(out.y[0]).toEqual([1, 2, 3, 4, null, 5, 6, 7, 8]);
    expect(out.x[4]).toBeGreaterThan(T + 3 * S);
    expect(out.x[4]).toBeLessThan(T + 10 * S);

    const other = { ts: times(3, T + 5 * S), values: [9, 9, 9] }; // points inside the gap of the first
    const both = alignColumns([{ ts, values: [1, 2, 3, 4, 5, 6, 7, 8] }, other], 100);
    expect(both.y[0]).toEqual([1, 2, 3, 4, null, null, null, 5, 6, 7, 8]);
    expect(both.y[1]).toEqual([null, null, null, null, 9, 9, 9, null, null, null, null]);
  });

  it('turns NaN and Infinity into null', () => {
    const out = alignColumns([{ ts: times(3), values: [NaN, Infinity, 1] }], 10);
    expect(out.y[0]).toEqual([null, null, 1]);
  });

  it('downsamples to at most maxPoints and keeps a one-sample spike', () => {
    const n = 5_760;
    const values = Array.from({ length: n }, (_, i) => (i === 3_333 ? 1_000 : 10 + Math.sin(i / 50)));
    const out = alignColumns([{ ts: times(n), values }], 400);
    expect(out.x.length).toBeLessThanOrEqual(400);
    expect(out.x.length).toBeGreaterThan(300);
    expect(Math.max(...(out.y[0] as number[]))).toBe(1_000);
    expect(Math.min(...(out.y[0] as number[]))).toBeCloseTo(9, 2);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1] as number);
  });

  it('still shows a long outage as a null after downsampling', () => {
    const ts = [...times(2_000), ...times(2_000, T + 3_000 * S)];
    const out = alignColumns([{ ts, values: ts.map(() => 1) }], 200);
    expect(out.x.length).toBeLessThanOrEqual(200);
    const nulls = out.y[0]!.map((v, i) => (v === null ? out.x[i] : undefined)).filter((x) => x !== undefined);
    expect(nulls.length).toBeGreaterThan(0);
    for (const x of nulls) {
      expect(x).toBeGreaterThan(T + 1_999 * S);
      expect(x).toBeLessThan(T + 3_000 * S);
    }
  });
});
