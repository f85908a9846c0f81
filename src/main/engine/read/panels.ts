// Looking up panels of a board by id.
import type { Board, Panel } from '../../../shared/config-schema';

const cache = new WeakMap<Board, Map<string, Panel>>();

/** Every panel of every page by id; built once per board object. */
export function panelsById(board: Board): Map<string, Panel> {
  let map = cache.get(board);
  if (!map) {
    map = new Map();
    for (const page of board.pages) for (const p of page.panels) map.set(p.id, p);
    cache.set(board, map);
  }
  return map;
}

