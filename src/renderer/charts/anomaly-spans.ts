// Pure geometry for the anomaly overlay: which time spans to shade and which points to mark.
// Kept apart from the uPlot plugin so it is computed once per anomaly update, not per frame,
// and so it can be tested without a DOM.
import type { AnomalyPoint } from '../../shared/model';

/** Scores are in [0, 1]; at or above this a sample counts as anomalous for shading. */
export const HIGH_SCORE = 0.5;

export interface AnomalySpanOptions {
  /** Score at or above which a point is shaded. */
  minScore?: number;
  /** ms: two high points closer than this belong to the same span (about 2.5 sample steps). */
  joinGapMs: number;
  /** ms: widened on both sides so a single high sample is still a visible band (half a step). */
  padMs: number;
}

/** [from, to] in unix ms. */
export type Span = readonly [number, number];

export interface AnomalyOverlay {
  spans: Span[];
  /** Points the detector flagged (they carry an explanation), in time order. */
  flagged: AnomalyPoint[];
}

/**
 * Shaded spans are runs of high-score points, joined when the next one follows within
 * `joinGapMs`; flagged points are those with an explanation (the detector's "why").
 * Input need not be sorted; NaN scores are ignored.
 */
export function anomalyOverlay(points: readonly AnomalyPoint[], opts: AnomalySpanOptions): AnomalyOverlay {
  const minScore = opts.minScore ?? HIGH_SCORE;
  const sorted = isSorted(points) ? points : [...points].sort((a, b) => a.t - b.t);
  const spans: [number, number][] = [];
  const flagged: AnomalyPoint[] = [];
  let open: [number, number] | undefined;
  for (const p of sorted) {
    if (p.explanation !== undefined && p.explanation !== '') flagged.push(p);
    if (!(p.score >= minScore)) continue;
    if (open && p.t - open[1] <= opts.joinGapMs) {
      open[1] = p.t;
    } else {
      if (open) spans.push(open);
      open = [p.t, p.t];
    }
  }
  if (open) spans.push(open);
  return { spans: spans.map(([a, b]) => [a - opts.padMs, b + opts.padMs] as const), flagged };
}

function isSorted(points: readonly AnomalyPoint[]): boolean {
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as AnomalyPoint).t < (points[i - 1] as AnomalyPoint).t) return false;
  }
  return true;
}

/** Merges overlapping spans (several series of one panel shade the same band once). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** What one chart draws: merged bands over all its series, and markers on the series they flag. */
export interface PanelAnomalyOverlay {
  spans: Span[];
  /** `seriesIdx` is uPlot's index (1 = the first y series); `t` in unix ms. */
  markers: { seriesIdx: number; t: number; explanation: string }[];
}

export const EMPTY_OVERLAY: PanelAnomalyOverlay = { spans: [], markers: [] };

/** Combines the anomaly points of a panel's series (by series key, in chart order). */
export function panelAnomalyOverlay(
  keys: readonly string[],
  anomalies: Readonly<Record<string, readonly AnomalyPoint[] | undefined>>,
  stepMs: number,
  minScore = HIGH_SCORE,
): PanelAnomalyOverlay {
  const spans: Span[] = [];
  const markers: PanelAnomalyOverlay['markers'] = [];
  keys.forEach((key, i) => {
    const pts = anomalies[key];
    if (!pts || pts.length === 0) return;
    const o = anomalyOverlay(pts, { minScore, joinGapMs: 2.5 * stepMs, padMs: stepMs / 2 });
    spans.push(...o.spans);
    for (const p of o.flagged) markers.push({ seriesIdx: i + 1, t: p.t, explanation: p.explanation ?? '' });
  });
  if (spans.length === 0 && markers.length === 0) return EMPTY_OVERLAY;
  return { spans: mergeSpans(spans), markers };
}
