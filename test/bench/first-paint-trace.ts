/**
 * Where the browser's part of the first paint goes: the renderer bench's 40-panel wall through
 * `wallboard serve` (24 h window), reloaded with a Chromium trace on, main-thread CPU from navigation
 * to the last `wallboard:chart-drawn` mark, by kind (script compile / evaluate, microtasks, style,
 * layout, paint, raster …) and the top event names. Median per kind over the reloads. A tool for
 * performance work, not part of `npm run bench`.
 *   npm run build && node --import tsx test/bench/first-paint-trace.ts [reloads=5] [checkout]
 * Env: TRACE_OUT=<file> keeps the last raw trace; PROFILE=1 prints top functions by self time instead.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { startWallboard } from '../e2e/serve';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';
import type { TraceEvent as BaseEvent } from './trace-events';

interface TraceEvent extends BaseEvent {
  args?: { data?: { url?: string; frame?: string } };
}

// Top-level main-thread work, by what the browser was doing (nested events are counted under these)
const KINDS: Record<string, string> = {
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'V8.CompileCode': 'compile',
  'v8.parseOnBackground': 'compile',
  EvaluateScript: 'script',
  'v8.evaluateModule': 'script',
  FunctionCall: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'microtasks',
  ParseHTML: 'parse-html',
  ParseAuthorStyleSheet: 'parse-css',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  Layerize: 'layerize',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'CanvasRenderingContext2D::FinalizeFrame': 'canvas-raster',
  Commit: 'commit',
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function waitForCharts(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('wallboard:chart-drawn').length >= 40, undefined, { timeout: 60_000, polling: 50 });
}

async function main(): Promise<void> {
  const reloads = Number(process.argv[2] ?? 5);
  const root = process.argv[3];
  const wb = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true, ...(root ? { root } : {}) });
  const browser = await launch();
  try {
    const filled = await waitForDemoDay(wb.url, 60_000);
    if (filled !== undefined) throw new Error(filled);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${wb.url}/?rotate=0&burnin=0&window=24h`);
    await waitForCharts(page);
    if (process.env.PROFILE) {
      await profile(page, reloads);
      return;
    }
    const perKind = new Map<string, number[]>();
    const perName = new Map<string, number[]>();
    const totals: number[] = [];
    const drawn: number[] = [];
    for (let r = 0; r < reloads; r++) {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel', 'loading'] });
      await page.reload();
      await waitForCharts(page);
      const buf = await browser.stopTracing();
      if (process.env.TRACE_OUT) await writeFile(process.env.TRACE_OUT, buf);
      const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
      const marks = events.filter((e) => e.name === 'wallboard:chart-drawn');
      const nav = events.find((e) => e.name === 'navigationStart' && e.pid === marks[0]?.pid);
      if (!marks.length || !nav) throw new Error('no chart marks or navigation in the trace');
      const end = Math.max(...marks.map((e) => e.ts));
      drawn.push((end - nav.ts) / 1000);
      const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= nav.ts && e.ts <= end);
      const kind = new Map<string, number>();
      const name = new Map<string, number>();
      let task = 0;
      for (const e of main) {
        const us = e.tdur ?? e.dur ?? 0;
        if (e.name === 'ThreadControllerImpl::RunTask') task += us;
        name.set(e.name, (name.get(e.name) ?? 0) + us);
        const k = KINDS[e.name];
        if (k) kind.set(k, (kind.get(k) ?? 0) + us);
      }
      totals.push(task / 1000);
      for (const [k, v] of kind) perKind.set(k, [...(perKind.get(k) ?? []), v / 1000]);
      for (const [k, v] of name) perName.set(k, [...(perName.get(k) ?? []), v / 1000]);
    }
    console.log(`${reloads} reloads; navigation → all 40 charts drawn (traced) median ${median(drawn).toFixed(1)} ms; main-thread task CPU in that span median ${median(totals).toFixed(1)} ms; load ${loadavg()[0]?.toFixed(1)}`);
    console.log('by kind, CPU ms (median over reloads; nested kinds overlap: script includes what it forces):');
    for (const [k, v] of [...perKind].sort((a, b) => median(b[1]) - median(a[1]))) console.log(`  ${k.padEnd(14)} ${median(v).toFixed(1)}`);
    console.log('top event names, CPU ms:');
    for (const [k, v] of [...perName].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 30)) console.log(`  ${median(v).toFixed(1).padStart(7)}  ${k}`);
  } finally {
    await browser.close();
    await wb.stop();
  }
}

/** Top functions by self time over `reloads` reloads (CDP sampling profiler, started before each). */
async function profile(page: Page, reloads: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); // µs
  const self = new Map<string, number>();
  const total = new Map<string, number>(); // self + callees, each sample counted once per function
  for (let r = 0; r < reloads; r++) {
    await cdp.send('Profiler.start');
    await page.reload();
    await waitForCharts(page);
    const { profile: prof } = await cdp.send('Profiler.stop');
    const key = new Map<number, string>();
    const parent = new Map<number, number>();
    for (const n of prof.nodes) {
      const f = n.callFrame;
      key.set(n.id, `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
      for (const c of n.children ?? []) parent.set(c, n.id);
    }
    const deltas = prof.timeDeltas ?? [];
    (prof.samples ?? []).forEach((id, i) => {
      const dt = deltas[i] ?? 0;
      const k = key.get(id) ?? '?';
      self.set(k, (self.get(k) ?? 0) + dt);
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(key.get(n) ?? '?');
      for (const s of seen) total.set(s, (total.get(s) ?? 0) + dt);
    });
  }
  const top = (m: Map<string, number>, n: number): void => {
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(v / 1000 / reloads).toFixed(2).padStart(8)} ms/reload  ${k}`);
  };
  console.log('self time:');
  top(self, 40);
  console.log('total time (self + callees):');
  top(total, Number(process.env.PROFILE_TOTAL ?? 60));
}

main().catch((e: unknown) => {
  process.stderr.write(`trace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
