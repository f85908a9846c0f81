// A kiosk display may rotate through its own pages (`kiosk.pages` in the board → `?pages=a,b`).
import type { BoardView } from '../api';

/** The board with only the listed pages, in the board's order; the whole board when none of them exists. */
export function onlyPages(board: BoardView, ids: readonly string[] | null): BoardView {
  if (!ids || ids.length === 0) return board;
  const want = new Set(ids);
  const pages = board.pages.filter((p) => want.has(p.id));
  return pages.length ? { ...board, pages } : board;
}
