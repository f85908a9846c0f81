/**
 * The floor under the first paint: the same reload, measured the same way as renderer-bench-paint.ts
 * (settle, then read the page's own timeline), of three pages in turn on one browser:
 *   blank  — a page with one line of text and no script, from a bare loopback HTTP server
 *   bundle — `wallboard serve`'s wall with the bench board's grid of 40 text panels: the bundle, its
 *            module evaluation and React's first render (the status bar) painted, no chart
 *   wall   — the renderer bench's 40-panel wall (30 timeseries, 10 stat with sparkline), 24 h
 * blank and bundle: navigation → first contentful paint (paint timing); the wall: → its last chart
 * mark, as the renderer bench reads it. (The wall's own first contentful paint is either that first
 * React frame or the frame with the charts, reload by reload, so it is not a figure.)
 * Medians of the rounds, and the 1-min load average.
 *   npm run build && node --import tsx test/bench/first-paint-floor.ts [rounds=11] [checkout]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { startWallboard, type Wallboard } from '../e2e/serve';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';
import { SETTLE_MS } from './renderer-bench-paint';

const SEARCH = '?rotate=0&burnin=0&window=24h';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The bench board with every panel a text panel (same ids, grid and titles). */
function textBoardYaml(): string {
  return benchBoardYaml().replace(/type: (stat|timeseries), title: ("panel \d+"), query: "[^"]*"/g, 'type: text, title: $2, text: "text"');
}

interface Timing {
  fcp: number; // ms from navigation
  lastMark: number; // ms from navigation; NaN without chart marks
}

async function reload(page: Page, marks: number): Promise<Timing> {
  await page.reload();
  if (SETTLE_MS > 0) await page.waitForTimeout(SETTLE_MS);
  await page.waitForFunction((n) => performance.getEntriesByName('first-contentful-paint').length > 0 && performance.getEntriesByName('wallboard:chart-drawn').length >= n, marks, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => {
    const drawn = performance.getEntriesByName('wallboard:chart-drawn').map((m) => m.startTime);
    return { fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, lastMark: drawn.length ? Math.max(...drawn) : NaN };
  });
}

async function open(browser: Browser, url: string, marks: number): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(url);
  await page.waitForFunction((n) => performance.getEntriesByName('wallboard:chart-drawn').length >= n, marks, { timeout: 60_000, polling: 50 });
  return page;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 11);
  const root = process.argv[3] || undefined;
  const blank = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>');
  });
  await new Promise<void>((r) => blank.listen(0, '127.0.0.1', r));
  const walls: Wallboard[] = [];
  const browser = await launch();
  try {
    const text = await startWallboard({ boardYaml: textBoardYaml(), waitHealthy: true, ...(root ? { root } : {}) });
    walls.push(text);
    const wall = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true, ...(root ? { root } : {}) });
    walls.push(wall);
    const filled = await waitForDemoDay(wall.url, 60_000);
    if (filled !== undefined) throw new Error(filled);
    const pages = {
      blank: { page: await open(browser, `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`, 0), marks: 0 },
      bundle: { page: await open(browser, `${text.url}/${SEARCH}`, 0), marks: 0 },
      wall: { page: await open(browser, `${wall.url}/${SEARCH}`, 40), marks: 40 },
    };
    const got: Record<keyof typeof pages, Timing[]> = { blank: [], bundle: [], wall: [] };
    const loadBefore = loadavg()[0];
    for (let r = 0; r < rounds; r++) {
      // why rotated: none of the three always follows a pause or the same page
      const order = (['blank', 'bundle', 'wall'] as const).map((_, i, all) => all[(i + r) % all.length] as keyof typeof pages);
      for (const k of order) got[k].push(await reload(pages[k].page, pages[k].marks));
    }
    const f = (xs: number[]): string => median(xs).toFixed(1);
    console.log(JSON.stringify({
      rounds,
      blankFcpMs: +f(got.blank.map((t) => t.fcp)),
      bundleFcpMs: +f(got.bundle.map((t) => t.fcp)),
      wallLastMarkMs: +f(got.wall.map((t) => t.lastMark)),
      loadBefore,
      loadAfter: loadavg()[0],
    }));
  } finally {
    await browser.close();
    await Promise.all(walls.map((w) => w.stop()));
    blank.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`floor failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
