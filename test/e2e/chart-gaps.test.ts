// A gap in a chart shows as a band with its reason, never as invented data: real Prometheus
// (scraping a real node_exporter) stopped for a while and started again, real `wallboard serve`,
// real Chromium. The live chart of the Prometheus panel shades the outage as it goes on, with
// "source down" written in the band, and so does the chart in replay afterwards (at 1920×1080 and
// 3840×2160); the demo source's chart beside it, which lost nothing, has no band.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Timeline } from '../../src/shared/api';
import { getJson, sleep, startNodeExporter, startPrometheus, stopAll, waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, screenshot } from './browser';
import { startWallboard, type Wallboard } from './serve';

let nodeExporter: ServerHandle;
let prom: ServerHandle;
let wb: Wallboard;
let browser: Browser;

// why rate over 3 s: inside Prometheus' own outage no window holds two samples, so the backfill
// after it leaves the hole (a plain `up` would be carried over it by the 5 min lookback)
const QUERY = 'sum(rate(node_cpu_seconds_total[3s]))';

function boardYaml(promUrl: string): string {
  return stringify({
    title: 'Chart gaps',
    sources: {
      prometheus: [{ id: 'prom', url: promUrl, interval: '1s', timeout: '1s' }],
      demo: [{ id: 'demo', interval: '1s' }],
    },
    pages: [
      {
        id: 'p',
        title: 'P',
        panels: [
          { id: 'cpu', type: 'timeseries', title: 'CPU seconds/s', source: 'prom', query: QUERY, grid: { x: 0, y: 0, w: 24, h: 6 } },
          { id: 'orders', type: 'timeseries', title: 'Orders', source: 'demo', query: 'demo:bizoholic_orders_per_min', grid: { x: 0, y: 6, w: 24, h: 4 } },
        ],
      },
    ],
  });
}

const CHART = '[data-panel-id="cpu"] [data-testid="timeseries"]';
const DEMO_CHART = '[data-panel-id="orders"] [data-testid="timeseries"]';

async function bands(page: Page, chart: string): Promise<{ count: number; labels: string; kinds: string }> {
  return page.$eval(chart, (el) => ({
    count: Number(el.getAttribute('data-gap-bands') ?? '0'),
    labels: el.getAttribute('data-gap-labels') ?? '',
    kinds: el.getAttribute('data-gap-kinds') ?? '',
  }));
}

/** Bands of kind `down` on a chart. */
const downBands = (b: { kinds: string }): number => b.kinds.split(' ').filter((k) => k === 'down').length;

/** In the page: the chart writes "source down" in one of its bands. */
const hasDownLabel = (sel: string): boolean => (document.querySelector(sel)?.getAttribute('data-gap-labels') ?? '').split('|').includes('source down');

/** The hover titles met moving the pointer across the chart in 60 steps. */
async function hoverTitles(page: Page, chart: string): Promise<string[]> {
  const box = await page.locator(`${chart} .u-over`).boundingBox();
  if (!box) throw new Error('no plot area');
  const seen = new Set<string>();
  for (let i = 1; i < 60; i++) {
    await page.mouse.move(box.x + (box.width * i) / 60, box.y + box.height / 2);
    const title = await page.getAttribute(`${chart} .wb-plot`, 'title');
    if (title) seen.add(title);
  }
  await page.mouse.move(0, 0);
  return [...seen];
}

let downAt = 0; // unix ms

beforeAll(async () => {
  nodeExporter = await startNodeExporter();
  prom = await startPrometheus({ scrapeTargets: [nodeExporter.url], scrapeInterval: '1s' });
  wb = await startWallboard({ boardYaml: boardYaml(prom.url), waitHealthy: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
  await stopAll();
});

describe('chart gap bands', () => {
  it('shades a source outage in its own chart with the reason, live as it goes on and in replay after it', async () => {
    const live = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&window=2m`);
    try {
      await live.page.waitForSelector(`${CHART}[data-chart-drawn="true"]`, { timeout: 30_000 });
      await sleep(4_000); // ms: data before the outage
      // before: no down band (the time before the wall's first poll is "wall not running")
      expect((await bands(live.page, CHART)).kinds.split(' ')).not.toContain('down');

      await prom.stop();
      downAt = Date.now();
      // live: the band appears while Prometheus is still down, and grows until the reason fits in it
      await live.page.waitForFunction(hasDownLabel, CHART, { timeout: 40_000, polling: 250 });
      expect(downBands(await bands(live.page, CHART))).toBe(1);
      // the demo source lost nothing: no down band on its chart
      expect(downBands(await bands(live.page, DEMO_CHART))).toBe(0);
      await screenshot(live.page, 'chart-gap-live-1920x1080');
      const titles = await hoverTitles(live.page, CHART);
      expect(titles.some((t) => /^prom: source down: .+, \d\d:\d\d–\d\d:\d\d$/.test(t)), titles.join('\n')).toBe(true);
      expect(live.errors).toEqual([]);
    } finally {
      await live.close();
    }

    // why: an outage of 20 s at least, so after the backfill (its first seconds have values) the
    // band in replay is still wide enough for its label on a 2 min window
    await sleep(Math.max(0, downAt + 20_000 - Date.now()));
    await prom.restart();
    // the outage is over on the engine's timeline: a down span that ends, with data after it
    const gap = await waitFor(
      'the down span closed after the restart',
      async () => {
        const t = await getJson<Timeline>(`${wb.url}/api/timeline?from=${downAt - 60_000}&to=${Date.now()}`);
        const g = t.gaps.find((x) => x.sourceId === 'prom' && x.kind === 'down' && x.to >= downAt);
        return g && g.to < Date.now() - 3_000 ? g : undefined;
      },
      45_000,
      500,
    );
    expect(gap.reason).toMatch(/^source down: /);
    expect(gap.from).toBeGreaterThanOrEqual(downAt - 2_000);
    expect(gap.to).toBeLessThanOrEqual(Date.now());

    // replay, T after the outage: the band is still there, narrower than the outage span (the
    // backfill's first seconds after the stop have values), and the demo chart has none
    const at = gap.to + 20_000;
    await waitFor('T in the buffer', async () => Date.now() > at + 2_000, 30_000, 250);
    const replay = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&window=2m&at=${at}`);
    try {
      await replay.page.waitForSelector('[data-testid="replay"]');
      await replay.page.waitForFunction(hasDownLabel, CHART, { timeout: 30_000, polling: 250 });
      const after = await bands(replay.page, CHART);
      expect(downBands(after)).toBe(1);
      // the scheduler's waits between retries were the source down too, not the wall not running
      const kinds = after.kinds.split(' ');
      expect(kinds.lastIndexOf('not-running'), after.kinds).toBeLessThan(kinds.indexOf('down'));
      expect(downBands(await bands(replay.page, DEMO_CHART))).toBe(0);
      // the replay bar shades the same span with the same reason
      const barTitles = await replay.page.$$eval('[data-testid="replay-gap"]', (els) => els.map((e) => e.getAttribute('title') ?? ''));
      const chartTitles = await hoverTitles(replay.page, CHART);
      expect(chartTitles.length).toBeGreaterThan(0);
      for (const t of chartTitles) expect(barTitles).toContain(t);
      for (const [width, height] of [
        [1920, 1080],
        [3840, 2160],
      ] as const) {
        await replay.page.setViewportSize({ width, height });
        await replay.page.waitForTimeout(1_500); // ms: charts redraw, and rebuild their axes 250 ms after the resize
        await replay.page.waitForFunction(hasDownLabel, CHART, { timeout: 15_000, polling: 250 });
        await screenshot(replay.page, `chart-gap-replay-${width}x${height}`);
      }
      expect(replay.errors).toEqual([]);
    } finally {
      await replay.close();
    }
  }, 240_000);
});
