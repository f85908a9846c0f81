/**
 * Renderer bench, part (1): first full paint of the 40-panel bench wall through `wallboard serve`
 * (the demo source fills 24 h on its first poll), median of reloads. With a base build (another
 * checkout, built), both serves run at once and reloads alternate this / base / base / this …, so
 * a verdict comes from paired ratios (this build's paint / the base's, pair by pair), which hold
 * while a shared machine's speed drifts; medians alone do not.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { BoardView } from '../../src/shared/api';
import { firstRead } from '../../src/shared/view/first-read';
import { startWallboard, type Wallboard } from '../e2e/serve';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';

export interface PaintRun {
  /** ms from navigation to the last chart's first draw with data */
  last: number;
  charts: number;
  /** ms from navigation to the data: the first /api/query's end, or the HTML's when the data came inlined */
  dataAt: number;
  inlined: boolean;
}

export interface FirstPaintResult {
  navToAllDrawnMs: number;
  navToAllDrawnRangeMs: [number, number];
  runs: number;
  queryDoneMs: number;
  queryToDrawnMs: number;
  charts: number;
  windowH: number;
  maxPoints: number;
  pointsReceived: number;
  /** The data came in the page (no /api/query before the paint) in every run. */
  inlined: boolean;
  /** Paired against a base build: ratios this / base per pair (< 1: this build paints sooner). */
  paired?: { base: string; pairs: number; baseMedianMs: number; ratioMedian: number; ratioRange: [number, number]; thisFaster: number };
}

const PANELS = 40;
const SEARCH = '?rotate=0&burnin=0&window=24h'; // why 24h: the whole buffer (the default window is 1 h)
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function waitForCharts(page: Page, n: number, timeout: number): Promise<void> {
  await page.waitForFunction((count) => performance.getEntriesByName('wallboard:chart-drawn').length >= count, n, { timeout, polling: 50 });
}

/** Marks and the data's arrival of the page's last load. */
async function measurePaint(page: Page): Promise<PaintRun> {
  return page.evaluate(() => {
    const marks = performance.getEntriesByName('wallboard:chart-drawn') as unknown as { startTime: number }[];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const q = (performance.getEntriesByType('resource') as unknown as { name: string; responseEnd: number }[]).find((r) => r.name.includes('/api/query'));
    const last = Math.max(...marks.map((mk) => mk.startTime));
    const inlined = !q || q.responseEnd > last;
    return { last, charts: marks.length, dataAt: inlined ? nav.responseEnd : q.responseEnd, inlined };
  });
}

/** A serve of the bench board whose buffer holds 24 h, and a page on it loaded once (caches warm). */
async function openWall(browser: Browser, root: string | undefined): Promise<{ wb: Wallboard; page: Page }> {
  const wb = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true, ...(root ? { root } : {}) });
  const filled = await waitForDemoDay(wb.url, 60_000);
  if (filled !== undefined) {
    await wb.stop();
    throw new Error(filled);
  }
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(`${wb.url}/${SEARCH}`);
  await waitForCharts(page, PANELS, 60_000);
  return { wb, page };
}

/**
 * ms after a reload's load event before the bench polls for the charts (BENCH_PAINT_SETTLE_MS; 0 =
 * poll at once, as before 2026-12-06). why: the poll's first call installs Playwright's script in the
 * new page (~7 ms of main thread on a quiet machine), which landed in the span measured, before the
 * first frame, and earlier or later depending on when the page's load event fires; the marks are
 * read from the page's performance timeline either way.
 */
export const SETTLE_MS = Number(process.env.BENCH_PAINT_SETTLE_MS ?? 1_000);

async function reloadAndMeasure(page: Page): Promise<PaintRun> {
  await page.reload();
  if (SETTLE_MS > 0) await page.waitForTimeout(SETTLE_MS);
  await waitForCharts(page, PANELS, 60_000);
  return measurePaint(page);
}

/** `runs` reloads of this build's wall (paired with as many of `base`'s, alternating, when given). */
export async function benchFirstPaint(browser: Browser, root: string, runs: number, base?: string): Promise<FirstPaintResult | string> {
  for (const dir of [root, ...(base ? [base] : [])]) {
    if (!existsSync(join(dir, 'bin/wallboard.js')) || !existsSync(join(dir, 'out/renderer/index.html'))) return `skipped: run \`npm run build\` in ${dir} first`;
  }
  const a = await openWall(browser, undefined);
  const b = base ? await openWall(browser, base).catch(async (e: unknown) => (await a.wb.stop(), Promise.reject(e))) : undefined;
  try {
    const mine: PaintRun[] = [];
    const theirs: PaintRun[] = [];
    for (let i = 0; i < runs; i++) {
      // why the order alternates within pairs: neither build always goes first after a pause
      if (b && i % 2 === 1) theirs.push(await reloadAndMeasure(b.page));
      mine.push(await reloadAndMeasure(a.page));
      if (b && i % 2 === 0) theirs.push(await reloadAndMeasure(b.page));
    }
    const board = (await (await fetch(`${a.wb.url}/api/board`)).json()) as BoardView;
    const args = firstRead(board, SEARCH, Date.now());
    if (!args) throw new Error('the bench board has no first read');
    const ids = args.panels.join(',');
    const served = (await (await fetch(`${a.wb.url}/api/query?panels=${ids}&from=${args.from}&to=${args.to}&maxPoints=${args.maxPoints}`)).json()) as { panels: { x: number[]; y: unknown[][] }[] };
    const sorted = [...mine].sort((x, y) => x.last - y.last);
    const m = sorted[Math.floor(sorted.length / 2)] as PaintRun;
    const ratios = mine.map((r, i) => r.last / (theirs[i]?.last ?? NaN)).filter(Number.isFinite);
    return {
      navToAllDrawnMs: m.last,
      navToAllDrawnRangeMs: [sorted[0]?.last ?? 0, sorted[sorted.length - 1]?.last ?? 0],
      runs: mine.length,
      queryDoneMs: median(mine.map((r) => r.dataAt)),
      queryToDrawnMs: median(mine.map((r) => r.last - r.dataAt)),
      charts: m.charts,
      windowH: (args.to - args.from) / 3_600_000,
      maxPoints: args.maxPoints,
      pointsReceived: served.panels.reduce((sum, p) => sum + p.x.length * p.y.length, 0),
      inlined: mine.every((r) => r.inlined),
      ...(base && ratios.length
        ? { paired: { base, pairs: ratios.length, baseMedianMs: median(theirs.map((r) => r.last)), ratioMedian: median(ratios), ratioRange: [Math.min(...ratios), Math.max(...ratios)] as [number, number], thisFaster: ratios.filter((r) => r < 1).length } }
        : {}),
    };
  } finally {
    await Promise.all([a.wb.stop(), b?.wb.stop()]);
  }
}

// `node --import tsx test/bench/renderer-bench-paint.ts [BASE_CHECKOUT]`: part (1) alone, as JSON
// with the 1-min load average before and after (BENCH_PAINT_RUNS reloads, default 9; BENCH_PAINT_SETTLE_MS).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const browser = await launch();
  const loadBefore = loadavg()[0];
  try {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const r = await benchFirstPaint(browser, root, Number(process.env.BENCH_PAINT_RUNS ?? 9), process.argv[2]);
    console.log(JSON.stringify({ ...(typeof r === 'string' ? { skipped: r } : r), loadBefore, loadAfter: loadavg()[0] }));
  } finally {
    await browser.close();
  }
}
