// How many points per series to ask the engine for: what the widest chart on screen can show.
import type { BoardView } from '../api';
import { COLUMNS, layoutPanels } from './grid';
import { visiblePanels } from './visible';

const MIN_POINTS = 200;
const MAX_POINTS = 2_000;

/**
 * Points per series for a query of `ids` on the current page: 2 per CSS px of the widest of those
 * panels' grid cells (`viewportPx` wide screen). The engine keeps each of its buckets' min and max,
 * so 2 per px gives every 2 px column the charts draw at least one whole engine bucket (no false
 * gaps) while a 24 h window of 15 s samples arrives in a quarter of the bytes a screen-wide
 * request would take on an 8-column wall. Falls back to the screen width for panels not on the page.
 */
export function chartPoints(board: BoardView | null, pageIndex: number, brandFilter: string | null, ids: readonly string[], viewportPx: number): number {
  const cells = layoutPanels(visiblePanels(board, pageIndex, brandFilter), brandFilter !== null);
  let widest = 0; // grid columns
  for (const id of ids) {
    const c = cells.get(id);
    if (!c) return clamp(viewportPx);
    widest = Math.max(widest, c.w);
  }
  return clamp(widest > 0 ? (2 * widest * viewportPx) / COLUMNS : viewportPx);
}

function clamp(points: number): number {
  return Math.max(MIN_POINTS, Math.min(MAX_POINTS, Math.round(points)));
}
