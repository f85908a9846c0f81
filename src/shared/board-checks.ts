// The board file's cross-field checks, run after its schema: references between sections.
import type { Board } from './config-schema';
import { METRIC_KINDS, answersQueries, sourcesThat } from './board-queries';
import { isQueryPanel } from './panel-types';

/** Cross-field checks zod cannot express per field: references between sections. Each issue has a path. */
export function boardReferenceIssues(board: Board): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const brands = new Set(board.brands.map((b) => b.id));
  const metricSources = new Set(sourcesThat(board, answersQueries).map((s) => s.id));
  const health = new Set(sourcesThat(board, (k) => k.health === 'self').map((s) => s.id));
  const simulatesHealth = sourcesThat(board, (k) => k.health === 'simulated').length > 0;
  const allIds = new Map<string, (string | number)[]>();
  for (const [kind, list] of Object.entries(board.sources)) {
    list.forEach((s, i) => {
      if (allIds.has(s.id)) issues.push({ path: ['sources', kind, i, 'id'], message: `source id "${s.id}" is used twice` });
      allIds.set(s.id, ['sources', kind, i]);
    });
  }
  board.sources.health.forEach((h, i) => {
    if (h.brand && !brands.has(h.brand)) issues.push({ path: ['sources', 'health', i, 'brand'], message: `unknown brand "${h.brand}"; brands are: ${[...brands].join(', ') || '(none)'}` });
  });
  const panelIds = new Set<string>();
  board.pages.forEach((pg, pi) => {
    pg.panels.forEach((p, i) => {
      const at = ['pages', pi, 'panels', i];
      if (panelIds.has(p.id)) issues.push({ path: [...at, 'id'], message: `panel id "${p.id}" is used twice` });
      panelIds.add(p.id);
      if (p.brand && !brands.has(p.brand)) issues.push({ path: [...at, 'brand'], message: `unknown brand "${p.brand}"; brands are: ${[...brands].join(', ') || '(none)'}` });
      if (p.source && !metricSources.has(p.source)) issues.push({ path: [...at, 'source'], message: `unknown metric source "${p.source}"; ${METRIC_KINDS.join('/')} sources are: ${[...metricSources].join(', ') || '(none)'}` });
      const needsQuery = isQueryPanel(p);
      if (needsQuery && !p.query && !p.queries?.length) issues.push({ path: at, message: `a ${p.type} panel needs a "query"` });
      if (needsQuery && metricSources.size === 0) issues.push({ path: at, message: `a query panel needs a ${METRIC_KINDS.join(' or ')} source under "sources"` });
      if (needsQuery && !p.source && metricSources.size > 1) issues.push({ path: at, message: `several metric sources exist; name one with "source:" (${[...metricSources].join(', ')})` });
      const queryCount = (p.query ? 1 : 0) + (p.queries?.length ?? 0);
      (p.overrides ?? []).forEach((o, oi) => {
        if (o.query !== undefined && o.query >= queryCount) issues.push({ path: [...at, 'overrides', oi, 'query'], message: `query ${o.query} does not exist: this panel has ${queryCount} (0 = "query", 1 = queries[0], …)` });
      });
      if (p.rightAxis !== undefined && !(p.overrides ?? []).some((o) => o.axis === 'right')) issues.push({ path: [...at, 'rightAxis'], message: 'no series is on the right axis: put some there with overrides: [{match: …, axis: right}]' });
      if (p.mappings !== undefined && !needsQuery) issues.push({ path: [...at, 'mappings'], message: 'value mappings apply to stat, gauge and timeseries panels' });
      (p.targets ?? []).forEach((t, ti) => {
        // why: a source that simulates health targets (demo) reports ones the board does not list
        if (!health.has(t) && !simulatesHealth) issues.push({ path: [...at, 'targets', ti], message: `unknown health target "${t}"; health sources are: ${[...health].join(', ') || '(none)'}` });
      });
    });
  });
  const pageIds = new Set(board.pages.map((p) => p.id));
  for (const [display, list] of Object.entries(board.kiosk?.pages ?? {})) {
    list.forEach((pid, i) => {
      if (!pageIds.has(pid)) issues.push({ path: ['kiosk', 'pages', display, i], message: `unknown page "${pid}"; pages are: ${[...pageIds].join(', ')}` });
    });
  }
  return issues;
}
