// A gap in the data shows as a gap with its reason, never as invented data: real `wallboard serve`
// stopped for a while and started again on the same buffer, real Chromium. The board has the demo
// source (which fills in what it missed on its first poll after a start: no gap) and a Prometheus
// source whose port nobody listens on (down before and after, and not polled at all while the wall
// was stopped). The replay bar must show both kinds of gap apart, with a key and, at a T inside the
// pause, why there is no data; the dead source's panel must not show a value.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../src/shared/api';
import { freePort, getJson, waitFor } from '../integration/servers';
import { launchBrowser, openWall, screenshot } from './browser';
import { chartsShow } from './charts-at';
import { startWallboard, type Wallboard } from './serve';

let wb: Wallboard;
let browser: Browser;
let stoppedAt = 0; // unix ms
let startedAt = 0;

const boardYaml = (deadPort: number): string => `title: Gaps
retention: 10m
sources:
  demo: [{ id: demo, interval: 1s }]
  prometheus: [{ id: prom, url: "http://127.0.0.1:${deadPort}", interval: 1s }]
pages:
  - id: p
    title: P
    panels:
      - { id: orders, type: timeseries, source: demo, query: "demo:bizoholic_orders_per_min" }
      - { id: dead, type: timeseries, source: prom, query: "up" }
`;

const POLL_MS = 1_000; // both sources' interval

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  wb = await startWallboard({ boardYaml: boardYaml(await freePort()), waitHealthy: true });
  browser = await launchBrowser();
  await sleep(5_000); // ms: a few polls of each source
  await wb.stop();
  stoppedAt = Date.now();
  await sleep(8_000); // ms: far more than 3 missed polls at 1 s
  startedAt = Date.now();
  await wb.restart();
  // a few polls after the start, so the pause has a run on each side
  await waitFor(
    'the dead source polled again after the start',
    async () => {
      const t = await getJson<Timeline>(`${wb.url}/api/timeline?from=${Date.now() - 600_000}&to=${Date.now()}`);
      return t.gaps.some((g) => g.sourceId === 'prom' && g.kind === 'down' && g.from >= startedAt - 2_000);
    },
    30_000,
    500,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
});

describe('replay gaps', () => {
  it('tells the wall not running apart from a source down, with the reason, and invents no data in the pause', async () => {
    const to = Date.now();
    const timeline = await getJson<Timeline>(`${wb.url}/api/timeline?from=${to - 600_000}&to=${to}`);
    const pause = timeline.gaps.find((g) => g.sourceId === 'prom' && g.kind === 'not-running' && g.to > stoppedAt);
    expect(pause, JSON.stringify(timeline.gaps)).toBeDefined();
    if (!pause) return;
    expect(pause.reason).toBe('wall not running');
    // the pause lies between the stop and the first poll after the start; it starts one interval
    // after the dead source's last failed poll (its down span reaches that far), which can be
    // after the process ended (seen twice on a loaded machine: 0.49 s after stoppedAt)
    expect(pause.from).toBeLessThanOrEqual(stoppedAt + POLL_MS);
    expect(pause.to).toBeGreaterThanOrEqual(startedAt);
    expect(pause.to - startedAt).toBeLessThan(30_000);
    // down before and after it, with the reason the polls failed
    const down = timeline.gaps.filter((g) => g.sourceId === 'prom' && g.kind === 'down');
    expect(down.some((g) => g.to <= pause.from + 1_000)).toBe(true);
    expect(down.some((g) => g.from >= pause.to - 1_000)).toBe(true);
    expect(down.every((g) => g.reason.startsWith('source down: '))).toBe(true);
    // the demo source filled in what it missed: its data has no gap to show
    expect(timeline.gaps.filter((g) => g.sourceId === 'demo' && g.from >= pause.from && g.to <= pause.to)).toEqual([]);

    const at = Math.round((stoppedAt + startedAt) / 2);
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&at=${at}`);
    const { page } = wall;
    try {
      await page.waitForSelector('[data-testid="replay"]');
      await page.waitForSelector(`[data-testid="replay-gap"][data-kind="not-running"]`);
      await page.waitForSelector(`[data-testid="replay-gap"][data-kind="down"]`);
      const titles = await page.$$eval('[data-testid="replay-gap"]', (els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('title')}`));
      expect(titles.some((t) => /^not-running prom: wall not running, \d\d:\d\d–\d\d:\d\d$/.test(t)), titles.join('\n')).toBe(true);
      expect(titles.some((t) => /^down prom: source down: .+, \d\d:\d\d–\d\d:\d\d$/.test(t)), titles.join('\n')).toBe(true);
      // the key names both kinds, and T inside the pause says why there is no data
      expect(await page.$$eval('[data-testid="replay-gap-key"]', (els) => els.map((e) => `${e.getAttribute('data-kind')}: ${e.textContent}`))).toEqual([
        'down: source down',
        'not-running: wall not running',
      ]);
      const now = page.locator('[data-testid="replay-gap-now"]');
      await now.waitFor();
      expect(await now.getAttribute('data-kinds')).toBe('not-running');
      expect(await now.textContent()).toBe('No data at T: wall not running (prom)');
      // the dead source's panel shows no value at T (nothing was polled, nothing is made up)
      const dead = page.locator('[data-panel-id="dead"]');
      expect(['nodata', 'loading', 'error', 'stale']).toContain(await dead.getAttribute('data-state'));
      expect(await dead.locator('[data-chart-drawn="true"]').count()).toBe(0);
      await chartsShow(page, Number(await page.getAttribute('[data-testid="replay-time"]', 'data-at')), '[data-panel-id="orders"]');
      await screenshot(page, 'replay-gaps-1920x1080');
      // `.` and `,` step one interval of the fastest source (1 s here), forward and back
      const t0 = Number(await page.getAttribute('[data-testid="replay-time"]', 'data-at'));
      await page.keyboard.press('.');
      await page.waitForSelector(`[data-testid="replay-time"][data-at="${t0 + 1_000}"]`);
      await page.keyboard.press(',');
      await page.keyboard.press(',');
      await page.waitForSelector(`[data-testid="replay-time"][data-at="${t0 - 1_000}"]`);
      // five minutes on, past the start: no longer "not running" (the source is down again, or fine)
      await page.keyboard.press('>');
      await page.waitForFunction(() => document.querySelector('[data-testid="replay-gap-now"]')?.getAttribute('data-kinds') !== 'not-running', undefined, { timeout: 15_000 });
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});
