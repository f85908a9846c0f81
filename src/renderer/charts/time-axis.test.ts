import { describe, expect, it } from 'vitest';
import uPlot from 'uplot';
import { timeTickSpace, timeTicks } from './time-axis';

describe('timeTicks', () => {
  // 2026-12-06 15:30:00 UTC, in s
  const T = Date.UTC(2026, 11, 6, 15, 30) / 1e3;
  /** A chart whose plot starts `left` CSS px from the canvas edge and shows `from`..`to` over 600 px. */
  const chart = (from: number, to: number, left = 60): uPlot =>
    ({ valToPos: (v: number) => (left + ((v - from) / (to - from)) * 600) * (uPlot.pxRatio || 1) }) as unknown as uPlot;
  const ticks = (u: uPlot, splits: number[], incr: number, width?: (l: string) => number): string[] =>
    timeTicks('UTC', width)(u, splits, 0, 50, incr) as string[];

  it('a few minutes of span reads in seconds, each tick its own label', () => {
    const splits = [0, 30, 60, 90, 120, 150, 180].map((s) => T + s);
    const labels = ticks(chart(T, T + 180), splits, 30);
    expect(labels).toEqual(['15:30:00', '15:30:30', '15:31:00', '15:31:30', '15:32:00', '15:32:30', '15:33:00']);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('whole-minute ticks stay HH:MM; day-sized steps and midnight show the date', () => {
    expect(ticks(chart(T, T + 3600), [T, T + 600, T + 1200], 600)).toEqual(['15:30', '15:40', '15:50']);
    const midnight = Date.UTC(2026, 11, 7) / 1e3;
    expect(ticks(chart(midnight - 3600, midnight + 3600), [midnight - 1800, midnight, midnight + 1800], 1800)).toEqual(['23:30', '12-07', '00:30']);
  });

  it('leaves out a label that would be cut off at the canvas edge (left axis hidden)', () => {
    const u = chart(T, T + 3600, 0);
    const width = (l: string): number => l.length * 10; // CSS px
    // the first tick 3 px from the edge: half of a 50 px label would be cut; the others have room
    expect(ticks(u, [T + 18, T + 618, T + 1218], 600, width)).toEqual(['', '15:40', '15:50']);
    // with the left axis' 60 px of room the same tick fits
    expect(ticks(chart(T, T + 3600, 60), [T + 18, T + 618], 600, width)).toEqual(['15:30', '15:40']);
  });
});

describe('timeTickSpace', () => {
  it('leaves room for seconds when ticks would be under a minute apart', () => {
    expect(timeTickSpace(14, 3600, 900)).toBe(70); // 1 h: HH:MM ticks
    expect(timeTickSpace(14, 120, 900)).toBe(98); // 2 min: HH:MM:SS ticks
  });
});
