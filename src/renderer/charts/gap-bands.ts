// Gap bands: the spans of a chart's window where its source gave no data, with the reason (source
// down, wall not running). The gaps are the engine's timeline, the same ones the replay bar shades
// (read by replay/use-timeline.ts, live and in replay); this file only picks a chart's own and maps
// them onto its window. Pure: tested without a DOM, computed per draw over the drawn points.
import type { Timeline, TimelineGap } from '../../shared/api';

/** One gap of a chart's source, in chart units. */
export interface ChartGap {
  /** unix s */
  from: number;
  to: number;
  kind: TimelineGap['kind'];
  /** The engine's reason ("source down: connection refused"), for the hover title. */
  reason: string;
  sourceId: string;
}

/** A band to shade: a part of a gap with no drawn data, clipped to the window (unix s). */
export interface GapBand {
  from: number;
  to: number;
  gap: ChartGap;
}

export const EMPTY_GAPS: readonly ChartGap[] = [];

/**
 * The timeline's gaps of one source, in seconds; `prev` back when they are the same (no redraw).
 * `downNow`: the live status says the source is down; its newest down gap then reaches on to the
 * window's end (the timeline, re-read every few seconds meanwhile, ends at the last failed poll).
 */
export function chartGaps(timeline: Timeline | null, sourceId: string | undefined, prev: readonly ChartGap[] = EMPTY_GAPS, downNow = false): readonly ChartGap[] {
  if (!timeline || sourceId === undefined) return prev.length === 0 ? prev : EMPTY_GAPS;
  const own = timeline.gaps.filter((g) => g.sourceId === sourceId);
  const last = own.length - 1;
  const open = downNow && own[last]?.kind === 'down';
  const to = (g: TimelineGap, i: number): number => (open && i === last ? Infinity : g.to / 1000);
  const same =
    own.length === prev.length &&
    own.every((g, i) => {
      const p = prev[i] as ChartGap;
      return p.from === g.from / 1000 && p.to === to(g, i) && p.kind === g.kind && p.reason === g.reason;
    });
  if (same) return prev;
  return own.map((g, i) => ({ from: g.from / 1000, to: to(g, i), kind: g.kind, reason: g.reason, sourceId: g.sourceId }));
}

/** First index with xs[i] > x (xs ascending). */
function firstAfter(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function rowHasValue(ys: readonly ArrayLike<number | null | undefined>[], i: number): boolean {
  for (const y of ys) {
    const v = y[i];
    if (v !== null && v !== undefined) return true;
  }
  return false;
}

/**
 * The bands of `gaps` inside the window [lo, hi] (s): each gap minus the stretches where the drawn
 * data (`xs`, `ys`) has values, keeping only data-free runs longer than `minRunS`. why: a source
 * that was down can have its data backfilled later; the band marks a hole in the chart, never data.
 */
export function gapBands(
  gaps: readonly ChartGap[],
  xs: ArrayLike<number>,
  ys: readonly ArrayLike<number | null | undefined>[],
  lo: number,
  hi: number,
  minRunS: number,
): GapBand[] {
  const out: GapBand[] = [];
  for (const gap of gaps) {
    const a = Math.max(gap.from, lo);
    const b = Math.min(gap.to, hi);
    if (!(b > a)) continue;
    let cursor = a;
    for (let i = firstAfter(xs, a); i < xs.length && (xs[i] as number) < b; i++) {
      if (!rowHasValue(ys, i)) continue;
      const x = xs[i] as number;
      if (x - cursor > minRunS) out.push({ from: cursor, to: x, gap });
      cursor = x;
    }
    if (b - cursor > minRunS) out.push({ from: cursor, to: b, gap });
  }
  return out;
}

/** Whether a label `labelPx` wide fits in a band from x0 to x1 (same px) with `padPx` each side. */
export function labelFits(x0: number, x1: number, labelPx: number, padPx: number): boolean {
  return x1 - x0 >= labelPx + 2 * padPx;
}
