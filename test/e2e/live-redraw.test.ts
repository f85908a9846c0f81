// A live chart redraws only what a tick changed (the tail strip, or nothing). This checks the
// result is the picture a full draw gives: a chart fed tick by tick through the store, as the live
// path does, is compared pixel by pixel with a chart drawn once from the same data, after every
// tick, in real Chromium. Values are whole numbers a few px apart, so no change is sub-pixel
// (a sub-pixel change is skipped on purpose, and would differ from a fresh draw by antialiasing).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWall, screenshot, type WallPage } from './browser';
import { buildPage, type BuiltPage } from './page-harness';

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>live redraw</title>
<style>
  :root { --bg:#111217; --panel-bg:#181b1f; --fg:#d8d9da; --muted:#8e8e8e; --grid:rgba(255,255,255,.12);
          --ok:#73bf69; --warning:#fade2a; --high:#ff9830; --critical:#f2495c; --info:#5794f2; font-size: 14px; }
  body { margin: 0; background: var(--bg); color: var(--fg); font-family: system-ui, sans-serif; }
  .chart { width: 420px; height: 220px; display: flex; flex-direction: column; margin: 8px; }
</style></head>
<body><div id="live" class="chart"></div><div id="fresh" class="chart"></div><script type="module" src="./main.tsx"></script></body></html>
`;

const MAIN = (src: string): string => `
import 'uplot/dist/uPlot.min.css';
import '${src}/renderer/charts/charts.css';
import type { SeriesData } from '${src}/shared/model';
import { useWallboard } from '${src}/renderer/store';
import { mergeTail } from '${src}/renderer/store/series-merge';
import { mountTimeseriesChart, type ChartHandle } from '${src}/renderer/charts/timeseries-chart';

const STEP = 15; // s
const WINDOW = 6 * 3600; // s
let now = 1_767_225_600; // s
// why: whole numbers 3..97 on a ~150 px plot: every change moves a point by more than a pixel
// why holes (?holes=1): the first series has no data for 10 min each hour, so its line breaks (uPlot's
// gaps clip) and a tail can start in a hole, or end one
const HOLES = new URLSearchParams(location.search).get('holes') === '1';
const value = (t: number, s: number): number | null => (HOLES && s === 0 && t % 3600 < 600 ? null : 50 + Math.round(30 * Math.sin(t / 1800 + s) + 17 * Math.sin(t * 7.3 + s * 3)));
// why: one series is drawn with an area under it, several are lines only
const COUNT = Number(new URLSearchParams(location.search).get('series') ?? 2);
const IDX = Array.from({ length: COUNT }, (_, s) => s);
const series = (id: string, xs: number[]): SeriesData => ({
  panelId: id,
  x: xs,
  y: IDX.map((s) => xs.map((t) => value(t, s))),
  series: IDX.map((s) => ({ key: 'k' + s, query: 'q', labels: { s: String(s) }, name: 'series ' + s })),
  errors: [],
});
const xs: number[] = [];
for (let t = now - WINDOW; t <= now; t += STEP) xs.push(t);
const store = useWallboard;
store.getState().setSeries([series('live', xs)]);
store.getState().setRange({ from: (now - WINDOW) * 1000, to: now * 1000 });
const cfg = (id: string) => ({ panelId: id, syncKey: id, unit: 'short' as const, thresholds: [{ value: 90, severity: 'critical' as const }] });
mountTimeseriesChart(document.getElementById('live')!, cfg('live'));
let fresh: ChartHandle | null = null;

// why: the tail strip is the only ctx.rect(x, 0, …) clip drawn on the live chart's canvas
let tails = 0;
const rect = CanvasRenderingContext2D.prototype.rect;
CanvasRenderingContext2D.prototype.rect = function (x: number, y: number, w: number, h: number) {
  if (this.canvas.closest('#live') && y === 0 && x > 0) tails++;
  return rect.call(this, x, y, w, h);
};

const frames = (n: number) => new Promise<void>((r) => { const f = (k: number) => (k ? requestAnimationFrame(() => f(k - 1)) : r()); f(n); });

(window as any).__live = {
  async step(samples: number) {
    const tail: SeriesData = series('live', Array.from({ length: samples }, (_, i) => now + STEP * (i + 1)));
    now += STEP * samples;
    const from = now - WINDOW;
    const merged = mergeTail(store.getState().series.live!, tail, from);
    store.getState().setSeries([merged!], undefined, { from: from * 1000, to: now * 1000 });
    await frames(2);
  },
  /** Draws the live chart's data afresh in the second box; resolves when it has drawn. */
  async fresh() {
    fresh?.destroy();
    const live = store.getState().series.live!;
    store.getState().setSeries([{ ...live, panelId: 'fresh', x: [...live.x], y: live.y.map((c) => [...c]) }]);
    fresh = mountTimeseriesChart(document.getElementById('fresh')!, cfg('fresh'));
    await frames(3);
  },
  /**
   * How the two charts' canvases differ: pixels that differ at all, and "blots": pixels that
   * differ strongly next to another that does. A missing or misplaced piece of a 2 px line is a
   * blot; rasterizing the same path with another extent moves antialiasing by single pixels.
   */
  diff() {
    const [a, b] = ['live', 'fresh'].map((id) => document.querySelector('#' + id + ' canvas') as HTMLCanvasElement);
    if (!a || !b || a.width !== b.width || a.height !== b.height) return { differing: -1, blots: -1, pixels: 0, at: '' };
    const da = a.getContext('2d')!.getImageData(0, 0, a.width, a.height).data;
    const db = b.getContext('2d')!.getImageData(0, 0, b.width, b.height).data;
    const delta = new Uint8Array(da.length / 4);
    let differing = 0;
    for (let p = 0; p < delta.length; p++) {
      let d = 0;
      for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(da[4 * p + c]! - db[4 * p + c]!));
      delta[p] = d;
      if (d > 0) differing++;
    }
    const STRONG = 48; // of 255
    let blots = 0;
    // why: a failure names where on the canvas (x,y device px) the first blots are
    const at: string[] = [];
    for (let p = 0; p < delta.length; p++) {
      if (delta[p]! <= STRONG) continue;
      const right = (p + 1) % a.width !== 0 && delta[p + 1]! > STRONG;
      const below = p + a.width < delta.length && delta[p + a.width]! > STRONG;
      if (right || below) {
        blots++;
        if (at.length < 8) at.push((p % a.width) + ',' + Math.floor(p / a.width));
      }
    }
    return { differing, blots, pixels: delta.length, at: at.join(' ') };
  },
  tails: () => tails,
};
`;

interface LivePage {
  __live: {
    step(samples: number): Promise<void>;
    fresh(): Promise<void>;
    diff(): { differing: number; blots: number; pixels: number; at: string };
    tails(): number;
  };
}

let browser: Browser;
let page: BuiltPage;

beforeAll(async () => {
  [browser, page] = await Promise.all([launchBrowser(), buildPage({ html: HTML, main: MAIN }, false)]);
});

afterAll(async () => {
  await browser?.close();
  await page?.close();
});

describe('a live chart after each tick', () => {
  it.each([
    [1, false],
    [2, false],
    [1, true],
    [2, true],
  ])('with %i series (holes: %s) shows what a chart drawn from scratch with the same data shows', async (count, holes) => {
    const wall: WallPage = await openWall(browser, `${page.url}?series=${count}${holes ? '&holes=1' : ''}`, { width: 460, height: 500 });
    try {
      await wall.page.waitForFunction(() => document.querySelectorAll('#live canvas').length === 1);
      const results = await wall.page.evaluate(async () => {
        const live = (globalThis as unknown as LivePage).__live;
        const out: { step: number; differing: number; blots: number; pixels: number; at: string }[] = [];
        // 1 sample per tick (most move no bucket: tails), then catch-ups that move the window
        for (let i = 0; i < 40; i++) {
          await live.step(i % 10 === 9 ? 20 : 1);
          await live.fresh();
          out.push({ step: i, ...live.diff() });
        }
        return { out, tails: live.tails() };
      });
      await screenshot(wall.page, `live-redraw-${count}${holes ? '-holes' : ''}`);
      expect(wall.errors).toEqual([]);
      // the tail path really ran (else this would only test full draws); a tick that ends a hole
      // changes the y range of no chart but is drawn whole more often, hence fewer with holes
      expect(results.tails).toBeGreaterThan(holes ? 5 : 10);
      for (const r of results.out) {
        expect(r.pixels).toBeGreaterThan(10_000);
        expect({ step: r.step, blots: r.blots, at: r.at }).toEqual({ step: r.step, blots: 0, at: '' });
        // single pixels of antialiasing; a moved or missing line is a blot (above)
        expect(r.differing / r.pixels).toBeLessThan(0.01);
      }
    } finally {
      await wall.close();
    }
  });
});
