// The board as a renderer may see it: secrets (headers, tokens, URLs with credentials) never cross.
import type { BoardView, ConfigErrorView } from '../../shared/api';
import type { Board } from '../../shared/config-schema';
import { sourcesThat } from '../../shared/board-queries';

/** Demo health targets are simulated by the demo source; real ones are health sources. */
export function toBoardView(board: Board, version: number, configError: ConfigErrorView | undefined, demoTargets: BoardView['healthTargets'] = []): BoardView {
  const s = board.sources;
  return {
    title: board.title,
    theme: board.theme,
    ...(board.timezone ? { timezone: board.timezone } : {}),
    retentionMs: board.retention,
    brands: board.brands,
    pages: board.pages,
    sources: sourcesThat(board, () => true).map((x) => ({ id: x.id, kind: x.kind, intervalMs: x.interval })),
    healthTargets: [
      ...s.health.map((h) => ({ id: h.id, name: h.name ?? h.id, ...(h.brand ? { brand: h.brand } : {}) })),
      ...demoTargets,
    ],
    ...(configError ? { configError } : {}),
    version,
  };
}
