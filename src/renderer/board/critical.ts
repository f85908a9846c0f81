// Which incidents make the wall jump, and to which page.
import type { BoardView } from '../../shared/api';
import type { Incident } from '../../shared/model';
import { PANEL_TYPE_INFO } from '../../shared/panel-types';

/** An incident that should hold the wall: critical, open (not acknowledged), not silenced or snoozed. */
export function isActiveCritical(i: Incident, at: number): boolean {
  return i.severity === 'critical' && i.status === 'open' && !i.silenced && !(i.snoozedUntil !== undefined && i.snoozedUntil > at);
}

/** Active critical incidents not in `seen`, newest first. */
export function newCriticals(incidents: Incident[], seen: ReadonlySet<string>, at: number): Incident[] {
  return incidents
    .filter((i) => isActiveCritical(i, at) && !seen.has(i.id))
    .sort((a, b) => b.openedAt - a.openedAt);
}

/**
 * The page that shows an incident best: the page holding its panel; else the page with the most
 * panels of its brand; else the first page with an alert list.
 */
export function pageForIncident(board: BoardView, incident: Incident): number | undefined {
  if (incident.panelId) {
    const i = board.pages.findIndex((p) => p.panels.some((x) => x.id === incident.panelId));
    if (i >= 0) return i;
  }
  if (incident.brand) {
    let best = -1;
    let bestCount = 0;
    board.pages.forEach((p, i) => {
      const count = p.panels.filter((x) => x.brand === incident.brand || x.filter?.brand === incident.brand).length;
      if (count > bestCount) {
        best = i;
        bestCount = count;
      }
    });
    if (best >= 0) return best;
  }
  const withList = board.pages.findIndex((p) => p.panels.some((x) => PANEL_TYPE_INFO[x.type].data === 'alerts'));
  return withList >= 0 ? withList : undefined;
}
