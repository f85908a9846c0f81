// The state of one panel at time `at`, read from the store: values, ok / nodata / stale / error /
// loading, threshold crossed and yesterday's value.
import type { PanelSnapshot } from '../../../shared/api';
import type { Board, Panel } from '../../../shared/config-schema';
import { panelQueries } from '../../../shared/board-queries';
import type { HealthResult } from '../../../shared/model';
import { crossedSeverity } from '../../../shared/threshold-severity';
import type { Store } from '../store/types';
import { PANEL_TYPE_INFO } from '../../../shared/panel-types';
import { storedSeriesName } from './series-name';

export const DEFAULT_INTERVAL_MS = 15_000;
const DAY_MS = 86_400_000;

export interface PanelContext {
  store: Store;
  board: Board;
  at: number;
  intervals: Map<string, number>;
  /** Sources polled at least once by `at`, with whether their newest poll succeeded. */
  polled: Map<string, { up: boolean }>;
  health: HealthResult[];
}


export function panelSnapshot(ctx: PanelContext, panel: Panel): PanelSnapshot {
  const shows = PANEL_TYPE_INFO[panel.type].data;
  if (shows === 'health') {
    const wanted = panel.targets ? new Set(panel.targets) : undefined;
    const mine = ctx.health.filter((h) => (wanted ? wanted.has(h.targetId) : !panel.brand || h.brand === panel.brand));
    return { panelId: panel.id, state: mine.length ? 'ok' : 'nodata', values: [] };
  }
  if (shows !== 'query') return { panelId: panel.id, state: 'ok', values: [] };
  return metricSnapshot(ctx, panel);
}

function metricSnapshot(ctx: PanelContext, panel: Panel): PanelSnapshot {
  const { store, at } = ctx;
  const queries = panelQueries(ctx.board, panel);
  const base = { panelId: panel.id, values: [] as PanelSnapshot['values'] };
  if (queries.length === 0) return { ...base, state: 'nodata', reason: 'no metric source' };

  const values: PanelSnapshot['values'] = [];
  const ids: number[] = [];
  let error: string | undefined;
  let newest = -Infinity;
  let interval = 0; // ms: the slowest source of the panel
  for (const q of queries) {
    const every = ctx.intervals.get(q.source) ?? DEFAULT_INTERVAL_MS;
    interval = Math.max(interval, every);
    const outcome = store.queryOutcomeAt(q.source, q.query, at);
    // why: when the source itself is down, that is a pipeline problem shown as stale data, not a query error
    if (outcome && !outcome.ok && ctx.polled.get(q.source)?.up) error ??= outcome.reason ?? 'error';
    const latest = store
      .seriesFor(q.source, q.query)
      .map((s) => ({ s, l: store.latest(s.id, at) }))
      .filter((e): e is { s: (typeof e)['s']; l: { t: number; v: number } } => e.l !== undefined);
    // why: series that vanished from the query's answer are not current values
    let ref = outcome?.ok ? outcome.at : -Infinity;
    for (const e of latest) ref = Math.max(ref, e.l.t);
    for (const e of latest) {
      if (e.l.t < ref - 2 * every) continue;
      values.push({ key: e.s.key, name: storedSeriesName(e.s, q.legend, panel.title), value: Number.isFinite(e.l.v) ? e.l.v : null, t: e.l.t });
      ids.push(e.s.id);
      newest = Math.max(newest, e.l.t);
    }
  }
  if (error !== undefined) return { ...base, values, state: 'error', reason: error };
  // why: backfilled history predates the first poll; only a panel with nothing to show is still loading
  if (values.length === 0) return { ...base, state: queries.some((q) => !ctx.polled.has(q.source)) ? 'loading' : 'nodata' };

  const dataAgeMs = Math.max(0, at - newest);
  const headline = values[0]?.value ?? null;
  const out: PanelSnapshot = { ...base, values, state: dataAgeMs > 2 * interval ? 'stale' : 'ok', dataAgeMs };
  const severity = crossedSeverity(headline, panel.thresholds, panel.worse);
  if (severity) out.thresholdSeverity = severity;
  const headId = ids[0];
  if (headId !== undefined) {
    const y = store.latest(headId, at - DAY_MS);
    if (y && y.t >= at - DAY_MS - 2 * interval) out.yesterday = Number.isFinite(y.v) ? y.v : null;
  }
  return out;
}
