// One uPlot chart in one element: created once, fed with setData, resized with setSize (and rebuilt
// when a resize changes its axis text or spacing), destroyed on unmount. The chart is created on the first ResizeObserver callback rather than at mount, so
// no chart reads layout synchronously and the first draw already has the final size. Its first
// draw happens before its root is attached: drawing text sets `ctx.font`, which on a canvas in the
// page forces the page's style and layout up to date, once per chart when 40 charts appear at once
// (each one's DOM writes dirty it again for the next). A detached canvas needs no page style.
import uPlot from 'uplot';
import { installBevelJoins } from './bevel-joins';
import { fontSizePx, installBitmapText } from './bitmap-text';
import { drawPlan, type Drawn } from './draw-plan';
import { drawTail } from './tail-draw';
import type { DrawScheduler } from './draw-scheduler';

export interface Size {
  width: number; // CSS px
  height: number; // CSS px
}

/** The chart's options for a size; the host creates, attaches and destroys the chart. */
export type ChartFactory = (size: Size) => uPlot.Options;

/** Turns the store's data into what is drawn at a width (CSS px), e.g. min/max decimation. */
export type Prepare = (data: uPlot.AlignedData, widthPx: number) => uPlot.AlignedData;

// why: a chart below this is unreadable and uPlot misbehaves at 0 px; wait for a real size
const MIN_SIZE = 8; // CSS px

// One observer for every chart: all charts that got a size in a frame are handled in one
// callback, so they are created back to back and draw in one microtask batch after it, instead
// of one callback (and one style recalculation on the first draw) per chart.
const listeners = new Map<Element, (size: Size) => void>();
let shared: ResizeObserver | null = null;

function observe(el: Element, onSize: (size: Size) => void): () => void {
  shared ??= new ResizeObserver((entries) => {
    for (const e of entries) listeners.get(e.target)?.({ width: Math.floor(e.contentRect.width), height: Math.floor(e.contentRect.height) });
  });
  listeners.set(el, onSize);
  shared.observe(el);
  return () => {
    listeners.delete(el);
    shared?.unobserve(el);
  };
}

// why: a display that changes resolution changes the page's font size (theme.css scales it with
// the viewport) and every chart's height, but uPlot fixes axis fonts and sizes when a chart is
// built; a chart whose options would now differ in them is rebuilt, once, after resizing stopped
const RESTYLE_DELAY = 250; // ms after the last resize of any chart
const restyles = new Set<() => void>();
let restyleTimer: ReturnType<typeof setTimeout> | null = null;

function queueRestyle(check: () => void): void {
  restyles.add(check);
  if (restyleTimer !== null) clearTimeout(restyleTimer);
  // why one timer for all charts: they are checked in one task, so they share one theme read
  restyleTimer = setTimeout(() => {
    restyleTimer = null;
    const checks = [...restyles];
    restyles.clear();
    for (const c of checks) c();
  }, RESTYLE_DELAY);
}

/** What in a chart's options fixes its text and spacing for the chart's life (functions left out). */
export function styleSignature(o: uPlot.Options): string {
  const axes = (o.axes ?? []).map((a) => [a.show, a.font, a.size, a.space, a.gap, a.labelFont, a.labelSize]);
  return JSON.stringify([o.padding, axes]);
}

/** px of the first shown axis's font, or null when the chart has no axis text. */
function axisFontPx(o: uPlot.Options): number | null {
  const font = o.axes?.find((a) => a.show !== false)?.font;
  return typeof font === 'string' ? fontSizePx(font) : null;
}

export interface HostOptions {
  prepare?: Prepare;
  /** s: the x window the chart shows now; lets a live tick that moves it < 0.5 px skip a redraw. */
  window?: () => readonly [number, number] | null;
  /** Called instead of a redraw when a tick changed nothing visible. */
  onSkip?: (u: uPlot) => void;
  /**
   * Called on new data before any chart of the tick draws (e.g. to write a legend). DOM written
   * here is laid out once, by the first chart's canvas text (which brings the page's style and
   * layout up to date); written between draws, it made the next chart's text do it again.
   */
  beforeDraw?: (u: uPlot) => void;
  /**
   * Where new data and redraws are drawn, when it returns one (live charts: spread over frames
   * within a budget); otherwise in the microtask after the change, as replay frames want.
   */
  scheduler?: () => DrawScheduler | null;
}

export class UplotHost {
  private plot: uPlot | null = null;
  private data: uPlot.AlignedData;
  private size: Size | null = null;
  private readonly prepare: Prepare;
  private readonly unobserve: () => void;
  private destroyed = false;
  /** What the chart shows now: prepared data and window. */
  private drawn: Drawn | null = null;
  private flushQueued = false;
  /** setData was called since the last flush. */
  private changed = false;
  /** styleSignature of the live chart's options. */
  private style = '';
  private readonly checkStyle = (): void => this.restyle();
  /** An overlay changed: the next draw rebuilds every path, even if the data did not change. */
  private stale = false;
  private readonly drawJob = (): void => this.draw();
  /** The scheduler this chart last queued a draw on (cancelled with the chart). */
  private scheduledOn: DrawScheduler | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly factory: ChartFactory,
    initial: uPlot.AlignedData,
    private readonly opts: HostOptions = {},
  ) {
    this.data = initial;
    this.prepare = opts.prepare ?? ((d) => d);
    this.unobserve = observe(el, (size) => this.resize(size));
  }

  /** The live chart, or null until the element has a size. */
  get chart(): uPlot | null {
    return this.plot;
  }

  /** The data as the store gave it (before `prepare`). */
  get raw(): uPlot.AlignedData {
    return this.data;
  }

  /** New data; drawn in a microtask, together with a window change of the same tick. */
  setData(data: uPlot.AlignedData): void {
    this.data = data;
    this.changed = true;
    this.queueFlush();
  }

  /** The visible window moved (the store's range changed). */
  windowChanged(): void {
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // why: the store sets series and range one after the other; one decision, one draw
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    const plot = this.plot;
    if (!plot || !this.size || this.destroyed) return;
    // why here, not at the draw: legends (values) apply with the update, the picture follows
    this.opts.beforeDraw?.(plot);
    this.drawNowOrLater();
  }

  private drawNowOrLater(): void {
    const scheduler = this.opts.scheduler?.() ?? null;
    this.scheduledOn = scheduler;
    if (scheduler) scheduler.schedule(this, this.drawJob);
    else this.draw();
  }

  /** Draws what changed since the last draw: nothing, the tail strip, or the whole chart. */
  private draw(): void {
    const plot = this.plot;
    if (!plot || !this.size || this.destroyed) return;
    if (this.stale && !this.changed) {
      this.stale = false;
      // why: paths are rebuilt, because after a tail draw the cached ones hold the tail only;
      // batch: drawn now, not in a microtask, so a scheduler's budget sees the draw's cost
      plot.batch(() => plot.redraw(true, false));
      return;
    }
    const force = this.stale;
    this.stale = false;
    const prepared = this.prepare(this.data, this.size.width);
    const window = this.opts.window?.() ?? null;
    // why: undecimated data is the store's own columns, which a live merge changes in place, so
    // what was drawn cannot be compared with it; new data then always redraws
    const comparable = !(this.changed && prepared === this.data);
    this.changed = false;
    const plan = drawPlan(plot, { drawn: this.drawn, next: { data: prepared, window }, widthPx: this.size.width, comparable, force });
    if (plan.kind === 'none') {
      this.opts.onSkip?.(plot);
      return;
    }
    if (plan.kind === 'tail') {
      this.drawn = { data: prepared, window };
      drawTail(plot, prepared, plan.fromRow);
      return;
    }
    this.drawn = { data: prepared, window };
    plot.batch(() => plot.setData(prepared));
  }

  /** Redraws: overlays changed, the data did not. */
  redraw(): void {
    if (!this.plot) return;
    this.stale = true;
    this.drawNowOrLater();
  }

  /** A chart from `options`; `replaces` stays on screen until the new one is drawn and attached. */
  private create(size: Size, options: uPlot.Options = this.factory(size), replaces: uPlot | null = null): uPlot {
    const prepared = this.prepare(this.data, size.width);
    this.drawn = { data: prepared, window: this.opts.window?.() ?? null };
    this.style = styleSignature(options);
    // why: lets a test (and a person in devtools) read the axis text size the chart was built with
    const px = axisFontPx(options);
    if (px === null) delete this.el.dataset['axisFontPx'];
    else this.el.dataset['axisFontPx'] = String(px);
    return new uPlot(options, prepared, (u, init) => {
      // why: once attached, axis labels drawn in a live tick must not force a page layout
      installBitmapText(u.ctx);
      installBevelJoins(u.ctx);
      init(); // queues uPlot's first draw as a microtask
      // why: queued after that draw, so the canvas is drawn detached and attached once, drawn
      queueMicrotask(() => {
        replaces?.destroy();
        if (this.plot === u) this.el.append(u.root);
      });
    });
  }

  /** Rebuilds the chart if its options at the current size differ in text or spacing. */
  private restyle(): void {
    const size = this.size;
    if (this.destroyed || !this.plot || !size) return;
    const options = this.factory(size);
    if (styleSignature(options) === this.style) return;
    this.plot = this.create(size, options, this.plot);
  }

  private resize(size: Size): void {
    if (this.destroyed || size.width < MIN_SIZE || size.height < MIN_SIZE) return;
    if (this.size && this.size.width === size.width && this.size.height === size.height) return;
    const widthChanged = this.size?.width !== size.width;
    this.size = size;
    if (!this.plot) {
      this.plot = this.create(size);
      return;
    }
    queueRestyle(this.checkStyle);
    // why: one draw for both; the decimation depends on the width
    const plot = this.plot;
    plot.batch(() => {
      plot.setSize(size);
      if (widthChanged) {
        const prepared = this.prepare(this.data, size.width);
        this.drawn = { data: prepared, window: this.opts.window?.() ?? null };
        plot.setData(prepared);
      }
    });
  }

  destroy(): void {
    this.destroyed = true;
    this.scheduledOn?.cancel(this);
    this.unobserve();
    restyles.delete(this.checkStyle);
    this.plot?.destroy();
    this.plot = null;
  }
}
