/**
 * Renderer benchmark, measured in real Chromium (playwright-core + /usr/bin/chromium) with the
 * Performance API:
 *  1. first full paint of a 40-panel page holding 24 h of 15 s data, served by `wallboard serve`
 *     (the demo source fills 24 h on its first poll);
 *  2. main-thread time per live update of all 40 panels, driven through the store as the live
 *     path does (mergeTail → setSeries with the range → each chart's setData);
 *  3. JS heap growth over 24 h of simulated updates (accelerated clock), after a warm-up.
 * (2) and (3) run on a harness page built at run time (Vite, in a temp dir) from the real store,
 * TimeseriesPanel and Sparkline, so the clock and the data are under the benchmark's control.
 *
 * `run()` returns a markdown section; `node --import tsx test/bench/renderer-bench.ts` prints it.
 * Env: BENCH_HEAP_TICKS (default 5760 = 24 h of 15 s), BENCH_UPDATE_TICKS (default 120),
 * BENCH_PAINT_RUNS (measured reloads for (1), default 5; the median is reported; 0 skips (1)),
 * BENCH_BASE (a built checkout to pair (1) against: reloads alternate, the verdict is the ratio),
 * BENCH_PAINT_SETTLE_MS (ms after each reload's load event before (1) polls for the charts, default 1000).
 */
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { benchFirstPaint, SETTLE_MS, type FirstPaintResult } from './renderer-bench-paint';
import { harnessHtml, harnessMain } from './renderer-bench-harness';
import { buildPage, type BuiltPage } from '../e2e/page-harness';
import { benchHourWindow, measureLiveUpdates, openHarness, quantiles, type BenchWindow, type CpuQuantiles, type HourWindow } from './renderer-bench-live';
import { measureFrames, type FrameFigures } from './renderer-bench-frames';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc', '--enable-precise-memory-info'];
const VIEWPORT = { width: 1920, height: 1080 };
const PANELS = 40;
const POINTS = 5_760; // 24 h of 15 s samples
// ms: first paint via serve ≤ 150 (issue 22); the harness paint (no network) ≤ 300
// ms: an update's JS ≤ 4; its main-thread work ≤ 16 (issue 22 replaced the ≤ 4 ms main-thread target)
// ms: a frame's main-thread work during live updates ≤ 16 (p95, and none over: no dropped frame);
// update → every chart drawn ≤ 250 (well inside the 15 s interval)
const TARGETS = { firstPaintMs: 150, harnessPaintMs: 300, updateMs: 4, updateCpuP95Ms: 16, frameCpuMs: 16, drawnMs: 250, heapGrowthPct: 10 };
const FRAME_UPDATES = Number(process.env.BENCH_FRAME_UPDATES ?? 60);
const PAINT_RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5);

export interface RendererBenchResult {
  /** Median of `runs` reloads; `navToAllDrawnRangeMs` is [fastest, slowest]. */
  firstPaint?: FirstPaintResult;
  firstPaintSkipped?: string;
  /** Harness page, 24 h × 40 panels put in the store at once (no network): first draw of all charts. */
  harnessPaint: { navToAllDrawnMs: number; dataToAllDrawnMs: number };
  update: { ticks: number; cpuMs: CpuQuantiles; jsMsMedian: number; jsMsP95: number; fullRedrawMsMedian: number; snapshotMsMedian: number; mergeMsMedian: number; setDataMsMedian: number; drawMsMedian: number; mainThreadMsPerUpdate: number; mainThreadRangeMs: [number, number]; points: number };
  heap: { ticks: number; simulatedHours: number; warmupTicks: number; afterWarmupMB: number; endMB: number; growthPct: number };
  /** The same page with a 1 h window (the renderer's default). */
  hourWindow: HourWindow;
  /** Main-thread work per frame during live updates (traced), 1 h and 24 h windows. */
  frames?: { hour: FrameFigures; day: FrameFigures };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// ---------- (1) first full paint through `wallboard serve` ----------

/** A 40-panel board on the demo source: 30 timeseries + 10 stat, all with a 24 h window. */
export function benchBoardYaml(): string {
  const metrics = [
    'bizoholic_orders_per_min', 'bizoholic_revenue_per_min', 'coreldove_searches_per_sec', 'coreldove_bookings_per_min',
    'thrillring_tickets_per_min', 'quanttrade_trades_per_sec', 'quanttrade_order_latency_ms', 'platform_error_rate_percent',
    'platform_requests_per_sec', 'platform_http_p95_seconds',
  ];
  const lines = ['title: Renderer bench', 'retention: 24h', 'sources:', '  demo:', '    - { id: demo, seed: 7, interval: 15s }', 'pages:', '  - id: bench', '    title: 40 panels', '    dwell: 1h', '    panels:'];
  for (let i = 0; i < PANELS; i++) {
    const stat = i % 4 === 3;
    const x = (i % 8) * 3;
    const y = Math.floor(i / 8) * 2;
    lines.push(
      `      - { id: p${i}, type: ${stat ? 'stat' : 'timeseries'}, title: "panel ${i}", query: "demo:${metrics[i % metrics.length]}", grid: { x: ${x}, y: ${y}, w: 3, h: 2 } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Waits until the bench board's buffer holds 24 h (the demo source fills it on its first poll);
 *  undefined when it does, else why not. */
export async function waitForDemoDay(url: string, timeoutMs: number): Promise<string | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const to = Date.now();
    const r = await fetch(`${url}/api/query?panels=p0&from=${to - 86_400_000}&to=${to}&maxPoints=10000`);
    const q = (await r.json()) as { panels?: { x: number[] }[] };
    const n = q.panels?.[0]?.x.length ?? 0;
    if (n >= POINTS * 0.95) return undefined;
    if (Date.now() > until) return `the demo source did not fill 24 h (p0 has ${n} points; HTTP ${r.status})`;
    await new Promise((res) => setTimeout(res, 500));
  }
}

// ---------- (2) + (3) on the harness page ----------

export function buildHarness(minify = true): Promise<BuiltPage> {
  return buildPage({ html: harnessHtml(), main: harnessMain }, minify);
}

async function benchHarness(browser: Browser, url: string, updateTicks: number, heapTicks: number): Promise<Pick<RendererBenchResult, 'harnessPaint' | 'update' | 'heap'>> {
  const { page, errors } = await openHarness(browser, url, { panels: PANELS, points: POINTS, viewport: VIEWPORT });
  const harnessPaint = await page.evaluate(() => {
    const data = performance.getEntriesByName('bench:data')[0]?.startTime ?? 0;
    const drawn = performance.getEntriesByName('wallboard:chart-drawn').map((m) => m.startTime);
    return { navToAllDrawnMs: Math.max(...drawn), dataToAllDrawnMs: Math.max(...drawn) - data };
  });
  const live = await measureLiveUpdates(page, updateTicks);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const sorted = [...live.jsMs].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
  // A catch-up of 10 min (40 samples per series at once) moves every chart's window by pixels.
  const full = await page.evaluate(async (n) => {
    const b = (globalThis as unknown as BenchWindow).__bench;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      out.push(await b.tick(40));
      await b.frame();
    }
    return out;
  }, 15);
  const update = {
    ticks: updateTicks,
    cpuMs: quantiles(live.cpuMsPerUpdate),
    jsMsMedian: q(0.5),
    jsMsP95: q(0.95),
    fullRedrawMsMedian: median(full),
    snapshotMsMedian: median(live.parts.snapshot),
    mergeMsMedian: median(live.parts.merge),
    setDataMsMedian: median(live.parts.setData),
    drawMsMedian: median(live.parts.draw),
    mainThreadMsPerUpdate: live.mainThreadMsPerUpdate,
    mainThreadRangeMs: live.mainThreadRangeMs,
    points: await page.evaluate(() => (globalThis as unknown as BenchWindow).__bench.points()),
  };

  // (3) heap: warm up 10 % of the ticks, GC, measure; run the rest; GC, measure.
  const warmupTicks = Math.max(1, Math.round(heapTicks * 0.1));
  const heapAt = async (): Promise<number> =>
    page.evaluate(async () => {
      const w = globalThis as unknown as BenchWindow;
      for (let i = 0; i < 3; i++) {
        w.gc?.();
        await new Promise((r) => setTimeout(r, 50));
      }
      return w.__bench.heapMB();
    });
  const runTicks = async (n: number): Promise<void> =>
    page.evaluate(async (count) => {
      const b = (globalThis as unknown as BenchWindow).__bench;
      for (let i = 0; i < count; i++) {
        await b.tick();
        if (i % 8 === 7) await new Promise((r) => (globalThis as unknown as BenchWindow).requestAnimationFrame(() => r(null)));
      }
    }, n);
  await runTicks(warmupTicks);
  const afterWarmupMB = await heapAt();
  await runTicks(heapTicks - warmupTicks);
  const endMB = await heapAt();
  await page.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return {
    harnessPaint,
    update,
    heap: {
      ticks: heapTicks,
      simulatedHours: (heapTicks * 15) / 3600,
      warmupTicks,
      afterWarmupMB,
      endMB,
      growthPct: ((endMB - afterWarmupMB) / afterWarmupMB) * 100,
    },
  };
}

// ---------- report ----------

const fmt = (v: number, d = 1): string => v.toFixed(d);
const verdict = (ok: boolean): string => (ok ? 'meets' : '**misses**');

export function renderMarkdown(r: RendererBenchResult, load1 = 0): string {
  const lines = ['## Renderer (Chromium, 1920×1080, 40 panels)', '', `Chromium ${CHROMIUM_ARGS.join(' ')}; 1-min load average at the end of the run: ${load1.toFixed(1)} (the machine has 2 cores, shared).`, ''];
  lines.push('| measure | figure | target | |', '|---|---|---|---|');
  if (r.firstPaint) {
    const f = r.firstPaint;
    lines.push(`| first full paint, navigation → all ${f.charts} charts drawn, median of ${f.runs} reloads (fastest–slowest ${fmt(f.navToAllDrawnRangeMs[0], 0)}–${fmt(f.navToAllDrawnRangeMs[1], 0)} ms) | ${fmt(f.navToAllDrawnMs)} ms | ≤ ${TARGETS.firstPaintMs} ms | ${verdict(f.navToAllDrawnMs <= TARGETS.firstPaintMs)} |`);
    if (f.paired) {
      const p = f.paired;
      const shown = p.thisFaster >= (2 * p.pairs) / 3 && p.ratioMedian < 1 ? 'sooner than the base' : p.pairs - p.thisFaster >= (2 * p.pairs) / 3 && p.ratioMedian > 1 ? '**later than the base**' : 'no difference shown';
      lines.push(`| … paired with the base build (${p.base}), reloads alternating: this / base, median of ${p.pairs} pairs (range ${fmt(p.ratioRange[0], 2)}–${fmt(p.ratioRange[1], 2)}; base median ${fmt(p.baseMedianMs)} ms) | ${fmt(p.ratioMedian, 2)} (${p.thisFaster} of ${p.pairs} pairs sooner) | < 1 in ≥ 2/3 of pairs | ${shown} |`);
    }
    lines.push(`| … of which: data received (${f.inlined ? 'inlined in the page: the HTML’s end; no /api/query before the paint' : 'first /api/query response end'}) | ${fmt(f.queryDoneMs)} ms | | |`);
    lines.push(`| … of which: data → all charts drawn | ${fmt(f.queryToDrawnMs)} ms | | |`);
  } else {
    lines.push(`| first full paint | ${r.firstPaintSkipped ?? 'not measured'} | ≤ ${TARGETS.firstPaintMs} ms | |`);
  }
  const u = r.update;
  lines.push(`| first paint of 40 charts holding 24 h of 15 s data (${f2(u.points)} points) put in the store at once (harness, no network): navigation → all drawn / store → all drawn (the verdict is on the second: before it, the page generates those points itself, which is not the renderer’s work) | ${fmt(r.harnessPaint.navToAllDrawnMs)} / ${fmt(r.harnessPaint.dataToAllDrawnMs)} ms | ≤ ${TARGETS.harnessPaintMs} ms | ${verdict(r.harnessPaint.dataToAllDrawnMs <= TARGETS.harnessPaintMs)} |`);
  lines.push(`| live update of all 40 panels, JS (snapshot + React, store → setData → draw), median / p95 of ${u.ticks * 3} updates | ${fmt(u.jsMsMedian, 2)} / ${fmt(u.jsMsP95, 2)} ms | ≤ ${TARGETS.updateMs} ms | ${verdict(u.jsMsMedian <= TARGETS.updateMs)} |`);
  lines.push(`| a catch-up update that moves every chart's window (40 samples per series at once), JS, median | ${fmt(u.fullRedrawMsMedian, 2)} ms | ≤ ${TARGETS.updateMs} ms | ${verdict(u.fullRedrawMsMedian <= TARGETS.updateMs)} |`);
  lines.push(`| … of which (medians): snapshot → React re-renders ${fmt(u.snapshotMsMedian, 2)} ms · store mergeTail ${fmt(u.mergeMsMedian, 2)} ms · setSeries → charts' setData incl. decimation ${fmt(u.setDataMsMedian, 2)} ms · uPlot draws ${fmt(u.drawMsMedian, 2)} ms | | | |`);
  lines.push(`| live update, main-thread CPU per update and its frames until every chart drew (CDP ThreadTime, one by one, an idle frame's median subtracted), median / p95 (max) of ${u.cpuMs.n} | ${fmt(u.cpuMs.median, 2)} / ${fmt(u.cpuMs.p95, 2)} ms (${fmt(u.cpuMs.max, 1)} ms) | per frame: rows below | |`);
  lines.push(`| live update, all main-thread work incl. paint per update (CDP TaskDuration, idle frame subtracted), median of 3 rounds of ${u.ticks} (rounds ${fmt(u.mainThreadRangeMs[0], 1)}–${fmt(u.mainThreadRangeMs[1], 1)} ms) | ${fmt(u.mainThreadMsPerUpdate, 2)} ms | per frame: rows below | |`);
  const hw = r.hourWindow;
  lines.push(`| the same with a 1 h window (the renderer's default: a tick moves every window by about a pixel), JS median / all main-thread work per update, median round (rounds ${fmt(hw.mainThreadRangeMs[0], 1)}–${fmt(hw.mainThreadRangeMs[1], 1)} ms) | ${fmt(hw.jsMsMedian, 2)} / ${fmt(hw.mainThreadMsPerUpdate, 2)} ms | per frame: rows below | |`);
  lines.push(`| … 1 h window, main-thread CPU per update and its frames (as above, one by one), median / p95 (max) of ${hw.cpuMs.n} | ${fmt(hw.cpuMs.median, 2)} / ${fmt(hw.cpuMs.p95, 2)} ms (${fmt(hw.cpuMs.max, 1)} ms) | per frame: rows below | |`);
  for (const [label, fr] of r.frames ? ([['24 h', r.frames.day], ['1 h', r.frames.hour]] as const) : []) {
    const over = fr.frameCpu.max > TARGETS.frameCpuMs;
    lines.push(`| **live update, main-thread CPU per frame**, ${label} window: every frame from an update's start to the one showing its last chart (traced; a frame counts the tasks that ran before it could be shown), median / p95 (max) of ${fr.frameCpu.n} frames over ${fr.updates} updates | ${fmt(fr.frameCpu.median, 2)} / ${fmt(fr.frameCpu.p95, 2)} ms (${fmt(fr.frameCpu.max, 1)} ms) | ≤ ${TARGETS.frameCpuMs} ms at p95, none over | ${verdict(fr.frameCpu.p95 <= TARGETS.frameCpuMs && !over)} |`);
    lines.push(`| … ${label}: update → every chart drawn, median / p95 (max); main-thread CPU per update (its frames less quiet ones), median / p95; frames later than 1.5 × the quiet interval (wall time: the machine's load shows here) | ${fmt(fr.latency.median, 0)} / ${fmt(fr.latency.p95, 0)} ms (${fmt(fr.latency.max, 0)}); ${fmt(fr.updateCpu.median, 1)} / ${fmt(fr.updateCpu.p95, 1)} ms; ${fr.dropped} of ${fr.frameWall.n} | ≤ ${TARGETS.drawnMs} ms at p95 | ${verdict(fr.latency.p95 <= TARGETS.drawnMs)} |`);
  }
  const h = r.heap;
  lines.push(`| JS heap growth over ${fmt(h.simulatedHours)} h of simulated 15 s updates (${h.ticks} ticks), after ${h.warmupTicks}-tick warm-up | ${fmt(h.afterWarmupMB)} → ${fmt(h.endMB)} MB (${h.growthPct >= 0 ? '+' : ''}${fmt(h.growthPct)} %) | ≤ ${TARGETS.heapGrowthPct} % | ${verdict(h.growthPct <= TARGETS.heapGrowthPct)} |`);
  lines.push('');
  if (r.firstPaint) {
    const f = r.firstPaint;
    lines.push(`First paint: \`wallboard serve\` on a generated 40-panel board (30 timeseries, 10 stat with sparkline) on the demo source after it filled 24 h; the page is loaded once to warm caches, then reloaded ${f.runs} times, each measured from navigation start to the last \`wallboard:chart-drawn\` mark (one per chart, on its first draw with data)${SETTLE_MS > 0 ? `, read ${f2(SETTLE_MS)} ms after the load event (the bench's own script out of the span)` : ''}. The page's first read is a ${fmt(f.windowH)} h window at maxPoints=${f.maxPoints} (${f2(f.pointsReceived)} points${f.inlined ? ', inlined by serve into the page' : ''}). Each chart then draws ≤ 2 points per 2 px column (min/max decimation).`);
  }
  lines.push(`Updates and heap: harness page with the real store and PanelFrame (TimeseriesPanel, StatPanel with Sparkline); each tick first sets a new snapshot (every panel's newest value changes, as /api/snapshot does), then merges the tails; ${PANELS} panels × ${POINTS} points (${f2(u.points)} points held in the store; each chart draws its min/max decimation), one new sample per panel per tick through mergeTail → setSeries (series and range in one store update), as the live path does. Heap is CDP-free: \`performance.memory.usedJSHeapSize\` after \`window.gc()\` (\`--js-flags=--expose-gc\`, \`--enable-precise-memory-info\`).`);
  return `${lines.join('\n')}\n`;
}

function f2(n: number): string {
  return n.toLocaleString('en-US');
}

export async function run(): Promise<string> {
  const updateTicks = Number(process.env.BENCH_UPDATE_TICKS ?? 120);
  const heapTicks = Number(process.env.BENCH_HEAP_TICKS ?? POINTS);
  const browser = await launch();
  let harness: Awaited<ReturnType<typeof buildHarness>> | undefined;
  try {
    const fp = PAINT_RUNS <= 0 ? 'skipped: BENCH_PAINT_RUNS=0' : await benchFirstPaint(browser, ROOT, PAINT_RUNS, process.env.BENCH_BASE).catch((e: unknown) => `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    harness = await buildHarness();
    const hr = {
      ...(await benchHarness(browser, harness.url, updateTicks, heapTicks)),
      hourWindow: await benchHourWindow(browser, harness.url, VIEWPORT, PANELS, updateTicks),
      frames: { hour: await measureFrames(browser, harness.url, 240, FRAME_UPDATES, 12), day: await measureFrames(browser, harness.url, POINTS, FRAME_UPDATES, 12) },
    };
    const result: RendererBenchResult = typeof fp === 'string' ? { firstPaintSkipped: fp, ...hr } : { firstPaint: fp, ...hr };
    return renderMarkdown(result, loadavg()[0] ?? 0);
  } finally {
    await browser.close();
    await harness?.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (md) => process.stdout.write(md),
    (e: unknown) => {
      process.stderr.write(`renderer bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
