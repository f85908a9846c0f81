// Which draw a chart needs for new data: none, the tail strip, or the whole chart. Kept apart from
// uplot-host.ts (which owns the chart's life: create, resize, restyle, schedule) because this is
// the part that decides what the wall shows: each shortcut here must give the picture a full draw
// would give, and it is tested (and reasoned about) on its own.
import type uPlot from 'uplot';
import { redrawPlan } from './pixel-diff';

/** s: a chart's x window; null = fit the data. */
export type XWindow = readonly [number, number] | null;

/** What a chart shows now: prepared data and window. */
export interface Drawn {
  data: uPlot.AlignedData;
  window: XWindow;
}

/** none: nothing visible changed; tail: redraw from row `fromRow` to the right edge; all: a full draw. */
export type DrawPlan = { kind: 'none' } | { kind: 'tail'; fromRow: number } | { kind: 'all' };

const NONE: DrawPlan = { kind: 'none' };
const ALL: DrawPlan = { kind: 'all' };

/** Same columns, same values (what uPlot would draw is the same). */
export function sameColumns(a: uPlot.AlignedData, b: uPlot.AlignedData): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) {
    const x = a[c] as ArrayLike<unknown>;
    const y = b[c] as ArrayLike<unknown>;
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** Whether moving the window from `a` to `b` shifts the plot by less than half a pixel. */
export function subPixelMove(a: XWindow, b: XWindow, widthPx: number): boolean {
  if (a === null || b === null) return a === b;
  const span = a[1] - a[0];
  if (span <= 0 || b[1] - b[0] !== span) return false;
  return (Math.abs(b[0] - a[0]) / span) * widthPx < 0.5;
}

function hasNull(d: uPlot.AlignedData, row: number): boolean {
  for (let c = 1; c < d.length; c++) if ((d[c] as ArrayLike<number | null | undefined>)[row] == null) return true;
  return false;
}

/**
 * `row` moved back past rows where a series has no value. why: how a line is drawn up to the last
 * value before a hole changes once a value follows the hole (the line runs on across it, clipped
 * by uPlot's gaps; its area no longer ends there), so a tail must be redrawn from before the hole.
 */
export function beforeHoles(d: uPlot.AlignedData, row: number): number {
  while (row - 1 > 0 && hasNull(d, row - 1)) row--;
  return row;
}

export function sameWindow(a: XWindow, b: XWindow): boolean {
  return a === b || (a !== null && b !== null && a[0] === b[0] && a[1] === b[1]);
}

export interface PlanInput {
  /** What the chart shows now (null: nothing drawn yet). */
  drawn: Drawn | null;
  /** The data and window to show. */
  next: Drawn;
  /** CSS px: the chart's width. */
  widthPx: number;
  /**
   * Whether `drawn.data` can be compared with `next.data`: not when new data is the store's own
   * columns (undecimated), which a live merge changes in place.
   */
  comparable: boolean;
  /** An overlay changed: draw whole whatever the data. */
  force: boolean;
}

/** The cheapest draw of `next` on `u` that gives the picture a full draw would give. */
export function drawPlan(u: uPlot, p: PlanInput): DrawPlan {
  const { drawn, next } = p;
  // why: on a 24 h chart a 15 s tick moves the line by a fraction of a pixel and, decimated,
  // changes at most the last column; redrawing 40 whole charts per tick would be work nobody sees
  if (!drawn || !p.comparable || p.force || !subPixelMove(drawn.window, next.window, p.widthPx)) return ALL;
  const plan = sameColumns(next.data, drawn.data) ? NONE : redrawPlan(u, drawn.data, next.data, next.window);
  // why: compared with what was last drawn (not the last tick), so sub-pixel changes cannot
  // add up to a visible drift without a redraw
  if (plan.kind === 'none') return plan;
  // why: a strip drawn with a window moved by a fraction of a pixel would not meet the rest
  if (plan.kind === 'tail' && sameWindow(drawn.window, next.window)) return { kind: 'tail', fromRow: beforeHoles(next.data, plan.fromRow) };
  return ALL;
}
