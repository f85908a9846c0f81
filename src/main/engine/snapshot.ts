// snapshot(at): what the wall shows at `at` — panel states and values, health, alerts, silences,
// sources — read from the store only, so replay at T shows what live showed at T.
import type { Snapshot } from '../../shared/api';
import type { Board } from '../../shared/config-schema';
import { sourcesThat } from '../../shared/board-queries';
import type { SourceStatus } from '../../shared/model';
import { DEFAULT_INTERVAL_MS, panelSnapshot, type PanelContext } from './read/panel-state';
import type { Store } from './store/types';

export interface SnapshotOptions {
  live: boolean;
  /** source id → poll interval (ms) */
  intervals: Map<string, number>;
}

export function snapshotAt(store: Store, board: Board, at: number, opts: SnapshotOptions): Omit<Snapshot, 'incidents'> {
  const sources = sourcesAt(store, board, at, opts.intervals);
  const polled = new Map<string, { up: boolean }>();
  for (const s of sources) if (s.lastAttempt !== undefined) polled.set(s.sourceId, { up: s.state !== 'down' });
  const ctx: PanelContext = { store, board, at, intervals: opts.intervals, polled, health: store.healthAt(at) };
  const panels: Snapshot['panels'] = {};
  for (const page of board.pages) for (const p of page.panels) panels[p.id] = panelSnapshot(ctx, p);
  return {
    at,
    live: opts.live,
    panels,
    health: ctx.health,
    alerts: store.alertsAt(at),
    silences: store.silencesAt(at),
    sources,
  };
}

/** Every source the store has polled plus every configured source not polled yet (stale, no data). */
export function sourcesAt(store: Store, board: Board, at: number, intervals: Map<string, number>): SourceStatus[] {
  const out: SourceStatus[] = [];
  const seen = new Set<string>();
  for (const s of store.sourceStatusAt(at)) {
    seen.add(s.sourceId);
    const intervalMs = intervals.get(s.sourceId) ?? DEFAULT_INTERVAL_MS;
    const dataAgeMs = s.lastSuccess !== undefined ? Math.max(0, at - s.lastSuccess) : undefined;
    const state: SourceStatus['state'] =
      s.reason !== undefined ? 'down' : dataAgeMs === undefined || dataAgeMs > 2 * intervalMs ? 'stale' : 'ok';
    out.push({ ...s, state, intervalMs, ...(dataAgeMs !== undefined ? { dataAgeMs } : {}) });
  }
  for (const c of sourcesThat(board, () => true)) {
    if (seen.has(c.id)) continue;
    out.push({ sourceId: c.id, kind: c.kind, state: 'stale', intervalMs: intervals.get(c.id) ?? c.interval });
  }
  return out;
}
