// Charts end to end: real `wallboard serve`, real Chromium, pixels read back from the canvases.
// 1. Every timeseries of the demo board draws its lines (brand colour on the canvas).
// 2. A hole in the upstream data is drawn as a hole: a Prometheus stub answers the engine's first
//    backfill with 2 h of a flat series missing 15 minutes; the line must stop and resume there.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../src/shared/api';
import { getJson, type ServerHandle } from '../integration/servers';
import { startPrometheusStub } from './prometheus-stub';
import { launchBrowser, openWall, screenshot } from './browser';
import { plotBoxScript } from './plot-box';
import { startWallboard, type Wallboard } from './serve';

let browser: Browser;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const stop of stops.reverse()) await stop();
});

/** Page script: per timeseries panel, how many canvas pixels are near its first series colour. */
function inkScript(colors: Record<string, string>): string {
  return `(() => {
    const colors = ${JSON.stringify(colors)};
    const out = {};
    for (const [id, hex] of Object.entries(colors)) {
      const c = document.querySelector('[data-testid="panel"][data-panel-id="' + id + '"] .wb-plot canvas');
      if (!c) { out[id] = -1; continue; }
      const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) < 60) n++;
      }
      out[id] = n;
    }
    return out;
  })()`;
}

/** Presses → until the wall shows `pageId` (rotation is off, so only keys move it). */
async function gotoPage(page: Page, pageId: string, pages: number): Promise<void> {
  for (let i = 0; i <= pages; i++) {
    if ((await page.getAttribute('[data-testid="page"]', 'data-page-id')) === pageId) return;
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(100);
  }
  throw new Error(`page ${pageId} never showed`);
}

describe('timeseries charts on the demo board', () => {
  let wb: Wallboard;
  let board: BoardView;

  beforeAll(async () => {
    wb = await startWallboard({ waitHealthy: true });
    stops.push(() => wb.stop());
    board = await getJson<BoardView>(`${wb.url}/api/board`);
  });

  it('draws the lines of every timeseries panel, first series in its brand colour', async () => {
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0`);
    try {
      // why: a critical demo incident may make the wall jump to its brand's page once; let it
      await wall.page.waitForSelector('[data-testid="page"]');
      await wall.page.waitForTimeout(2_000);
      for (const [i, page] of board.pages.entries()) {
        const charts = page.panels.filter((p) => p.type === 'timeseries');
        const drawn = charts.map((p) => `[data-testid="panel"][data-panel-id="${p.id}"] [data-chart-drawn]`);
        for (let attempt = 0; ; attempt++) {
          await gotoPage(wall.page, page.id, board.pages.length);
          try {
            for (const sel of drawn) await wall.page.waitForSelector(sel, { timeout: 15_000 });
            break;
          } catch (e) {
            if (attempt > 0) throw e; // the page was shown twice and its charts never drew
          }
        }
        const colors = Object.fromEntries(
          charts.map((p) => [p.id, board.brands.find((b) => b.id === p.brand)?.color ?? '#73bf69']),
        );
        const ink = (await wall.page.evaluate(inkScript(colors))) as Record<string, number>;
        for (const p of charts) {
          // a drawn 2 px line across a few hundred px is well over 200 pixels; a blank canvas is 0
          expect(ink[p.id], `panel ${p.id} on page ${page.id}`).toBeGreaterThan(200);
        }
        if (i === 0) await screenshot(wall.page, 'charts-demo-overview-1920x1080');
      }
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('draws at 3840x2160 too (screenshot for a look)', async () => {
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=overview`, { width: 3840, height: 2160 });
    try {
      const first = board.pages[0];
      const charts = first?.panels.filter((p) => p.type === 'timeseries') ?? [];
      await wall.page.waitForTimeout(2_000);
      await gotoPage(wall.page, first?.id ?? '', board.pages.length);
      for (const p of charts) await wall.page.waitForSelector(`[data-panel-id="${p.id}"] [data-chart-drawn]`, { timeout: 15_000 });
      const colors = Object.fromEntries(charts.map((p) => [p.id, board.brands.find((b) => b.id === p.brand)?.color ?? '#73bf69']));
      const ink = (await wall.page.evaluate(inkScript(colors))) as Record<string, number>;
      for (const p of charts) expect(ink[p.id], `panel ${p.id}`).toBeGreaterThan(400);
      await screenshot(wall.page, 'charts-demo-overview-3840x2160');
    } finally {
      await wall.close();
    }
  });
});

/**
 * Page script: per timeseries panel of `ids`, the axis font px the chart was built with and the x axis
 * height uPlot laid out (CSS px below the plot area), or null while its chart is missing.
 */
function axisScript(ids: string[]): string {
  return `(() => {
    const out = {};
    for (const id of ${JSON.stringify(ids)}) {
      const plot = document.querySelector('[data-testid="panel"][data-panel-id="' + id + '"] .wb-plot');
      const wrap = plot && plot.querySelector('.u-wrap');
      const over = plot && plot.querySelector('.u-over');
      out[id] = wrap && over && plot.dataset.axisFontPx
        ? { fontPx: Number(plot.dataset.axisFontPx), xAxisPx: wrap.clientHeight - over.offsetTop - over.offsetHeight, charts: plot.querySelectorAll('.uplot').length }
        : null;
    }
    return out;
  })()`;
}

type AxisSizes = Record<string, { fontPx: number; xAxisPx: number; charts: number } | null>;

describe('a display that changes resolution', () => {
  let wb: Wallboard;
  let ids: string[];

  beforeAll(async () => {
    wb = await startWallboard({ waitHealthy: true });
    stops.push(() => wb.stop());
    const board = await getJson<BoardView>(`${wb.url}/api/board`);
    ids = board.pages[0]?.panels.filter((p) => p.type === 'timeseries').map((p) => p.id) ?? [];
    expect(ids.length).toBeGreaterThan(0);
  });

  async function drawnAxes(width: number, height: number): Promise<AxisSizes> {
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=overview`, { width, height });
    try {
      for (const id of ids) await wall.page.waitForSelector(`[data-panel-id="${id}"] [data-chart-drawn]`, { timeout: 15_000 });
      return (await wall.page.evaluate(axisScript(ids))) as AxisSizes;
    } finally {
      await wall.close();
    }
  }

  it('rebuilds chart axes at the new size after an in-place resize 1920x1080 → 3840x2160', async () => {
    const fresh = await drawnAxes(3840, 2160);
    const small = await drawnAxes(1920, 1080);
    for (const id of ids) {
      // not vacuous: a 4K wall's axis text is larger than a 1080p wall's
      expect(fresh[id]?.fontPx, `panel ${id}`).toBeGreaterThan(small[id]?.fontPx ?? Infinity);
    }
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=overview`, { width: 1920, height: 1080 });
    try {
      for (const id of ids) await wall.page.waitForSelector(`[data-panel-id="${id}"] [data-chart-drawn]`, { timeout: 15_000 });
      expect((await wall.page.evaluate(axisScript(ids))) as AxisSizes).toEqual(small);
      await screenshot(wall.page, 'charts-resize-before-1920x1080');
      await wall.page.setViewportSize({ width: 3840, height: 2160 });
      let now: AxisSizes = {};
      const deadline = Date.now() + 20_000;
      do {
        await wall.page.waitForTimeout(250);
        now = (await wall.page.evaluate(axisScript(ids))) as AxisSizes;
      } while (JSON.stringify(now) !== JSON.stringify(fresh) && Date.now() < deadline);
      // same axis font and x axis height as a page opened at 3840x2160, and one chart per panel
      expect(now).toEqual(fresh);
      await screenshot(wall.page, 'charts-resize-after-3840x2160');
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

describe('a hole in the data', () => {
  const HOLE_FROM = 40 * 60_000; // ms before the stub started
  const HOLE_TO = 25 * 60_000;
  let prom: ServerHandle;
  let wb: Wallboard;
  let t0: number;

  beforeAll(async () => {
    t0 = Date.now();
    const inHole = (tMs: number): boolean => tMs >= t0 - HOLE_FROM && tMs < t0 - HOLE_TO;
    const metric = { __name__: 'wb_flat', instance: 'stub:9100', job: 'stub' };
    prom = await startPrometheusStub((path, form) => {
      if (path === '/api/v1/query_range') {
        const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(form.get(k)));
        const values: [number, string][] = [];
        for (let t = start as number; t <= (end as number); t += step as number) if (!inHole(t * 1000)) values.push([t, '50']);
        return { resultType: 'matrix', result: [{ metric, values }] };
      }
      if (path === '/api/v1/query') {
        const t = Number(form.get('time') ?? Date.now() / 1000);
        return { resultType: 'vector', result: inHole(t * 1000) ? [] : [{ metric, value: [t, '50'] }] };
      }
      return undefined;
    });
    stops.push(() => prom.stop());
    wb = await startWallboard({
      waitHealthy: true,
      boardYaml: [
        'title: Gap check',
        'retention: 2h',
        'sources:',
        '  prometheus:',
        `    - { id: stub, url: "${prom.url}", interval: 15s }`,
        'pages:',
        '  - id: gaps',
        '    title: Gaps',
        '    panels:',
        '      - { id: gap, type: timeseries, title: "Flat line with a 15 min hole", query: "wb_flat", min: 0, max: 100, grid: { x: 0, y: 0, w: 24, h: 8 } }',
        '',
      ].join('\n'),
    });
    stops.push(() => wb.stop());
  });

  it('stops the line where samples are missing and resumes it after', async () => {
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0`);
    try {
      await wall.page.waitForSelector('[data-panel-id="gap"] [data-chart-drawn]', { timeout: 30_000 });
      // Columns of the plot area where the line's colour appears in the row band the line sits on.
      const scan = (await wall.page.evaluate(`(() => {
        ${plotBoxScript('gap')}
        const d = ctx.getImageData(left, top, w, h).data;
        const isLine = (x, y) => { const i = (y * w + x) * 4; return Math.abs(d[i] - 0x73) + Math.abs(d[i + 1] - 0xbf) + Math.abs(d[i + 2] - 0x69) < 60; };
        let best = 0, bestY = 0;
        for (let y = 0; y < h; y++) { let n = 0; for (let x = 0; x < w; x++) if (isLine(x, y)) n++; if (n > best) { best = n; bestY = y; } }
        const cols = [];
        for (let x = 0; x < w; x++) { let on = false; for (let y = Math.max(0, bestY - 2); y <= Math.min(h - 1, bestY + 2); y++) if (isLine(x, y)) on = true; cols.push(on); }
        return { width: w, lineY: bestY / h, cols };
      })()`)) as { width: number; lineY: number; cols: boolean[] };
      await screenshot(wall.page, 'charts-gap-1920x1080');

      // the flat line at 50 of 0..100 sits mid-height
      expect(scan.lineY).toBeGreaterThan(0.4);
      expect(scan.lineY).toBeLessThan(0.6);
      // runs of columns without the line, as fractions of the plot width
      const runs: [number, number][] = [];
      for (let x = 0; x < scan.width; x++) {
        if (scan.cols[x]) continue;
        const start = x;
        while (x < scan.width && !scan.cols[x]) x++;
        runs.push([start / scan.width, x / scan.width]);
      }
      const long = runs.filter(([a, b]) => b - a > 0.05);
      // the window is the last hour: the hole is 40 → 25 min ago, i.e. 1/3 → 7/12 of the width
      expect(long, `runs without the line: ${JSON.stringify(runs)}`).toHaveLength(1);
      const [a, b] = long[0] as [number, number];
      expect(a).toBeGreaterThan(1 / 3 - 0.03);
      expect(a).toBeLessThan(1 / 3 + 0.03);
      expect(b).toBeGreaterThan(7 / 12 - 0.03);
      expect(b).toBeLessThan(7 / 12 + 0.03);
      // and the line is there on both sides
      const on = (from: number, to: number): number => scan.cols.slice(Math.round(from * scan.width), Math.round(to * scan.width)).filter(Boolean).length / ((to - from) * scan.width);
      expect(on(0.05, 0.3)).toBeGreaterThan(0.95);
      expect(on(0.62, 0.95)).toBeGreaterThan(0.95);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

});
