// 100 % stacking, negative-Y and series overrides end to end: a Grafana dashboard imported with the
// real CLI against a real Prometheus scraping a real node_exporter, served, and read back from the
// canvas in Chromium. Memory "available" (red) and "used" (blue) stacked as shares must fill the plot
// from 0 to exactly 100 %, meeting where Prometheus' own available/total ratio puts them; the hidden
// "total" (green) is never drawn; a "transmit" series (blue, negative-Y) is drawn below "receive" (red).
// A second dashboard (mappings-axes-bars.json): value mappings shown as their text and colour.
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
      // why: memory moves on a shared machine; the drawn columns span the shares of the last minutes
      const ratio = 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes';
      const lo = (await instant(`min_over_time((${ratio})[3m:1s])`)) as number;
      const hi = (await instant(`max_over_time((${ratio})[3m:1s])`)) as number;
      await screenshot(wall.page, 'grafana-stacking-1920x1080');
      const m = ink as Ink;
      // the top of the stack is the top of the plot (100 %) in every drawn column: blue there, and
      // red (available) from (100 − share) % of the height down to the bottom
      expect(m.redStart.every((y) => y > 0)).toBe(true);
      const split = median(m.redStart) / m.height;
      expect(split).toBeGreaterThan(1 - hi - 0.01);
      expect(split).toBeLessThan(1 - lo + 0.01);
      expect(Math.max(...m.red)).toBeGreaterThan(m.height - 4);
      expect(m.green).toBe(0);
      const legend = await wall.page.locator(`[data-panel-id="${mem!.id}"] [data-testid="chart-legend"]`).innerText();
      expect(legend).toContain('available');
      expect(legend).not.toContain('total');

      const n = await readInk(wall.page, net!.id);
      expect(n.red.length).toBeGreaterThan(10);
      expect(n.blue.length).toBeGreaterThan(10);
      // transmit mirrors receive below zero: every blue pixel under the red line (2 px line width)
      expect(median(n.blue)).toBeGreaterThan(median(n.red) + 4);
      expect(Math.min(...n.blue)).toBeGreaterThanOrEqual(Math.max(...n.red) - 2);
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
      const legend = await wall.page.locator(`[data-panel-id="${ids[4] as string}"] [data-testid="chart-legend"]`).innerText();
      expect(legend).toMatch(/node\s*UP/);
      await screenshot(wall.page, 'grafana-mappings-axes-bars-1920x1080');
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});
