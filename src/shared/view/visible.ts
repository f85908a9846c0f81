// Which panels are on screen: the current page, narrowed by the brand filter.
import type { BoardView } from '../api';
import type { Panel } from '../config-schema';
import { isQueryPanel } from '../panel-types';


/** Panels of a page; with a brand filter, that brand's panels and the unbranded (shared) ones. */
export function visiblePanels(board: BoardView | null, pageIndex: number, brandFilter: string | null): Panel[] {
  const page = board?.pages[pageIndex] ?? board?.pages[0];
  if (!page) return [];
  if (!brandFilter) return page.panels;
  return page.panels.filter((p) => (p.brand ?? p.filter?.brand ?? brandFilter) === brandFilter);
}

export function seriesPanelIds(panels: Panel[]): string[] {
  return panels.filter(isQueryPanel).map((p) => p.id);
}
