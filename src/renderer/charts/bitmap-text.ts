// Axis labels drawn from cached bitmaps instead of `fillText` on the chart's canvas. Chromium
// brings the whole page's style and layout up to date before it draws text on a canvas that is in
// the document (the text's direction and font may depend on it). In a live tick React and the
// legends have just changed text elsewhere on the page, so the first label a chart drew paid a
// full page layout inside the tick (3–4 ms on a 40-panel wall). A label rendered once on an
// OffscreenCanvas (no document style) and blitted with `drawImage` at the same integer position
// gives the same pixels and needs no style. Canvases not in the document (a chart's first draw)
// keep the real `fillText`: there it costs nothing extra, and the cache stays small.

interface Label {
  bitmap: ImageBitmap;
  /** device px: where the text's anchor (textAlign × textBaseline) sits inside the bitmap */
  ox: number;
  oy: number;
}

const MAX_LABELS = 512; // bitmaps; a wall's tick labels fit a few times over (each a few KB)
const PAD = 4; // device px around the text, for glyph overhang and antialiasing
const labels = new Map<string, Label>();
let measurer: OffscreenCanvasRenderingContext2D | null | undefined;
// why one canvas for every label: a scrub across the day brings new tick labels each frame, and a
// new OffscreenCanvas and its getContext per label was most of a miss's cost (about 1.5 ms a frame)
let painter: OffscreenCanvasRenderingContext2D | null | undefined;

/** px of a CSS `font` shorthand, or null when it gives no px size. */
export function fontSizePx(font: string): number | null {
  const m = /(\d+(?:\.\d+)?)px/.exec(font);
  return m ? Number(m[1]) : null;
}

function fontPx(font: string): number {
  return fontSizePx(font) ?? 16;
}

function render(font: string, fill: string, align: CanvasTextAlign, baseline: CanvasTextBaseline, text: string): Label | null {
  measurer ??= typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  if (!measurer) return null;
  measurer.font = font;
  const width = measurer.measureText(text).width;
  const px = fontPx(font);
  const w = Math.ceil(width) + 2 * PAD;
  const h = Math.ceil(px * 1.6) + 2 * PAD;
  painter ??= new OffscreenCanvas(w, h).getContext('2d');
  const c = painter;
  if (!c) return null;
  const canvas = c.canvas;
  // why: setting the size (even to the same) clears the bitmap and resets the context's state
  canvas.width = w;
  canvas.height = h;
  const ox = align === 'right' || align === 'end' ? w - PAD : align === 'center' ? Math.round(w / 2) : PAD;
  const oy = baseline === 'top' || baseline === 'hanging' ? PAD : baseline === 'middle' ? Math.round(h / 2) : baseline === 'bottom' || baseline === 'ideographic' ? h - PAD : PAD + Math.round(px * 1.2);
  c.font = font;
  c.fillStyle = fill;
  c.textAlign = align;
  c.textBaseline = baseline;
  c.fillText(text, ox, oy);
  return { bitmap: canvas.transferToImageBitmap(), ox, oy };
}

function label(font: string, fill: string, align: CanvasTextAlign, baseline: CanvasTextBaseline, text: string): Label | null {
  const key = `${font}\u0000${fill}\u0000${align}\u0000${baseline}\u0000${text}`;
  const hit = labels.get(key);
  if (hit) {
    // why: least recently used first in the map's order
    labels.delete(key);
    labels.set(key, hit);
    return hit;
  }
  const made = render(font, fill, align, baseline, text);
  if (!made) return null;
  if (labels.size >= MAX_LABELS) {
    const oldest = labels.keys().next();
    if (!oldest.done) {
      labels.get(oldest.value)?.bitmap.close();
      labels.delete(oldest.value);
    }
  }
  labels.set(key, made);
  return made;
}

const installed = new WeakSet<CanvasRenderingContext2D>();

/**
 * Makes `ctx.fillText` draw cached label bitmaps while its canvas is in the document and the
 * text is drawn unrotated and unscaled with a plain colour; anything else uses the real call.
 */
export function installBitmapText(ctx: CanvasRenderingContext2D): void {
  if (installed.has(ctx) || typeof OffscreenCanvas === 'undefined') return;
  installed.add(ctx);
  const proto = Object.getPrototypeOf(ctx) as CanvasRenderingContext2D;
  const fontProp = Object.getOwnPropertyDescriptor(proto, 'font');
  const realFillText = proto.fillText;
  if (!fontProp?.set || !fontProp.get) return;
  // why: the font as set, kept here; reading it back from the context serializes it per label
  let font = fontProp.get.call(ctx) as string;
  // why lazy: setting `font` on a canvas in the document resolves it against the page's style, so
  // after React changed text elsewhere (every replay frame, most live ticks) each chart's first
  // axis paid a full style + layout of the page (about 0.4 ms per chart, 16 ms a 40-panel frame).
  // Cached bitmaps need no font on the context; only the real calls below get it, right before.
  const realFont = (): void => fontProp.set?.call(ctx, font);
  Object.defineProperty(ctx, 'font', {
    configurable: true,
    get: () => font,
    set: (v: string) => {
      font = v;
    },
  });
  const realMeasure = proto.measureText;
  const realStroke = proto.strokeText;
  ctx.measureText = (text: string): TextMetrics => {
    realFont();
    return realMeasure.call(ctx, text);
  };
  ctx.strokeText = (text: string, x: number, y: number, maxWidth?: number): void => {
    realFont();
    if (maxWidth === undefined) realStroke.call(ctx, text, x, y);
    else realStroke.call(ctx, text, x, y, maxWidth);
  };
  ctx.fillText = function fillText(text: string, x: number, y: number, maxWidth?: number): void {
    const fill = ctx.fillStyle;
    if (maxWidth === undefined && typeof fill === 'string' && ctx.canvas.isConnected) {
      const t = ctx.getTransform();
      if (t.a === 1 && t.b === 0 && t.c === 0 && t.d === 1) {
        const l = label(font, fill, ctx.textAlign, ctx.textBaseline, text);
        if (l) {
          ctx.drawImage(l.bitmap, Math.round(x) - l.ox, Math.round(y) - l.oy);
          return;
        }
      }
    }
    realFont();
    if (maxWidth === undefined) realFillText.call(ctx, text, x, y);
    else realFillText.call(ctx, text, x, y, maxWidth);
  };
}
