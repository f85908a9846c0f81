/**
 * CPU of every Chromium process (browser, renderer, GPU/viz, their raster threads) per live update
 * on the renderer bench's harness page, from /proc (Linux). The bench's main-thread figure leaves
 * out the rasterizing of canvases on other threads; this counts it. A tool for performance work
 * (compare two builds in turn, A B A B), not part of `npm run bench`.
 *   node --import tsx test/bench/renderer-bench-cpu.ts [ticks=240]   (POINTS=240 for a 1 h window)
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildHarness, launch } from './renderer-bench';
import { openHarness, type BenchWindow } from './renderer-bench-live';

const CLOCK_TICKS = 100; // per second (USER_HZ on Linux)

/** Seconds of CPU (user + system) used so far by processes whose command line names chromium. */
function chromiumCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      // fields after the command name: utime and stime are the 12th and 13th
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLOCK_TICKS;
}

async function frames(page: Page, n: number, tick: boolean): Promise<void> {
  await page.evaluate(
    async ([count, withTick]) => {
      const w = globalThis as unknown as BenchWindow;
      for (let i = 0; i < count; i++) {
        if (withTick) await w.__bench.tick();
        await w.__bench.frame();
      }
    },
    [n, tick] as const,
  );
}

const ticks = Number(process.argv[2] ?? 240);
const browser = await launch();
const harness = await buildHarness();
try {
  const { page } = await openHarness(browser, harness.url, { panels: 40, points: Number(process.env.POINTS ?? 5760), viewport: { width: 1920, height: 1080 } });
  await frames(page, 20, true);
  const a = chromiumCpuSeconds();
  await frames(page, ticks, true);
  const b = chromiumCpuSeconds();
  await frames(page, ticks, false); // the same number of idle frames, subtracted
  const c = chromiumCpuSeconds();
  process.stdout.write(`all Chromium processes, CPU per live update of 40 panels: ${((((b - a) - (c - b)) * 1000) / ticks).toFixed(1)} ms (${ticks} updates, idle frames subtracted)\n`);
} finally {
  await browser.close();
  await harness.close();
}
