// Runs the streaming detectors on every new sample of every panel series that has detection on,
// and keeps the scores as series of their own in the buffer (query `anomaly:<query>`, same labels),
// so charts, snapshots and replay read anomaly scores exactly like any other data.
import { isQueryPanel } from '../../shared/panel-types';
import type { Board, DetectSettings, Panel } from '../../shared/config-schema';
import { panelQueries } from '../../shared/board-queries';
import type { AnomalyPoint, Labels, SeriesSamples } from '../../shared/model';
import { seriesKey } from '../../shared/model';
import { createDetector, type Detector } from './detect/index';
import type { Store } from './store/types';

export const ANOMALY_PREFIX = 'anomaly:';
/** Scores below this are not sent to charts (most samples score ~0). */
const BAND_FLOOR = 0.3;
/**
 * ms of buffered history each detector replays when a wall starts or its board changes, so a
 * restarted wall flags at once: two days covers the daily profile (one full day) and the rarity
 * memory (4,000 samples: 17 h at 15 s), and bounds the replay however long the retention.
 */
export const DETECT_HISTORY_MS = 2 * 86_400_000;

export interface FlaggedAnomaly {
  key: string;
  panelId: string;
  score: number;
  flagged: boolean;
  explanation?: string;
  t: number;
}

interface Tracked {
  detector: Detector;
  lastT: number;
  panelId: string;
  latest?: FlaggedAnomaly;
}

export function anomalyQuery(query: string): string {
  return ANOMALY_PREFIX + query;
}

/** The effective detect settings of a panel: its own, else the board's; only metric panels. */
function settingsFor(board: Board, panel: Panel): Exclude<DetectSettings, false> | undefined {
  if (!isQueryPanel(panel)) return undefined;
  const s = panel.detect ?? board.detect;
  return s === false ? undefined : s;
}

export class Detection {
  private readonly tracked = new Map<string, Tracked>();
  /** `source|query` → panel and settings, rebuilt on every board change. */
  private routes = new Map<string, { panelId: string; settings: Exclude<DetectSettings, false> }>();

  constructor(private readonly store: Store) {}

  /** Applies a (new) board and rebuilds detector state from the buffer, so a restart forgets nothing. */
  setBoard(board: Board, now: number): void {
    this.routes.clear();
    this.tracked.clear();
    for (const page of board.pages) {
      for (const panel of page.panels) {
        const settings = settingsFor(board, panel);
        if (!settings) continue;
        for (const q of panelQueries(board, panel)) this.routes.set(`${q.source}|${q.query}`, { panelId: panel.id, settings });
      }
    }
    for (const [route, { panelId }] of this.routes) {
      const sep = route.indexOf('|');
      for (const series of this.store.seriesFor(route.slice(0, sep), route.slice(sep + 1))) {
        const tracked = this.track(series.key, route, panelId);
        if (!tracked) continue;
        const r = this.store.range(series.id, now - Math.min(board.retention, DETECT_HISTORY_MS), now);
        for (let i = 0; i < r.ts.length; i++) this.feed(tracked, series.key, r.ts[i] as number, r.values[i] as number);
      }
    }
  }

  /**
   * Scores the new samples of a poll and returns the score series to write in the same
   * transaction, plus the anomalies whose flagged state changed (for the incident model).
   */
  score(samples: SeriesSamples[]): { scores: SeriesSamples[]; changed: FlaggedAnomaly[] } {
    const scores: SeriesSamples[] = [];
    const changed: FlaggedAnomaly[] = [];
    for (const s of samples) {
      const route = `${s.source}|${s.query}`;
      const r = this.routes.get(route);
      if (!r) continue;
      const tracked = this.tracked.get(s.key) ?? this.track(s.key, route, r.panelId);
      if (!tracked) continue;
      const wasFlagged = tracked.latest?.flagged ?? false;
      const ts: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < s.ts.length; i++) {
        const t = s.ts[i] as number;
        const res = this.feed(tracked, s.key, t, s.values[i] as number);
        if (res) {
          ts.push(t);
          values.push(res.score);
        }
      }
      if (!ts.length) continue;
      const query = anomalyQuery(s.query);
      scores.push({ key: seriesKey(s.source, query, s.labels), source: s.source, query, labels: s.labels, ts, values });
      if (tracked.latest && tracked.latest.flagged !== wasFlagged) changed.push(tracked.latest);
    }
    return { scores, changed };
  }

  /** The newest result of a series (live snapshot: score and explanation). */
  latest(key: string): FlaggedAnomaly | undefined {
    return this.tracked.get(key)?.latest;
  }

  private track(key: string, route: string, panelId: string): Tracked | undefined {
    const r = this.routes.get(route);
    if (!r) return undefined;
    const t: Tracked = { detector: createDetector(r.settings), lastT: -Infinity, panelId };
    this.tracked.set(key, t);
    return t;
  }

  private feed(tracked: Tracked, key: string, t: number, v: number): { score: number } | undefined {
    // why: detectors are streaming; a late (backfilled) sample older than what they saw is skipped
    if (t <= tracked.lastT) return undefined;
    tracked.lastT = t;
    const res = tracked.detector.update(t, v);
    tracked.latest = {
      key,
      panelId: tracked.panelId,
      score: res.score,
      flagged: res.flagged,
      t,
      ...(res.explanation ? { explanation: res.explanation } : {}),
    };
    return res;
  }
}

/** Anomaly points of the given series over [from, to], for chart bands (scores ≥ BAND_FLOOR only). */
export function anomalyPoints(store: Store, series: { key: string; query: string; labels: Labels }[], from: number, to: number): Record<string, AnomalyPoint[]> {
  const out: Record<string, AnomalyPoint[]> = {};
  for (const s of series) {
    const src = s.key.slice(0, s.key.indexOf('|')); // why: ids cannot contain '|', so the key's first field is the source
    const wanted = seriesKey(src, anomalyQuery(s.query), s.labels);
    const scored = store.seriesFor(src, anomalyQuery(s.query)).find((x) => x.key === wanted);
    if (!scored) continue;
    const r = store.range(scored.id, from, to);
    const points: AnomalyPoint[] = [];
    for (let i = 0; i < r.ts.length; i++) {
      const score = r.values[i] as number;
      if (score >= BAND_FLOOR) points.push({ t: r.ts[i] as number, score });
    }
    if (points.length) out[s.key] = points;
  }
  return out;
}
