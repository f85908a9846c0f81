// What a wall opened at an address reads first: the series panels of the page it shows first, over
// its chart window, at the points its widest chart shows on a standard wall. serve inlines that
// read into the page (src/main/server/boot-page.ts) so the first paint needs no round trip; the
// wall takes it only when it wants no more than that (src/renderer/store/series-reads.ts).
import type { BoardView, QueryRequest } from '../api-types';
import { chartPoints } from './chart-points';
import { onlyPages } from './page-filter';
import { DEFAULT_WINDOW_MS, parseUrlOptions } from './url-options';
import { seriesPanelIds, visiblePanels } from './visible';

/** CSS px: the width a wall's first read is inlined for (a 1920×1080 screen); a wider one asks for more. */
export const BOOT_VIEWPORT_PX = 1920;

/**
 * The query a wall opened at `search` (the page address's `?…`) makes first, ending at `to` (unix
 * ms, the live snapshot's time); undefined when it starts in replay (`?at=`) or shows no series.
 */
export function firstRead(board: BoardView, search: string, to: number): QueryRequest | undefined {
  const o = parseUrlOptions(search);
  if (o.at !== undefined || board.recording) return undefined;
  const shown = onlyPages(board, o.pages ?? null);
  const index = Math.max(0, o.page ? shown.pages.findIndex((p) => p.id === o.page) : 0);
  const brand = o.brand ?? null;
  const panels = seriesPanelIds(visiblePanels(shown, index, brand));
  if (panels.length === 0) return undefined;
  const windowMs = o.windowMs ?? DEFAULT_WINDOW_MS;
  return { panels, from: to - windowMs, to, maxPoints: chartPoints(shown, index, brand, panels, BOOT_VIEWPORT_PX) };
}
