// Panels' threshold states → one observation per thing measured. Two panels that draw the same
// queries against the same thresholds (a stat and its trend, a panel repeated on an overview page)
// cross together: they are one incident and one notification, not one per panel.
import type { PanelSnapshot } from '../../../shared/api';
import type { Board, Panel } from '../../../shared/config-schema';
import { panelQueries } from '../../../shared/board-queries';
import type { ThresholdObservation } from './types';

/** Panels with the same queries and thresholds, in board order; the first one's id names the measure. */
interface Measure {
  ref: string;
  panels: readonly Panel[];
}

/** What decides a panel's threshold state: its brand, queries (with their sources), thresholds and direction. */
function measureKey(board: Board, p: Panel): string {
  const queries = panelQueries(board, p).map((q) => [q.source, q.query]);
  return JSON.stringify([p.brand ?? null, queries, p.thresholds.map((t) => [t.value, t.severity]), p.worse ?? 'above']);
}

const measuresOf = new WeakMap<Board, readonly Measure[]>();

/**
 * The board's threshold measures, built once per board object (a reload parses a new one): every
 * poll asks for them twice, for its observations and for the refs of the incidents to keep.
 */
function thresholdMeasures(board: Board): readonly Measure[] {
  const known = measuresOf.get(board);
  if (known) return known;
  const byKey = new Map<string, Panel[]>();
  for (const page of board.pages) {
    for (const p of page.panels) {
      if (!p.thresholds.length) continue;
      const key = measureKey(board, p);
      const panels = byKey.get(key);
      if (panels) panels.push(p);
      else byKey.set(key, [p]);
    }
  }
  const measures = [...byKey.values()].map((panels) => ({ ref: (panels[0] as Panel).id, panels }));
  measuresOf.set(board, measures);
  return measures;
}

/**
 * The refs a threshold incident can have on this board: one per measure, whatever its data says
 * now. An open threshold incident with another ref (its panel was removed, lost its thresholds,
 * or now shares a measure named by another panel) has nothing left to resolve it.
 */
export function thresholdRefs(board: Board): Set<string> {
  return new Set(thresholdMeasures(board).map((m) => m.ref));
}

/**
 * One observation per measure, in board order, read from its first panel whose data is current or
 * stale (loading, no data and errors say nothing about a threshold). The measure's first panel on
 * the board names it, whatever state it is in: its id is the incident's ref (so a board without
 * repeated panels keeps the refs it always had, and the ref never moves with a panel's state);
 * `alsoPanels` lists the others.
 */
export function thresholdObservations(board: Board, panels: Readonly<Record<string, PanelSnapshot>>): ThresholdObservation[] {
  const out: ThresholdObservation[] = [];
  for (const { ref, panels: members } of thresholdMeasures(board)) {
    const snap = members.map((p) => panels[p.id]).find((s) => s !== undefined && (s.state === 'ok' || s.state === 'stale'));
    if (!snap) continue;
    const head = members[0] as Panel;
    out.push({
      panelId: ref,
      ...(members.length > 1 ? { alsoPanels: members.slice(1).map((p) => p.id) } : {}),
      ...(head.brand ? { brand: head.brand } : {}),
      title: head.title ?? head.id,
      severity: snap.thresholdSeverity,
      value: snap.values[0]?.value ?? null,
    });
  }
  return out;
}
