// The read serve inlines is the one the wall opened at that address makes first on a 1920 px screen.
import { describe, expect, it } from 'vitest';
import type { BoardView } from '../api';
import type { Panel } from '../config-schema';
import { firstRead } from './first-read';

const panel = (id: string, w: number, x = 0, type = 'timeseries', brand?: string): Panel =>
  ({ id, type, title: id, query: 'q', ...(brand ? { brand } : {}), grid: { x, y: 0, w, h: 2 } }) as unknown as Panel;
const BOARD = {
  title: 'b',
  theme: 'dark',
  retentionMs: 0,
  brands: [],
  pages: [
    { id: 'one', title: 'one', dwell: 1, panels: [panel('a', 6), panel('b', 12, 6, 'stat', 'x'), { id: 't', type: 'text', text: 'hi' } as unknown as Panel] },
    { id: 'two', title: 'two', dwell: 1, panels: [panel('c', 3)] },
  ],
  sources: [],
  healthTargets: [],
  version: 1,
} as unknown as BoardView;
const TO = 1_700_000_000_000; // ms

describe('firstRead', () => {
  it('reads the first page’s series panels over the default hour at 2 points per px of the widest on 1920 px', () => {
    expect(firstRead(BOARD, '', TO)).toEqual({ panels: ['a', 'b'], from: TO - 3_600_000, to: TO, maxPoints: 1920 }); // b: 12 of 24 columns = 960 px
  });

  it('follows the address: ?window=, ?page=, ?pages=, ?brand=', () => {
    expect(firstRead(BOARD, '?window=24h', TO)?.from).toBe(TO - 86_400_000);
    expect(firstRead(BOARD, '?page=two', TO)?.panels).toEqual(['c']);
    expect(firstRead(BOARD, '?pages=two', TO)?.panels).toEqual(['c']);
    expect(firstRead(BOARD, '?brand=y', TO)?.panels).toEqual(['a']);
  });

  it('is none in replay (?at=) or for a page without series', () => {
    expect(firstRead(BOARD, `?at=${TO - 60_000}`, TO)).toBeUndefined();
    expect(firstRead({ ...BOARD, pages: [{ id: 'p', title: 'p', dwell: 1, panels: [] }] } as unknown as BoardView, '', TO)).toBeUndefined();
  });
});
