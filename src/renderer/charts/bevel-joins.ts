// Series lines joined with bevels instead of uPlot's fixed round joins. With software raster
// (Chromium without a GPU, as on many walls) stroking the lines is most of a chart's raster cost,
// and a round join adds an arc at every vertex; at a 2 px line the two differ by under a pixel.
const installed = new WeakSet<CanvasRenderingContext2D>();

/** Makes `lineJoin = 'round'` on this context draw bevel joins; reading it back gives what was set. */
export function installBevelJoins(ctx: CanvasRenderingContext2D): void {
  if (installed.has(ctx)) return;
  const prop = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(ctx) as object, 'lineJoin');
  if (!prop?.set || !prop.get) return;
  installed.add(ctx);
  let asked = prop.get.call(ctx) as CanvasLineJoin;
  Object.defineProperty(ctx, 'lineJoin', {
    configurable: true,
    get: () => asked,
    set: (v: CanvasLineJoin) => {
      asked = v;
      prop.set?.call(ctx, v === 'round' ? 'bevel' : v);
    },
  });
}
