// Chart edge cases seen on the wall, end to end: real `wallboard serve`, real Chromium, a Prometheus
// stub (answers like Prometheus' HTTP API; the cases need data a real one only has by chance).
// 1. A bars panel with one sample in view draws one bar one step wide, not across the plot.
// 2. A short window (2 min) with the left axis hidden: no time label cut off at the canvas' left
//    edge (screenshot looked at for the HH:MM:SS labels, which the unit tests check).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, screenshot } from './browser';
import { plotBoxScript } from './plot-box';
import { startPrometheusStub } from './prometheus-stub';
import { startWallboard, type Wallboard } from './serve';

let browser: Browser;
let prom: ServerHandle;
let wb: Wallboard;

beforeAll(async () => {
  browser = await launchBrowser();
  let loneAt: number | undefined; // s: the one sample's time, fixed at the first poll
  prom = await startPrometheusStub((path, form) => {
    const query = form.get('query') ?? '';
    const metric = { __name__: query, job: 'stub' };
    if (path === '/api/v1/query_range') {
      // wb_lone has no history: its one sample is the instant one
      if (query === 'wb_lone') return { resultType: 'matrix', result: [] };
      const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(form.get(k))) as [number, number, number];
      const values: [number, string][] = [];
      for (let t = start; t <= end; t += step) values.push([t, String(50 + 20 * Math.sin(t / 60))]);
      return { resultType: 'matrix', result: [{ metric, values }] };
    }
    if (path === '/api/v1/query') {
      const t = Number(form.get('time') ?? Date.now() / 1000);
      // why a fixed time: every poll answers the same sample, so it stays the only one
      if (query === 'wb_lone') return { resultType: 'vector', result: [{ metric, value: [(loneAt ??= t), '7'] }] };
      return { resultType: 'vector', result: [{ metric, value: [t, String(50 + 20 * Math.sin(t / 60))] }] };
    }
    return undefined;
  });
  wb = await startWallboard({
    waitHealthy: true,
    boardYaml: [
      'title: Chart edges',
      'retention: 2h',
      'sources:',
      '  prometheus:',
      `    - { id: stub, url: "${prom.url}", interval: 15s }`,
      'pages:',
      '  - id: edges',
      '    title: Edges',
      '    panels:',
      '      - { id: wave, type: timeseries, title: "Left axis hidden", query: "wb_wave", hideAxes: [left], grid: { x: 0, y: 0, w: 12, h: 8 } }',
      '      - { id: lone, type: timeseries, title: "One sample as a bar", query: "wb_lone", draw: bars, min: 0, grid: { x: 12, y: 0, w: 12, h: 8 } }',
      '',
    ].join('\n'),
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
  await prom?.stop();
});

interface Ink {
  /** device px of the plot box */
  plotWidth: number;
  /** plot columns (device px) with the series' colour on the row above the plot's bottom */
  barColumns: number;
  /** drawn pixels in the canvas' first 3 columns below the plot (the x axis' labels) */
  leftAxisInk: number;
}

/** Page script: reads a panel's canvas back (written as text: the test project has no DOM types). */
function inkScript(id: string): string {
  return `(() => {
    ${plotBoxScript(id)}
    const row = ctx.getImageData(left, top + h - 3, w, 1).data;
    let barColumns = 0;
    // the series' colour (a green, #73bf69, at 80 % over the dark panel): green well above red and blue
    for (let x = 0; x < w; x++) { const i = x * 4; if (row[i + 1] > row[i] + 40 && row[i + 1] > row[i + 2] + 40) barColumns++; }
    // why 4 px down: the series' stroke may reach just under the plot box; the canvas is transparent where nothing is drawn
    const below = ctx.getImageData(0, top + h + 4, 3, c.height - top - h - 4).data;
    let leftAxisInk = 0;
    for (let i = 3; i < below.length; i += 4) if (below[i] > 60) leftAxisInk++;
    return { plotWidth: w, barColumns, leftAxisInk };
  })()`;
}

describe('chart edges', () => {
  it('one sample in view is one bar a step wide; a hidden left axis cuts no time label; short windows read seconds', async () => {
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&window=2m`);
    try {
      for (const id of ['wave', 'lone']) await wall.page.waitForSelector(`[data-panel-id="${id}"] [data-chart-drawn]`, { timeout: 60_000 });
      const lone = await waitFor('the lone bar drawn', async () => {
        const ink = (await wall.page.evaluate(inkScript('lone'))) as Ink;
        return ink.barColumns > 0 ? ink : undefined;
      }, 60_000);
      await screenshot(wall.page, 'chart-edges-1920x1080');
      // one step (15 s) of a 2 min window is 12.5 % of the plot, 60 % of it a bar: 7.5 %. Was 60 % of the plot.
      expect(lone.barColumns / lone.plotWidth).toBeLessThan(0.2);
      const wave = (await wall.page.evaluate(inkScript('wave'))) as Ink;
      expect(wave.leftAxisInk, JSON.stringify(wave)).toBe(0);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});
