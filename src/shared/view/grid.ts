// Placement of panels on the 24-column grid: the board file's `grid` when given, else auto layout.
import type { Panel } from '../config-schema';
import { PANEL_TYPE_INFO } from '../panel-types';

export const COLUMNS = 24;

export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Default size of a panel, in grid units (each type's own, see panel-types.ts). */
const defaultSize = (p: Panel): { w: number; h: number } => PANEL_TYPE_INFO[p.type].size;

/**
 * Places every panel. Panels with `grid` keep it; the rest flow below them in rows that are
 * stretched to the full width and share one height, so auto layout leaves no holes.
 */
export function layoutPanels(panels: Panel[], ignoreGrid = false): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  let bottom = 0;
  const auto: Panel[] = [];
  for (const p of panels) {
    if (p.grid && !ignoreGrid) {
      const w = Math.min(p.grid.w, COLUMNS - p.grid.x);
      cells.set(p.id, { x: p.grid.x, y: p.grid.y, w, h: p.grid.h });
      bottom = Math.max(bottom, p.grid.y + p.grid.h);
    } else {
      auto.push(p);
    }
  }
  let row: Panel[] = [];
  let used = 0;
  const flushRow = (): void => {
    if (row.length === 0) return;
    const h = Math.max(...row.map((p) => defaultSize(p).h));
    // why: stretch the row to 24 columns in proportion to each panel's default width
    let x = 0;
    row.forEach((p, i) => {
      const w = i === row.length - 1 ? COLUMNS - x : Math.max(1, Math.round((defaultSize(p).w / used) * COLUMNS));
      cells.set(p.id, { x, y: bottom, w, h });
      x += w;
    });
    bottom += h;
    row = [];
    used = 0;
  };
  for (const p of auto) {
    const w = defaultSize(p).w;
    if (used + w > COLUMNS) flushRow();
    row.push(p);
    used += w;
  }
  flushRow();
  return cells;
}

/** Number of grid rows the layout uses (the grid divides the screen height by this). */
export function layoutRows(cells: Map<string, Cell>): number {
  let rows = 1;
  for (const c of cells.values()) rows = Math.max(rows, c.y + c.h);
  return rows;
}
