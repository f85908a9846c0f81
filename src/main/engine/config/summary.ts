import type { Board } from '../../../shared/config-schema';

/** One line: what the board holds. */
export function summarize(board: Board): string {
  const panels = board.pages.reduce((n, p) => n + p.panels.length, 0);
  const sources = Object.values(board.sources).reduce((n, l) => n + l.length, 0);
  return `"${board.title}": ${board.pages.length} pages, ${panels} panels, ${board.brands.length} brands, ${sources} sources`;
}
