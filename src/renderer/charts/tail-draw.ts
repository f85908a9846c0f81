// Redraws the tail of a chart: the strip from a given row to the right edge (a live tick that moved
// no bucket). uPlot always draws the whole canvas; under a clip, the clear and every stroke outside
// it touch no pixel, so the software rasterizer (Chromium without a GPU, as on many walls) only
// fills the strip, and what is inside it is what a full draw would paint there.
import uPlot from 'uplot';

/** Canvas state uPlot caches on its side (it sets a style only when its cached copy differs). */
interface CachedStyle {
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  lineWidth: number;
  lineJoin: CanvasLineJoin;
  lineCap: CanvasLineCap;
  lineDash: number[];
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
}

function readStyle(ctx: CanvasRenderingContext2D): CachedStyle {
  const { strokeStyle, fillStyle, lineWidth, lineJoin, lineCap, font, textAlign, textBaseline } = ctx;
  return { strokeStyle, fillStyle, lineWidth, lineJoin, lineCap, lineDash: ctx.getLineDash(), font, textAlign, textBaseline };
}

// why: each property only when restore() changed it; setting `font` on a canvas in the page
// resolves it against the page's style, which forces a style and layout update when the DOM is dirty
function writeStyle(ctx: CanvasRenderingContext2D, s: CachedStyle): void {
  if (ctx.strokeStyle !== s.strokeStyle) ctx.strokeStyle = s.strokeStyle;
  if (ctx.fillStyle !== s.fillStyle) ctx.fillStyle = s.fillStyle;
  if (ctx.lineWidth !== s.lineWidth) ctx.lineWidth = s.lineWidth;
  if (ctx.lineJoin !== s.lineJoin) ctx.lineJoin = s.lineJoin;
  if (ctx.lineCap !== s.lineCap) ctx.lineCap = s.lineCap;
  if (ctx.getLineDash().join() !== s.lineDash.join()) ctx.setLineDash(s.lineDash);
  if (ctx.font !== s.font) ctx.font = s.font;
  if (ctx.textAlign !== s.textAlign) ctx.textAlign = s.textAlign;
  if (ctx.textBaseline !== s.textBaseline) ctx.textBaseline = s.textBaseline;
}

/** Device px left of the first changed row's predecessor that its stroke (and joins) can reach. */
function strokeMargin(u: uPlot): number {
  let width = 1;
  for (let s = 1; s < u.series.length; s++) width = Math.max(width, u.series[s]?.width ?? 1);
  return Math.ceil(width * devicePixelRatio) + 2;
}

/** Per chart, during a tail draw: the rows [first, last] whose path is worth building. */
const pathRows = new WeakMap<uPlot, readonly [number, number]>();

/**
 * A series path builder for charts drawn with drawTail: during a tail draw it builds
 * the path over the rows that reach the clipped area only (the rest would be clipped away), so a
 * tick costs a few points of path instead of the whole line: stroking a 2 px line is the
 * rasterizer's largest cost, and it strokes the whole path whatever the clip. The path's own ends
 * lie outside the clip, so they are not seen.
 */
export function tailPaths(inner: uPlot.Series.PathBuilder = linear()): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const rows = pathRows.get(u);
    if (!rows) return inner(u, seriesIdx, idx0, idx1);
    // why past nulls: uPlot starts a path at its first non-null row; the whole line runs from the
    // value before a hole across it (clipped away), so the tail's path must start there too
    const ys = u.data[seriesIdx] ?? [];
    let from = Math.max(idx0, rows[0]);
    while (from > idx0 && ys[from] == null) from--;
    const tail = inner(u, seriesIdx, from, Math.min(idx1, rows[1]));
    // why: a line with a gap anywhere is clipped at the plot's right edge (uPlot's gaps clip ends
    // there), one without is not (its stroke spills half its width); the tail alone may have none
    if (tail && !tail.clip && hasGap(u, seriesIdx, idx0, from)) tail.clip = afterGaps(u);
    return tail;
  };
}

/** Whether rows [idx0, to) of series `s` hold a gap: a null, or a jump in time the series' gaps refiner breaks the line at. */
function hasGap(u: uPlot, s: number, idx0: number, to: number): boolean {
  const ys = u.data[s] ?? [];
  for (let i = idx0; i < to; i++) if (ys[i] === null) return true;
  const refine = u.series[s]?.gaps;
  return to > idx0 && typeof refine === 'function' && refine(u, s, idx0, to, []).length > 0;
}

/** uPlot's gaps clip right of a line's last gap (clipGaps' last part): to the plot's right edge, a little above and below it. */
function afterGaps(u: uPlot): Path2D {
  const { left, top, width, height } = u.bbox;
  const clip = new Path2D();
  clip.rect(left, top - 5, width, top + height + 10);
  return clip;
}

function linear(): uPlot.Series.PathBuilder {
  const make = uPlot.paths.linear;
  if (!make) throw new Error('uPlot build without the linear path builder');
  return make();
}

/** The last row drawn left of canvas x `left` (device px) by more than `margin`, or 0. */
function rowLeftOf(u: uPlot, xs: ArrayLike<number>, from: number, left: number, margin: number): number {
  let row = Math.min(from, xs.length - 1);
  while (row > 0 && u.valToPos(xs[row] as number, 'x', true) >= left - margin) row--;
  return row;
}

/** Canvas x from which the line into row `fromRow` (and its joins) is drawn. */
function tailLeft(u: uPlot, xs: ArrayLike<number>, fromRow: number, margin: number): number {
  return Math.floor(u.valToPos(xs[Math.max(0, fromRow - 1)] as number, 'x', true)) - margin;
}

/**
 * Draws `data` on `u` (which shows data equal to it before row `fromRow`), clipped to the strip
 * from the x of row `fromRow - 1` to the right edge: the segment into the first changed row starts
 * there. Synchronous (uPlot's batch commits at once), so the clip holds for the whole draw.
 */
export function drawTail(u: uPlot, data: uPlot.AlignedData, fromRow: number): void {
  const xs = data[0] as ArrayLike<number>;
  const margin = strokeMargin(u);
  const left = Math.max(0, tailLeft(u, xs, fromRow, margin));
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, ctx.canvas.width - left, ctx.canvas.height);
  ctx.clip();
  pathRows.set(u, [rowLeftOf(u, xs, fromRow - 1, left, 2 * margin), xs.length - 1]);
  let style: CachedStyle | undefined;
  try {
    u.batch(() => u.setData(data));
    style = readStyle(ctx);
  } finally {
    pathRows.delete(u);
    ctx.restore();
    // why: restore() also rolls back styles uPlot set during the draw, and uPlot believes they
    // are still set; put them back so its cache and the canvas agree
    if (style) writeStyle(ctx, style);
  }
}
