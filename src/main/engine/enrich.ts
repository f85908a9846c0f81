// Adds what detection knows to a snapshot: the anomaly marker of each metric panel and, for panels
// with thresholds or a `forecast`, the forecast "time to threshold" from the recent trend.
import type { PanelSnapshot, Snapshot } from '../../shared/api';
import type { Board, Panel } from '../../shared/config-schema';
import { panelQueries } from '../../shared/board-queries';
import { queryKey } from '../../shared/model';
import { anomalyQuery, type Detection } from './detection';
import { forecastTimeToThreshold } from './detect/index';
import { nextThreshold } from '../../shared/threshold-severity';
import type { Store } from './store/types';

const FORECAST_WINDOW_MS = 3_600_000; // ms of history the trend is fitted on
const FORECAST_HORIZON_MS = 6 * FORECAST_WINDOW_MS; // ms: the farthest a forecast reaches
const MARK_FROM = 0.5; // score from which a stat panel shows its marker

export function enrichPanels(snapshot: Omit<Snapshot, 'incidents'>, board: Board, store: Store, detection: Detection): void {
  for (const page of board.pages) {
    for (const panel of page.panels) {
      const snap = snapshot.panels[panel.id];
      const head = snap?.values[0];
      if (!snap || !head || (snap.state !== 'ok' && snap.state !== 'stale')) continue;
      // why: queries may hold '|' (PromQL regexes), so the key is matched against known prefixes, never split
      const q = panelQueries(board, panel).find((x) => head.key.startsWith(queryKey(x.source, x.query)));
      if (!q) continue;
      const anomaly = anomalyAt(store, detection, q, head.key, snapshot.at, snapshot.live);
      if (anomaly) snap.anomaly = anomaly;
      const forecast = forecastFor(store, panel, q, snap, snapshot.at);
      if (forecast) snap.forecast = forecast;
    }
  }
}

interface SourceQuery {
  source: string;
  query: string;
}

function anomalyAt(store: Store, detection: Detection, { source, query }: SourceQuery, key: string, at: number, live: boolean): PanelSnapshot['anomaly'] {
  if (live) {
    const l = detection.latest(key);
    if (l && l.score >= MARK_FROM) return { score: l.score, explanation: l.explanation ?? `anomaly score ${l.score.toFixed(2)}` };
    return undefined;
  }
  // replay: the stored score at `at` (explanations are not kept, only scores)
  const wanted = queryKey(source, anomalyQuery(query)) + key.slice(queryKey(source, query).length);
  const scored = store.seriesFor(source, anomalyQuery(query)).find((s) => s.key === wanted);
  const l = scored && store.latest(scored.id, at);
  return l && l.v >= MARK_FROM ? { score: l.v, explanation: `anomaly score ${l.v.toFixed(2)}` } : undefined;
}

/**
 * Time until the headline value reaches the panel's `forecast` value ("sells out in 3h 10m"), or
 * else the nearest threshold the trend heads to, if it heads there.
 */
function forecastFor(store: Store, panel: Panel, { source, query }: SourceQuery, snap: PanelSnapshot, at: number): string | undefined {
  const head = snap.values[0];
  if (!head || head.value === null) return undefined;
  const next = panel.thresholds.length ? nextThreshold(head.value, panel.thresholds, panel.worse) : undefined;
  const target = panel.forecast ?? (next ? { value: next.value, label: `${next.severity} level (${next.value})` } : undefined);
  if (!target) return undefined;
  const series = store.seriesFor(source, query).find((s) => s.key === head.key);
  if (!series) return undefined;
  const r = store.range(series.id, at - FORECAST_WINDOW_MS, at);
  const points = Array.from(r.ts, (t, i) => ({ t, v: r.values[i] as number }));
  // why: a 1 h trend says little about tomorrow; past 6× its window the forecast is guesswork
  return forecastTimeToThreshold(points, target.value, { maxEtaMs: FORECAST_HORIZON_MS, label: target.label })?.text;
}
