/**
 * CPU of every process of the launched Chromium (browser, renderer, GPU/viz, their raster threads) per live update
 * on the renderer bench's harness page, from /proc (Linux). The bench's main-thread figure leaves
 * out the rasterizing of canvases on other threads; this counts it, and says which threads spend it. A tool for performance work
 * (compare two builds in turn, A B A B), not part of `npm run bench`.
 *   node --import tsx test/bench/renderer-bench-cpu.ts [ticks=120]   (POINTS=240 for a 1 h window)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromiumCpuSeconds, chromiumPids, cpuSecondsOf, procStat } from '../e2e/frames';
import type { Page } from 'playwright-core';
import { buildHarness, launch } from './renderer-bench';
import { openHarness, type BenchWindow } from './renderer-bench-live';

/** A Chromium process's kind, from its --type flag (the browser process has none). */
function processKind(pid: number): string {
  try {
    // why spaces too: Chromium's children rewrite their command line as one space-separated string
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
    const service = args.find((a) => a.startsWith('--utility-sub-type='))?.split('.').pop();
    return service ? `${type}:${service}` : type;
  } catch {
    return 'gone';
  }
}

/**
 * Seconds of CPU (user + system) used so far by the browser this bench launched (chromiumPids), per
 * thread ("process kind / thread name", threads of one name summed).
 */
function chromiumCpuByThread(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of chromiumPids()) {
    const kind = processKind(pid);
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const st = procStat(`/proc/${pid}/task/${tid}/stat`);
      if (!st) continue;
      const key = `${kind} / ${st.name.replace(/\d+$/, '')}`;
      out.set(key, (out.get(key) ?? 0) + cpuSecondsOf(st));
    }
  }
  return out;
}

/** Both readings at one moment: the whole browser's seconds and each thread's. */
const sample = (): { total: number; threads: Map<string, number> } => ({ total: chromiumCpuSeconds(), threads: chromiumCpuByThread() });

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
  const a = sample();
  await periods(page, ticks, true);
  const b = sample();
  await periods(page, ticks, false);
  const c = sample();
  const perUpdate = (x: number, y: number, z: number): number => (((y - x) - (z - y)) * 1000) / ticks;
  process.stdout.write(`the launched Chromium's processes, CPU per live update of 40 panels: ${perUpdate(a.total, b.total, c.total).toFixed(1)} ms (${ticks} updates ${GAP} ms apart, as long idle subtracted: ${(((c.total - b.total) * 1000) / ticks).toFixed(1)} ms per period)\n`);
  // why per thread: the main thread's share is in the other benches; this says where the rest goes
  // (compositor, raster workers, the display compositor, IO), threads of one name summed
  const rows = [...c.threads.keys()]
    .map((k) => ({ k, ms: perUpdate(a.threads.get(k) ?? 0, b.threads.get(k) ?? 0, c.threads.get(k) ?? 0), idle: (((c.threads.get(k) ?? 0) - (b.threads.get(k) ?? 0)) * 1000) / ticks }))
    .filter((r) => Math.abs(r.ms) >= 0.5 || r.idle >= 0.5)
    .sort((x, y) => y.ms - x.ms);
  for (const r of rows) process.stdout.write(`  ${r.ms.toFixed(1).padStart(6)} ms per update (idle ${r.idle.toFixed(1)} ms per period)  ${r.k}\n`);
} finally {
  await browser.close();
  await harness.close();
}
