/**
 * CPU of every process of the launched Chromium (browser, renderer, GPU/viz, their raster threads) per live update
 * on the renderer bench's harness page, from /proc (Linux). The bench's main-thread figure leaves
 * out the rasterizing of canvases on other threads; this counts it. A tool for performance work
 * (compare two builds in turn, A B A B), not part of `npm run bench`.
 *   node --import tsx test/bench/renderer-bench-cpu.ts [ticks=120]   (POINTS=240 for a 1 h window)
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildHarness, launch } from './renderer-bench';
import { openHarness, type BenchWindow } from './renderer-bench-live';

const CLOCK_TICKS = 100; // per second (USER_HZ on Linux)

/**
 * Seconds of CPU (user + system) used so far by the browser this bench launched: every process
 * descended from this one (Playwright starts Chromium as its child). Other agents' browsers on a
 * shared machine are not counted (counting every process named chromium did).
 */
function chromiumCpuSeconds(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // fields after the command name: ppid is the 2nd, utime and stime the 12th and 13th
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      stats.set(Number(pid), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = stats.get(pid)?.ppid; p !== undefined && p > 1; p = stats.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, st] of stats) if (mine(pid)) ticks += st.ticks;
  return ticks / CLOCK_TICKS;
}

/**
 * `n` periods of GAP ms, each starting with a live update when `tick` (and waiting until every chart
 * drew it), otherwise idle: the same wall time either way, so the idle run's CPU (the page's and the
 * browser's own) is what to subtract, however many frames an update spreads its work over.
 */
async function periods(page: Page, n: number, tick: boolean): Promise<void> {
  await page.evaluate(
    async ([count, withTick, gap]) => {
      const w = globalThis as unknown as BenchWindow;
      for (let i = 0; i < count; i++) {
        const until = performance.now() + gap;
        if (withTick) {
          await w.__bench.tick();
          await w.__bench.drawn();
        }
        await new Promise((r) => setTimeout(r, Math.max(0, until - performance.now())));
      }
    },
    [n, tick, GAP] as const,
  );
}

const GAP = 250; // ms per update: longer than the frames an update's draws take, even under load

const ticks = Number(process.argv[2] ?? 120);
const browser = await launch();
const harness = await buildHarness();
try {
  const { page } = await openHarness(browser, harness.url, { panels: 40, points: Number(process.env.POINTS ?? 5760), viewport: { width: 1920, height: 1080 } });
  await periods(page, 20, true);
  const a = chromiumCpuSeconds();
  await periods(page, ticks, true);
  const b = chromiumCpuSeconds();
  await periods(page, ticks, false);
  const c = chromiumCpuSeconds();
  process.stdout.write(`the launched Chromium's processes, CPU per live update of 40 panels: ${((((b - a) - (c - b)) * 1000) / ticks).toFixed(1)} ms (${ticks} updates ${GAP} ms apart, as long idle subtracted: ${(((c - b) * 1000) / ticks).toFixed(1)} ms per period)\n`);
} finally {
  await browser.close();
  await harness.close();
}
