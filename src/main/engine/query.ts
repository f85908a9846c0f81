// query({panels, from, to, maxPoints}): columnar series per panel, read from the store only, so
// live and replay are the same call.
import type { QueryRequest, QueryResult } from '../../shared/api';
import type { Board } from '../../shared/config-schema';
import { panelQueries } from '../../shared/board-queries';
import type { SeriesData } from '../../shared/model';
import { alignColumns, type Column } from './read/align';
import { panelsById } from './read/panels';
import { storedSeriesName } from './read/series-name';
import type { Store } from './store/types';

export function queryPanels(store: Store, board: Board, req: QueryRequest): QueryResult {
  const panels = panelsById(board);
  const out: SeriesData[] = [];
  for (const panelId of req.panels) {
    const panel = panels.get(panelId);
    if (!panel) continue;
    const series: SeriesData['series'] = [];
    const cols: Column[] = [];
    const errors: SeriesData['errors'] = [];
    for (const pq of panelQueries(board, panel)) {
      for (const s of store.seriesFor(pq.source, pq.query)) {
        const r = store.range(s.id, req.from, req.to);
        if (r.ts.length === 0) continue;
        series.push({ key: s.key, query: s.query, labels: s.labels, name: storedSeriesName(s, pq.legend, panel.title) });
        cols.push({ ts: r.ts, values: r.values });
      }
      const outcome = store.queryOutcomeAt(pq.source, pq.query, req.to);
      if (outcome && !outcome.ok) errors.push({ query: pq.query, reason: outcome.reason ?? 'error' });
    }
    const aligned = alignColumns(cols, req.maxPoints);
    out.push({ panelId, x: aligned.x.map((t) => t / 1000), series, y: aligned.y, errors });
  }
  return { from: req.from, to: req.to, panels: out };
}
