// One Performance API mark per chart, on its first draw that holds data: benchmarks and e2e tests
// read "every chart of the page has drawn" from these without polling pixels. Only the first draw
// is marked, so the performance buffer does not grow with live updates.
import type uPlot from 'uplot';

export const CHART_DRAWN_MARK = 'wallboard:chart-drawn';

const marked = new WeakSet<HTMLElement>();

export function markFirstDraw(root: HTMLElement, panelId: string, u: uPlot): void {
  if (marked.has(root) || u.data[0].length === 0) return;
  marked.add(root);
  root.setAttribute('data-chart-drawn', 'true');
  performance.mark(CHART_DRAWN_MARK, { detail: { panelId, points: u.data[0].length * (u.data.length - 1) } });
}

/**
 * The window end (ms) of what the chart shows now, as `data-drawn-to`, written at each draw: tests
 * and benchmarks wait on it for every chart to show a replay T (or a live window), however the
 * chart's draws are scheduled (draw-scheduler.ts), instead of sleeping.
 */
export function markDrawnTo(root: HTMLElement, to: number): void {
  const v = String(to);
  if (root.getAttribute('data-drawn-to') !== v) root.setAttribute('data-drawn-to', v);
}
