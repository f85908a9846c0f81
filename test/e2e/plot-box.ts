/**
 * Page-script text for reading a chart back from its canvas (the e2e project has no DOM types, so page code is
 * written as text). Declares `c` (the panel's chart canvas), `ctx` (its 2D context) and `left`, `top`, `w`, `h`:
 * the plot area (uPlot's .u-over box) in the canvas' device px. The enclosing function returns null while the
 * panel has no chart.
 */
export function plotBoxScript(panelId: string): string {
  return `const root = document.querySelector('[data-panel-id="${panelId}"] .wb-plot');
    const c = root && root.querySelector('canvas');
    const over = root && root.querySelector('.u-over');
    if (!c || !over) return null;
    const k = c.width / c.getBoundingClientRect().width;
    const left = Math.round(over.offsetLeft * k), top = Math.round(over.offsetTop * k);
    const w = Math.round(over.offsetWidth * k), h = Math.round(over.offsetHeight * k);
    const ctx = c.getContext('2d');`;
}
