// Panels' threshold states → one observation per thing measured. Two panels that draw the same
// queries against the same thresholds (a stat and its trend, a panel repeated on an overview page)
// cross together: they are one incident and one notification, not one per panel.
import type { PanelSnapshot } from '../../../shared/api';
import type { Board, Panel } from '../../../shared/config-schema';
import { panelQueries } from '../../../shared/board-queries';
import type { ThresholdObservation } from './types';

/** What decides a panel's threshold state: its brand, queries (with their sources), thresholds and direction. */
function measureKey(board: Board, p: Panel): string {
  const queries = panelQueries(board, p).map((q) => [q.source, q.query]);
  return JSON.stringify([p.brand ?? null, queries, p.thresholds.map((t) => [t.value, t.severity]), p.worse ?? 'above']);
}

/**
 * The refs a threshold incident can have on this board: the first panel of each measure, whatever
 * its data says now. An open threshold incident with another ref (its panel was removed, lost its
 * thresholds, or now shares a measure named by another panel) has nothing left to resolve it.
 */
export function thresholdRefs(board: Board): Set<string> {
  const seen = new Map<string, string>();
  for (const page of board.pages) {
    for (const p of page.panels) {
      if (!p.thresholds.length) continue;
      const key = measureKey(board, p);
      if (!seen.has(key)) seen.set(key, p.id);
    }
  }
  return new Set(seen.values());
}

/**
 * One observation per distinct measure, in board order, for panels with thresholds whose data is
 * current or stale (loading, no data and errors say nothing about a threshold). The first panel on
 * the board names it: its id is the incident's ref, so a board without repeated panels keeps the
 * refs it always had; `alsoPanels` lists the others.
 */
export function thresholdObservations(board: Board, panels: Readonly<Record<string, PanelSnapshot>>): ThresholdObservation[] {
  const byMeasure = new Map<string, ThresholdObservation>();
  for (const page of board.pages) {
    for (const p of page.panels) {
      if (!p.thresholds.length) continue;
      const snap = panels[p.id];
      if (!snap || (snap.state !== 'ok' && snap.state !== 'stale')) continue;
      const key = measureKey(board, p);
      const first = byMeasure.get(key);
      if (first) {
        (first.alsoPanels ??= []).push(p.id);
        continue;
      }
      byMeasure.set(key, {
        panelId: p.id,
        ...(p.brand ? { brand: p.brand } : {}),
        title: p.title ?? p.id,
        severity: snap.thresholdSeverity,
        value: snap.values[0]?.value ?? null,
      });
    }
  }
  return [...byMeasure.values()];
}
