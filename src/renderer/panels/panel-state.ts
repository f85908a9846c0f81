// The state a panel shows. Query panels take it from the engine's PanelSnapshot; list panels
// (health, alerts) from the sources that feed them, so a dead Alertmanager never looks like "no alerts".
import type { BoardView, PanelSnapshot, Snapshot } from '../../shared/api';
import type { Panel } from '../../shared/config-schema';
import type { PanelState, SourceStatus } from '../../shared/model';
import { formatAge } from '../../shared/duration';
import { PANEL_TYPE_INFO } from '../../shared/panel-types';
import { SOURCE_KINDS } from '../../shared/source-kinds';

export interface DisplayState {
  state: PanelState;
  reason?: string;
  /** ms */
  ageMs?: number;
}

function feedingSources(board: BoardView, panel: Panel, sources: SourceStatus[]): SourceStatus[] {
  const shows = PANEL_TYPE_INFO[panel.type].data;
  if (shows === 'alerts') {
    return sources.filter((s) => SOURCE_KINDS[s.kind].alerts && (!panel.filter?.source || s.sourceId === panel.filter.source));
  }
  if (shows === 'health') {
    const targets = new Set(panel.targets ?? board.healthTargets.map((t) => t.id));
    return sources.filter((s) => SOURCE_KINDS[s.kind].health === 'self' && targets.has(s.sourceId));
  }
  return [];
}

export function panelDisplayState(
  board: BoardView | null,
  panel: Panel,
  ps: PanelSnapshot | undefined,
  snapshot: Snapshot | null,
): DisplayState {
  const shows = PANEL_TYPE_INFO[panel.type].data;
  if (shows === 'none') return { state: 'ok' };
  const fromPanel: DisplayState | undefined = ps
    ? {
        state: ps.state,
        ...(ps.reason !== undefined ? { reason: ps.reason } : {}),
        ...(ps.dataAgeMs !== undefined ? { ageMs: ps.dataAgeMs } : {}),
      }
    : undefined;
  if ((shows === 'alerts' || shows === 'health') && board && snapshot) {
    // why: a list fed by a dead source must not look live, whatever the panel snapshot says
    const feeding = feedingSources(board, panel, snapshot.sources);
    const bad = feeding.filter((s) => s.state !== 'ok');
    const worst = bad.find((s) => s.state === 'down') ?? bad[0];
    if (worst && (!fromPanel || fromPanel.state === 'ok' || fromPanel.state === 'nodata')) {
      return {
        state: 'stale',
        reason: `${worst.sourceId}: ${worst.reason ?? worst.state}`,
        ...(worst.dataAgeMs !== undefined ? { ageMs: worst.dataAgeMs } : worst.lastSuccess !== undefined ? { ageMs: snapshot.at - worst.lastSuccess } : {}),
      };
    }
    return fromPanel ?? { state: 'ok' };
  }
  if (fromPanel) return fromPanel;
  if (!snapshot || !board) return { state: 'loading' };
  return { state: 'nodata' };
}

/** "data 3m old" for stale panels. */
export function staleLabel(ageMs: number | undefined): string {
  return ageMs === undefined ? 'data old' : `data ${formatAge(ageMs)} old`;
}
