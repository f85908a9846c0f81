import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { panel as panelSchema, type Panel } from '../../../src/shared/config-schema';
import { PANEL_TYPES } from '../../../src/shared/panel-types';
import { COLUMNS, layoutPanels, layoutRows } from '../../../src/shared/view/grid';

const mk = (id: string, type: Panel['type'], grid?: Panel['grid']): Panel =>
  panelSchema.parse({ id, type, ...(type === 'text' ? {} : { query: 'up' }), ...(grid ? { grid } : {}) });

function overlaps(a: { x: number; y: number; w: number; h: number }, b: typeof a): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('grid layout', () => {
  it('keeps explicit grid positions', () => {
    const cells = layoutPanels([mk('a', 'stat', { x: 2, y: 1, w: 6, h: 3 })]);
    expect(cells.get('a')).toEqual({ x: 2, y: 1, w: 6, h: 3 });
  });

  it('puts auto panels below explicit ones, in full-width rows without holes', () => {
    const cells = layoutPanels([mk('g', 'timeseries', { x: 0, y: 0, w: 24, h: 6 }), mk('s1', 'stat'), mk('s2', 'stat'), mk('t', 'timeseries')]);
    expect(cells.get('s1')?.y).toBe(6);
    const row = ['s1', 's2', 't'].map((id) => cells.get(id));
    expect(row.every((c) => c?.y === 6 && c.h === 8)).toBe(true);
    expect(row.reduce((sum, c) => sum + (c?.w ?? 0), 0)).toBe(COLUMNS);
    expect(layoutRows(cells)).toBe(14);
  });

  it('never overlaps and never exceeds 24 columns for any mix of auto panels', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PANEL_TYPES), { minLength: 1, maxLength: 40 }), (types) => {
        const panels = types.map((t, i) => mk(`p${i}`, t));
        const cells = [...layoutPanels(panels).values()];
        expect(cells).toHaveLength(panels.length);
        for (const c of cells) expect(c.x + c.w).toBeLessThanOrEqual(COLUMNS);
        for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) expect(overlaps(cells[i]!, cells[j]!)).toBe(false);
        // each row band is filled edge to edge
        const byRow = new Map<number, number>();
        for (const c of cells) byRow.set(c.y, (byRow.get(c.y) ?? 0) + c.w);
        for (const w of byRow.values()) expect(w).toBe(COLUMNS);
      }),
    );
  });

  it('ignores the board grid when asked to (brand filter)', () => {
    const cells = layoutPanels([mk('a', 'stat', { x: 10, y: 5, w: 2, h: 2 })], true);
    expect(cells.get('a')).toEqual({ x: 0, y: 0, w: 24, h: 4 });
  });
});

import { tileColumns } from '../../../src/renderer/panels/health/tile-grid';

describe('health tile grid', () => {
  it('lays few targets in a tall box in one column and many in a wide box in several', () => {
    expect(tileColumns(3, 300, 600)).toBe(1);
    expect(tileColumns(4, 1200, 150)).toBe(4);
    expect(tileColumns(8, 1600, 200)).toBe(4);
  });

  it('never asks for more columns than targets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 3000 }), (n, w, h) => {
        const c = tileColumns(n, w, h);
        expect(c).toBeGreaterThanOrEqual(1);
        expect(c).toBeLessThanOrEqual(n);
      }),
    );
  });
});
