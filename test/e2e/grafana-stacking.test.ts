// 100 % stacking, negative-Y and series overrides end to end: a Grafana dashboard imported with the
// real CLI against a real Prometheus scraping a real node_exporter, served, and read back from the
// canvas in Chromium. Memory "available" (red) and "used" (blue) stacked as shares must fill the plot
// from 0 to exactly 100 %, meeting where Prometheus' own available/total ratio puts them; the hidden
// "total" (green) is never drawn; a "transmit" series (blue, negative-Y) is drawn below "receive" (red).
// A second dashboard (mappings-axes-bars.json): value mappings shown as their text and colour; bars
// (stacked, standing on zero) and a series on a right-hand y axis read back from the canvas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/api';
import type { Board } from '../../src/shared/config-schema';
import { getJson, startNodeExporter, startPrometheus, stopAll, waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, screenshot, waitPanels } from './browser';
import { importGrafana } from './grafana-cli';
import { requireBuild, startWallboard, type Wallboard } from './serve';

const dir = mkdtempSync(join(tmpdir(), 'wallboard-grafana-stacking-'));
let prom: ServerHandle;
let wb: Wallboard;
let browser: Browser;
let board: Board;
let wb2: Wallboard;
let board2: Board;

interface PromVector {
  data: { result: { value: [number, string] }[] };
}
const instant = async (expr: string): Promise<number | undefined> => {
  const r = await getJson<PromVector>(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const v = r.data.result[0]?.value[1];
  return v === undefined ? undefined : Number(v);
};

/**
 * Memory available / total over the last 3 min, [min, max]: memory moves on a shared machine, so the
 * drawn columns span the shares of the last minutes.
 */
async function availableShare(): Promise<[number, number]> {
  const ratio = 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes';
  return [(await instant(`min_over_time((${ratio})[3m:1s])`)) as number, (await instant(`max_over_time((${ratio})[3m:1s])`)) as number];
}

beforeAll(async () => {
  requireBuild();
  const nodeExporter = await startNodeExporter();
  prom = await startPrometheus({ scrapeTargets: [nodeExporter.url], scrapeInterval: '1s' });
  await waitFor('memory scraped', async () => ((await instant('node_memory_MemAvailable_bytes')) ?? 0) > 0);
  const imported = importGrafana('test/fixtures/grafana/stacking-shares.json', prom.url, dir, 'board');
  board = imported.board;
  wb = await startWallboard({ boardYaml: imported.yaml, waitHealthy: true });
  const extras = importGrafana('test/fixtures/grafana/mappings-axes-bars.json', prom.url, dir, 'extras');
  board2 = extras.board;
  wb2 = await startWallboard({ boardYaml: extras.yaml, waitHealthy: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
  await wb2?.stop();
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Ink {
  /** plot height, device px */
  height: number;
  /** per plot column whose top row is blue: the first row from the top that is red (−1: none) */
  redStart: number[];
  /** rows of red and blue pixels */
  red: number[];
  blue: number[];
  green: number;
}

/** why not Math.max(...rows): one row per red pixel; a wall that ran a while holds more than the call stack takes */
function extreme(rows: number[], which: 'min' | 'max'): number {
  return rows.reduce((a, b) => (which === 'max' ? Math.max(a, b) : Math.min(a, b)), which === 'max' ? -Infinity : Infinity);
}

/** Reads a panel's plot area (uPlot's .u-over box) from its canvas, classifying pure red/blue/green. */
function readInk(page: Page, panelId: string): Promise<Ink> {
  return page.evaluate((id) => {
    const root = document.querySelector(`[data-testid="panel"][data-panel-id="${id}"]`);
    const canvas = root?.querySelector('.wb-plot canvas') as HTMLCanvasElement | null;
    const over = root?.querySelector('.wb-plot .u-over');
    if (!canvas || !over) throw new Error(`no chart in ${id}`);
    const c = canvas.getBoundingClientRect();
    const o = over.getBoundingClientRect();
    const k = canvas.width / c.width;
    const [x0, y0, w, h] = [Math.round((o.left - c.left) * k), Math.round((o.top - c.top) * k), Math.round(o.width * k), Math.round(o.height * k)];
    const d = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(x0, y0, w, h).data;
    const kind = (x: number, y: number): string => {
      const i = (y * w + x) * 4;
      const [r, g, b] = [d[i] as number, d[i + 1] as number, d[i + 2] as number];
      return r > 200 && g < 60 && b < 60 ? 'r' : b > 200 && r < 60 && g < 60 ? 'b' : g > 200 && r < 60 && b < 60 ? 'g' : '';
    };
    const ink = { height: h, redStart: [] as number[], red: [] as number[], blue: [] as number[], green: 0 };
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) {
        const kd = kind(x, y);
        if (kd === 'r') ink.red.push(y);
        else if (kd === 'b') ink.blue.push(y);
        else if (kd === 'g') ink.green++;
      }
      if (kind(x, 3) === 'b') {
        let y = 3;
        while (y < h && kind(x, y) !== 'r') y++;
        ink.redStart.push(y < h ? y : -1);
      }
    }
    return ink;
  }, panelId);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('Grafana stacking and series overrides, drawn from a real Prometheus', () => {
  it('imports percent stacking, the overrides and negative-Y as board settings', () => {
    const [mem, net] = board.pages[0]!.panels;
    expect(mem).toMatchObject({ title: 'Memory shares', stack: 'percent', fill: 1, overrides: [{ query: 0, color: '#ff0000' }, { match: 'used', color: '#0000ff' }, { match: 'total', color: '#00ff00', hide: true }] });
    expect(net).toMatchObject({ title: 'Memory in and out', overrides: [{ match: '/.*transmit/', negate: true, color: '#0000ff' }, { match: 'node receive', color: '#ff0000' }] });
  });

  it('stacked shares fill exactly 0–100 %, split where Prometheus puts them; hidden is not drawn; negative-Y is below', async () => {
    const [mem, net] = board.pages[0]!.panels;
    // why: a 2-minute window, so the seconds of data since Prometheus started span many columns
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&window=2m`);
    try {
      expect(await waitPanels(wall.page, 'ok', { ids: [mem!.id, net!.id], timeout: 60_000 })).toBe(true);
      // why: a few live points, so the areas are columns wide, not a single sliver
      let ink: Ink | undefined;
      await waitFor('memory shares drawn over 20 columns', async () => {
        ink = await readInk(wall.page, mem!.id);
        return ink.redStart.length >= 20;
      }, 60_000);
      const [lo, hi] = await availableShare();
      await screenshot(wall.page, 'grafana-stacking-1920x1080');
      const m = ink as Ink;
      // the top of the stack is the top of the plot (100 %) in every drawn column: blue there, and
      // red (available) from (100 − share) % of the height down to the bottom
      expect(m.redStart.every((y) => y > 0)).toBe(true);
      const split = median(m.redStart) / m.height;
      expect(split).toBeGreaterThan(1 - hi - 0.01);
      expect(split).toBeLessThan(1 - lo + 0.01);
      expect(extreme(m.red, 'max')).toBeGreaterThan(m.height - 4);
      expect(m.green).toBe(0);
      const legend = await wall.page.locator(`[data-panel-id="${mem!.id}"] [data-testid="chart-legend"]`).innerText();
      expect(legend).toContain('available');
      expect(legend).not.toContain('total');

      const n = await readInk(wall.page, net!.id);
      expect(n.red.length).toBeGreaterThan(10);
      expect(n.blue.length).toBeGreaterThan(10);
      // transmit mirrors receive below zero: every blue pixel under the red line (2 px line width)
      expect(median(n.blue)).toBeGreaterThan(median(n.red) + 4);
      expect(extreme(n.blue, 'min')).toBeGreaterThanOrEqual(extreme(n.red, 'max') - 2);
      // the legend keeps transmit's own (positive) value
      const netLegend = await wall.page.locator(`[data-panel-id="${net!.id}"] [data-testid="chart-legend"]`).innerText();
      expect(netLegend).toMatch(/node transmit\s*[0-9]/);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

describe('Grafana value mappings, drawn from a real Prometheus', () => {
  const panelOf = (title: string): string => {
    const p = board2.pages.flatMap((pg) => pg.panels).find((x) => x.title === title);
    if (!p) throw new Error(`no panel "${title}"`);
    return p.id;
  };
  /** The text a stat or gauge shows and its colour, as the page renders them. */
  const shown = (page: Page, id: string): Promise<{ text: string; color: string }> =>
    page.evaluate((pid) => {
      const el = document.querySelector(`[data-panel-id="${pid}"] [data-testid="stat-value"], [data-panel-id="${pid}"] [data-testid="gauge-value"]`);
      if (!el) return { text: '', color: '' };
      const number = el.querySelector('.wb-stat__number') ?? el;
      return { text: (el.textContent ?? '').trim(), color: el.tagName === 'text' ? (el.getAttribute('fill') ?? '') : getComputedStyle(number).color };
    }, id);

  it('shows mapped values as their text in their colour: UP/DOWN, a range, a regex, the timeseries legend', async () => {
    const wall = await openWall(browser, `${wb2.url}/?rotate=0&burnin=0&window=2m`);
    try {
      const ids = ['Node exporter', 'Targets', 'Node up share', 'Scrapers', 'Up over time'].map(panelOf);
      expect(await waitPanels(wall.page, 'ok', { ids, timeout: 60_000 })).toBe(true);
      const down = panelOf('Node exporter (broken)');
      await waitFor('mapped texts shown', async () => (await shown(wall.page, down)).text === 'DOWN' && (await shown(wall.page, ids[0] as string)).text === 'UP', 60_000);
      // Prometheus answers 1 (node up) and 0 (the broken copy): Grafana's green and red
      expect(await shown(wall.page, ids[0] as string)).toEqual({ text: 'UP', color: 'rgb(115, 191, 105)' });
      expect(await shown(wall.page, down)).toEqual({ text: 'DOWN', color: 'rgb(242, 73, 92)' });
      // Grafana's steps (red below 1, green from 1): UP raises nothing, DOWN is critical
      const snap = await getJson<Snapshot>(`${wb2.url}/api/snapshot`);
      expect(snap.panels[ids[0] as string]?.thresholdSeverity).toBeUndefined();
      expect(snap.panels[down]?.thresholdSeverity).toBe('critical');
      expect((await shown(wall.page, ids[1] as string)).text).toBe('a few');
      expect(await shown(wall.page, ids[2] as string)).toEqual({ text: 'all up', color: '#00ff00' });
      expect((await shown(wall.page, ids[3] as string)).text).toBe('running');
      expect((await shown(wall.page, panelOf('Probe OK'))).text).toBe('OK');
      const legend = await wall.page.locator(`[data-panel-id="${ids[4] as string}"] [data-testid="chart-legend"]`).innerText();
      expect(legend).toMatch(/node\s*UP/);
      // the mapped value in the mapping's colour (Grafana's "green"), not the theme's text colour
      const legendColor = await wall.page.locator(`[data-panel-id="${ids[4] as string}"] [data-testid="chart-legend"] .wb-legend-num`).first().evaluate((e) => getComputedStyle(e).color);
      expect(legendColor).toBe('rgb(115, 191, 105)');
      await screenshot(wall.page, 'grafana-mappings-axes-bars-1920x1080');
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

interface Columns {
  height: number;
  /** plot columns (device px) whose bottom row is red: where bars stand */
  redBottom: number[];
  /** per such column: rows of red and of blue */
  red: number[];
  blue: number[];
  /** rows of blue pixels anywhere in the plot */
  blueRows: number[];
  /** device px from the canvas' left edge to the plot box: the left axis' room */
  plotLeft: number;
  /** plot columns (device px) with red anywhere: points are separate runs, a line is one */
  redAny: number[];
  /** ink (non-background pixels) right of the plot box, in the right axis' place */
  rightInk: number;
  rightAxis: string;
}

/** Per plot column: red standing on the bottom row (bars), and the blue above it; the right axis' ink. */
function readColumns(page: Page, panelId: string): Promise<Columns> {
  return page.evaluate((id) => {
    const root = document.querySelector(`[data-testid="panel"][data-panel-id="${id}"]`);
    const plot = root?.querySelector('.wb-plot') as HTMLElement | null;
    const canvas = root?.querySelector('.wb-plot canvas') as HTMLCanvasElement | null;
    const over = root?.querySelector('.wb-plot .u-over');
    if (!plot || !canvas || !over) throw new Error(`no chart in ${id}`);
    const c = canvas.getBoundingClientRect();
    const o = over.getBoundingClientRect();
    const k = canvas.width / c.width;
    const [x0, y0, w, h] = [Math.round((o.left - c.left) * k), Math.round((o.top - c.top) * k), Math.round(o.width * k), Math.round(o.height * k)];
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const d = ctx.getImageData(x0, y0, w, h).data;
    const kind = (x: number, y: number): string => {
      const i = (y * w + x) * 4;
      const [r, g, b] = [d[i] as number, d[i + 1] as number, d[i + 2] as number];
      return r > 180 && g < 80 && b < 80 ? 'r' : b > 180 && r < 80 && g < 80 ? 'b' : '';
    };
    const out = { height: h, redBottom: [] as number[], red: [] as number[], blue: [] as number[], blueRows: [] as number[], redAny: [] as number[], plotLeft: x0, rightInk: 0, rightAxis: plot.dataset['rightAxis'] ?? '' };
    for (let x = 0; x < w; x++) {
      let anyRed = false;
      for (let y = 0; y < h; y++) {
        const kd = kind(x, y);
        if (kd === 'b') out.blueRows.push(y);
        else if (kd === 'r') anyRed = true;
      }
      if (anyRed) out.redAny.push(x);
      if (kind(x, h - 2) !== 'r') continue;
      out.redBottom.push(x);
      let red = 0;
      let blue = 0;
      for (let y = 0; y < h; y++) {
        const kd = kind(x, y);
        if (kd === 'r') red++;
        else if (kd === 'b') blue++;
      }
      out.red.push(red);
      out.blue.push(blue);
    }
    const rx = x0 + w + 2;
    const rw = canvas.width - rx;
    if (rw > 0) {
      const r = ctx.getImageData(rx, y0, rw, h).data;
      for (let i = 0; i < r.length; i += 4) if ((r[i] as number) + (r[i + 1] as number) + (r[i + 2] as number) > 300) out.rightInk++;
    }
    return out;
  }, panelId);
}

/** Runs of consecutive numbers: bars are separate runs of columns, an area is one. */
const runs = (xs: number[]): number => xs.filter((x, i) => i === 0 || x !== (xs[i - 1] as number) + 1).length;

describe('Grafana bars and a second y axis, drawn from a real Prometheus', () => {
  const panelOf = (title: string): string => {
    const p = board2.pages.flatMap((pg) => pg.panels).find((x) => x.title === title);
    if (!p) throw new Error(`no panel "${title}"`);
    return p.id;
  };

  it('stacked bars stand on zero, apart, split where Prometheus puts them; the right axis reads 0–100 % with its series on it', async () => {
    const bars = panelOf('Memory bars');
    const two = panelOf('Memory used and free share');
    const old = panelOf('Old graph: bars and a right axis');
    const wall = await openWall(browser, `${wb2.url}/?rotate=0&burnin=0&window=2m`);
    try {
      expect(await waitPanels(wall.page, 'ok', { ids: [bars, two, old], timeout: 60_000 })).toBe(true);
      let b: Columns | undefined;
      // why: the imported board polls every 15 s, so a bar appears every 15 s
      await waitFor('4 bars drawn', async () => {
        b = await readColumns(wall.page, bars);
        return runs(b.redBottom) >= 4 && runs((await readColumns(wall.page, old)).redBottom) >= 4;
      }, 120_000);
      const [lo, hi] = await availableShare();
      await screenshot(wall.page, 'grafana-bars-right-axis-1920x1080');
      const m = b as Columns;
      // bars: separate runs of columns with gaps between them (an area would be one run)
      expect(runs(m.redBottom)).toBeGreaterThanOrEqual(4);
      // stacked from zero: in each bar, available (red) is its share of the total under used (blue)
      const redShare = m.red.map((r, i) => r / (r + (m.blue[i] as number)));
      expect(median(redShare)).toBeGreaterThan(lo - 0.02);
      expect(median(redShare)).toBeLessThan(hi + 0.02);

      for (const id of [two, old]) {
        const c = await readColumns(wall.page, id);
        // the right axis: its labels in percent from 0 to 100, drawn right of the plot
        expect(c.rightAxis).toMatch(/^0% \|.*\| 100%$/);
        expect(c.rightInk).toBeGreaterThan(50);
        // free share (blue) is read against it: (100 − share) % of the plot's height from the top
        expect(c.blueRows.length).toBeGreaterThan(10);
        const y = median(c.blueRows) / c.height;
        expect(y).toBeGreaterThan(1 - hi - 0.03);
        expect(y).toBeLessThan(1 - lo + 0.03);
      }
      // the old graph's used memory stands as bars on 0 B, its free share is a line (no bar on the bottom row)
      const o = await readColumns(wall.page, old);
      expect(runs(o.redBottom)).toBeGreaterThanOrEqual(4);
      const legend = await wall.page.locator(`[data-panel-id="${two}"] [data-testid="chart-legend"]`).innerText();
      expect(legend).toMatch(/free share\s*[0-9.]+%/);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});

describe('Grafana points, drawn from a real Prometheus', () => {
  it('a points series is a dot per sample with no line between; an override back to line is a line; a hidden y axis takes no room', async () => {
    const panelOf = (title: string): string => {
      const p = board2.pages.flatMap((pg) => pg.panels).find((x) => x.title === title);
      if (!p) throw new Error(`no panel "${title}"`);
      return p.id;
    };
    const pts = panelOf('Up as points');
    const old = panelOf('Old graph: points');
    const wall = await openWall(browser, `${wb2.url}/?rotate=0&burnin=0&window=2m`);
    try {
      expect(await waitPanels(wall.page, 'ok', { ids: [pts, old], timeout: 60_000 })).toBe(true);
      // why: the imported board polls every 15 s, so a dot appears every 15 s
      await waitFor('4 dots drawn', async () => {
        const [a, b] = [await readColumns(wall.page, pts), await readColumns(wall.page, old)];
        return runs(a.redAny) >= 4 && runs(b.redAny) >= 4;
      }, 120_000);
      await screenshot(wall.page, 'grafana-points-1920x1080');
      for (const id of [pts, old]) {
        const c = await readColumns(wall.page, id);
        // separate dots: as many runs of red columns as samples, each a dot wide (a line is one run)
        expect(runs(c.redAny)).toBeGreaterThanOrEqual(4);
        expect(c.redAny.length / runs(c.redAny)).toBeLessThan(40);
        // the y axis Grafana hides takes no room (a drawn one is ~50 px of labels)
        expect(c.plotLeft).toBeLessThan(5);
      }
      expect((await readColumns(wall.page, panelOf('Memory used and free share'))).plotLeft).toBeGreaterThan(30);
      // the series an override draws as a line spans the plot as one run of blue (up to its gaps)
      const p = await readColumns(wall.page, pts);
      expect(p.blueRows.length).toBeGreaterThan(10 * runs(p.redAny));
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});
