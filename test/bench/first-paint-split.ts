/**
 * Where the first paint of the 40-panel bench wall through `wallboard serve` goes (the renderer
 * bench's board and page, 24 h window): per reload, ms from navigation to the HTML's start and end, the
 * bundle's end, /api/board's and /api/snapshot's answers (absent when serve inlined them), the
 * first /api/query's start and end, DOMContentLoaded, the first chart and all 40 charts drawn. Prints the median of each and the
 * API requests made before the paint. `BENCH_PAINT_RUNS` reloads (default 9).
 * Run: `npm run build && node --import tsx test/bench/first-paint-split.ts`
 */
import { loadavg } from 'node:os';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';
import { startWallboard } from '../e2e/serve';

const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 9);
type Split = Record<string, number>;

async function main(): Promise<void> {
  const wb = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true });
  const browser = await launch();
  try {
    const filled = await waitForDemoDay(wb.url, 60_000);
    if (filled !== undefined) throw new Error(filled);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const url = `${wb.url}/?rotate=0&burnin=0&window=24h`;
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('wallboard:chart-drawn').length >= 40, undefined, { timeout: 60_000, polling: 50 });
    const runs: Split[] = [];
    let apiBeforePaint = 0;
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('wallboard:chart-drawn').length >= 40, undefined, { timeout: 60_000, polling: 50 });
      const s = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const drawn = Math.max(...performance.getEntriesByName('wallboard:chart-drawn').map((m) => m.startTime));
        // why no helper function: tsx would wrap a named one in __name, which the page lacks
        const at: Record<string, PerformanceResourceTiming> = {};
        for (const r of res) {
          const path = new URL(r.name).pathname;
          const key = path.startsWith('/assets/index') && path.endsWith('.js') ? 'js' : path;
          at[key] ??= r;
        }
        const first = Math.min(...performance.getEntriesByName('wallboard:chart-drawn').map((m) => m.startTime));
        const out: Record<string, number> = { htmlStart: nav.responseStart, html: nav.responseEnd, js: at['js']?.responseEnd ?? NaN, domContentLoaded: nav.domContentLoadedEventStart, firstDrawn: first, allDrawn: drawn };
        const board = at['/api/board'];
        const snap = at['/api/snapshot'];
        const query = at['/api/query'];
        if (board) out['board'] = board.responseEnd;
        if (snap) out['snapshot'] = snap.responseEnd;
        if (query) {
          out['queryStart'] = query.startTime;
          out['queryEnd'] = query.responseEnd;
        }
        out['apiBeforePaint'] = res.filter((r) => r.name.includes('/api/') && r.name.indexOf('/api/events') < 0 && r.responseEnd <= drawn).length;
        return out;
      });
      apiBeforePaint = Math.max(apiBeforePaint, s['apiBeforePaint'] ?? 0);
      runs.push(s);
    }
    const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'apiBeforePaint');
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const parts = keys.map((k) => `${k} ${median(runs.map((r) => r[k] ?? NaN)).toFixed(1)}`);
    const drawn = runs.map((r) => r['allDrawn'] ?? NaN).sort((a, b) => a - b);
    console.log(`median of ${RUNS} reloads, ms from navigation: ${parts.join(', ')}; all drawn ${drawn[0]?.toFixed(0)}–${drawn[drawn.length - 1]?.toFixed(0)}; API answers before paint ≤ ${apiBeforePaint}; load ${loadavg()[0]?.toFixed(1)}`);
  } finally {
    await browser.close();
    await wb.stop();
  }
}

await main();
