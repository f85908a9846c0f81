// Points asked per series follow the widest chart on the page, not the screen.
import { describe, expect, it } from 'vitest';
import type { BoardView } from '../api';
import type { Panel } from '../config-schema';
import { chartPoints } from './chart-points';

const panel = (id: string, w: number, x = 0): Panel => ({ id, type: 'timeseries', title: id, query: 'q', unit: 'short', thresholds: [], grid: { x, y: 0, w, h: 2 } }) as unknown as Panel;

const board = (panels: Panel[]): BoardView =>
  ({ title: 'b', theme: 'dark', retentionMs: 0, brands: [], pages: [{ id: 'p', title: 'p', dwell: 1, panels }], sources: [], healthTargets: [], version: 1 }) as BoardView;

describe('points per series', () => {
  it('asks for 2 per CSS px of the widest queried panel', () => {
    const b = board([panel('a', 3), panel('b', 6, 3)]);
    expect(chartPoints(b, 0, null, ['a'], 1920)).toBe(480); // 3/24 of 1920 px = 240 px
    expect(chartPoints(b, 0, null, ['a', 'b'], 1920)).toBe(960);
  });

  it('stays within 200..2000 and falls back to the screen for panels not on the page', () => {
    const b = board([panel('a', 1), panel('wide', 24)]);
    expect(chartPoints(b, 0, null, ['a'], 1920)).toBe(200);
    expect(chartPoints(b, 0, null, ['wide'], 3840)).toBe(2000);
    expect(chartPoints(b, 0, null, ['elsewhere'], 1280)).toBe(1280);
  });
});
