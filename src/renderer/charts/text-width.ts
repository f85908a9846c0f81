// Text widths for sizing axes, measured on a canvas that is not in the document. Setting `font`
// on a canvas in the page makes Chromium resolve the document's style first; with 40 charts
// mounting at once that was one full style recalculation per chart. Widths are cached: tick
// labels repeat from update to update.

let ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();
const MAX_CACHE = 4096; // entries; tick labels of a whole wall fit many times over

function context(): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null {
  if (ctx === undefined) {
    ctx = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d') : document.createElement('canvas').getContext('2d');
  }
  return ctx;
}

/** CSS px width of `text` in the CSS `font`; 0.6 em per glyph when no canvas is available. */
export function textWidth(font: string, text: string): number {
  const key = `${font}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const c = context();
  let w: number;
  if (c) {
    c.font = font;
    w = c.measureText(text).width;
  } else {
    w = text.length * (parseFloat(font) || 12) * 0.6;
  }
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, w);
  return w;
}
