// What a loaded board asks of its sources: the sources of a kind, and the queries each panel draws.
import type { Board, Panel } from './config-schema';
import type { SourceConfigBase } from './source-schemas';
import { SOURCE_KINDS, SOURCE_KIND_NAMES, type SourceKind, type SourceKindInfo } from './source-kinds';

/** Every query a panel draws, with the Prometheus (or demo) source that answers it. */
export interface PanelQuery {
  panelId: string;
  source: string;
  query: string;
  legend?: string;
}

/** A source the board lists, with its kind. */
export interface BoardSource {
  id: string;
  kind: SourceKind;
  /** ms */
  interval: number;
}

/** The board's sources whose kind passes `test` (see source-kinds.ts), in board-file order. */
export function sourcesThat(board: Board, test: (k: SourceKindInfo) => boolean): BoardSource[] {
  return SOURCE_KIND_NAMES.filter((k) => test(SOURCE_KINDS[k])).flatMap((kind) => {
    const list: readonly SourceConfigBase[] = board.sources[kind];
    return list.map((s) => ({ id: s.id, kind, interval: s.interval }));
  });
}

export const answersQueries = (k: SourceKindInfo): boolean => k.metrics;

/** The source that answers a panel naming none: the first source (in board order) that answers queries. */
export function defaultQuerySource(sources: readonly { id: string; kind: SourceKind }[]): string | undefined {
  return sources.find((s) => answersQueries(SOURCE_KINDS[s.kind]))?.id;
}
export const METRIC_KINDS = SOURCE_KIND_NAMES.filter((k) => SOURCE_KINDS[k].metrics);

const queriesOf = new WeakMap<Board, WeakMap<Panel, readonly PanelQuery[]>>();

/** The queries of one panel; the source defaults to the only metric source when the panel names none.
 *  Built once per board and panel object (boards are never changed in place: a reload parses a new
 *  one); why: snapshot(at) asks for every panel's queries twice per call. */
export function panelQueries(board: Board, p: Panel): readonly PanelQuery[] {
  let perPanel = queriesOf.get(board);
  if (!perPanel) queriesOf.set(board, (perPanel = new WeakMap()));
  let out = perPanel.get(p);
  if (!out) perPanel.set(p, (out = buildPanelQueries(board, p)));
  return out;
}

function buildPanelQueries(board: Board, p: Panel): PanelQuery[] {
  const source = p.source ?? defaultQuerySource(sourcesThat(board, () => true));
  if (source === undefined) return [];
  const out: PanelQuery[] = [];
  if (p.query) out.push({ panelId: p.id, source, query: p.query, ...(p.legend ? { legend: p.legend } : {}) });
  for (const q of p.queries ?? []) {
    out.push({ panelId: p.id, source, query: q.query, ...(q.legend ? { legend: q.legend } : {}) });
  }
  return out;
}
