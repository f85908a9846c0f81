// A wall opened the moment `wallboard serve` starts on an empty data dir, against a Prometheus that
// has scraped node_exporter for over a minute: once the engine's first poll has backfilled that
// history, the wall's chart draws it (not only what was polled after the start). Real Prometheus,
// node_exporter, serve and Chromium; the history is read from the chart's pixels.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getJson, sleep, startNodeExporter, startPrometheus, stopAll, waitFor } from '../integration/servers';
import { launchBrowser, openWall, screenshot } from './browser';
import { plotBoxScript } from './plot-box';
import { startWallboard, type Wallboard } from './serve';

const SCRAPED_MS = 75_000; // how long Prometheus scrapes before serve starts (60-90 s)
const WINDOW_S = 300; // the wall's ?window=5m
/** s: how far before serve's start the chart must reach (Prometheus holds ~75 s by then) */
const BEFORE_START_S = 40;

let browser: Browser;
let wb: Wallboard | undefined;
let promUrl: string;

beforeAll(async () => {
  const node = await startNodeExporter();
  const prom = await startPrometheus({ scrapeTargets: [node.url], scrapeInterval: '1s' });
  promUrl = prom.url;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
  await stopAll();
});

interface Line {
  /** fraction of the plot's width where the line's first column is */
  left: number;
  /** fraction of the plot's columns from there to the right end that hold the line */
  filled: number;
  right: number;
}

/** Page script: the columns of the plot holding the series' colour (#73bf69, the default for one series). */
const LINE_SCRIPT = `(() => {
  ${plotBoxScript('up')}
  const d = ctx.getImageData(left, top, w, h).data;
  const cols = new Array(w).fill(false);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4;
    if (d[i + 3] > 150 && Math.abs(d[i] - 0x73) + Math.abs(d[i + 1] - 0xbf) + Math.abs(d[i + 2] - 0x69) < 60) cols[x] = true;
  }
  const first = cols.indexOf(true), last = cols.lastIndexOf(true);
  if (first < 0) return null;
  let on = 0;
  for (let x = first; x <= last; x++) if (cols[x]) on++;
  return { left: first / w, right: last / w, filled: on / (last - first + 1) };
})()`;

describe('a wall opened as serve starts on an empty buffer', () => {
  it('draws the history the first poll backfilled from Prometheus', async () => {
    // Prometheus has scraped for 60-90 s: wait for its first sample, then the rest of the time
    await waitFor('node_exporter scraped', async () => ((await getJson<{ data: { result: unknown[] } }>(`${promUrl}/api/v1/query?query=up`)).data.result.length > 0 ? true : undefined), 60_000);
    await sleep(SCRAPED_MS);
    const boardYaml = stringify({
      title: 'Fresh start',
      retention: '1h',
      sources: { prometheus: [{ id: 'prom', url: promUrl, interval: '2s', timeout: '2s' }] },
      pages: [{ id: 'p', title: 'P', panels: [{ id: 'up', type: 'timeseries', title: 'up', query: 'up{job="node"}', min: 0, max: 2, grid: { x: 0, y: 0, w: 24, h: 8 } }] }],
    });
    const startedAt = Date.now();
    wb = await startWallboard({ boardYaml });
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&window=5m`);
    try {
      // the line reaches back before serve started; without the backfill it would begin at its start
      const line = await waitFor('the backfilled history on the chart', async () => {
        const l = (await wall.page.evaluate(LINE_SCRIPT)) as Line | null;
        if (!l) return undefined;
        // s: the plot spans the 5 min before about now (the window slides with the newest point)
        const firstAt = Date.now() / 1000 - WINDOW_S * (1 - l.left);
        return firstAt <= startedAt / 1000 - BEFORE_START_S ? { ...l, firstAt } : undefined;
      }, 60_000, 500);
      await screenshot(wall.page, 'fresh-backfill-1920x1080');
      // one line from the backfill into the live polls, no hole where serve started
      expect(line.filled).toBeGreaterThan(0.8);
      expect(line.right).toBeGreaterThan(0.9);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  }, 240_000);
});
