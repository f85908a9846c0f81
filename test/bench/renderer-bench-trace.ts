/**
 * Where a live tick's main-thread time goes: runs the renderer bench's harness page, records a
 * Chromium trace (devtools.timeline) over some live ticks and prints, per tick, the time of each
 * kind of main-thread event (script, style, layout, paint, raster), with the JS stacks that forced
 * a style or layout. A tool for performance work, not part of `npm run bench`.
 *   node --import tsx test/bench/renderer-bench-trace.ts [ticks=30]
 * Env: TRACE_OUT=<file> keeps the raw trace (open it in DevTools' Performance panel);
 * TRACE_CSS=<css> adds a style sheet to the page first (to try a layout change without a build);
 * TRACE_JS=<script> runs in the page first; TRACE_POINTS=<n> rows per series (default 5760 = 24 h; 240 = 1 h).
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { buildHarness, launch } from './renderer-bench';
import { openHarness, type BenchWindow } from './renderer-bench-live';
import type { TraceEvent as BaseEvent } from './trace-events';

interface TraceEvent extends BaseEvent {
  cat: string;
  args?: { data?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[] }; beginData?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[] } };
}

const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  RunMicrotasks: 'microtasks',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  'Layerize': 'layerize',
  UpdateLayer: 'paint',
  RasterTask: 'raster',
  'Canvas2DLayerBridge::PrepareTransferableResource': 'canvas-flush',
  'CanvasResourceProvider::FlushCanvas': 'canvas-flush',
  'CanvasRenderingContext2D::FinalizeFrame': 'canvas-raster',
  Commit: 'commit',
};

async function main(): Promise<void> {
  const ticks = Number(process.argv[2] ?? 30);
  const browser = await launch();
  const harness = await buildHarness(false);
  try {
    const { page } = await openHarness(browser, harness.url, { panels: 40, points: Number(process.env.TRACE_POINTS ?? 5760), viewport: { width: 1920, height: 1080 } });
    const runTicks = (n: number): Promise<number[]> =>
      page.evaluate(async (count) => {
        const b = (globalThis as unknown as BenchWindow).__bench;
        const out: number[] = [];
        for (let i = 0; i < count; i++) {
          performance.mark('trace:tick');
          out.push(await b.tick());
          await b.frame();
        }
        return out;
      }, n);
    if (process.env.TRACE_CSS) await page.addStyleTag({ content: process.env.TRACE_CSS });
    // why: to try a drawing change on the live page without a build, e.g. a context property
    if (process.env.TRACE_JS) await page.evaluate(process.env.TRACE_JS);
    await runTicks(20);
    if (process.env.PROFILE) {
      await profile(page, () => runTicks(ticks), ticks);
      return;
    }
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'v8.execute', 'blink.user_timing', 'toplevel', 'cc', 'blink', ...(process.env.TRACE_INVALIDATIONS ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : [])],
    });
    const js = await runTicks(ticks);
    const buf = await browser.stopTracing();
    if (process.env.TRACE_OUT) await writeFile(process.env.TRACE_OUT, buf);
    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    // the renderer main thread: where the tick marks are
    const mark = events.find((e) => e.name === 'trace:tick');
    if (!mark) throw new Error('no tick marks in the trace');
    const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X');
    const totals = new Map<string, number>();
    const byName = new Map<string, number>();
    const forced = new Map<string, { n: number; us: number }>();
    let tasks = 0;
    let taskCpu = 0;
    const cpu = new Map<string, number>();
    let dirty = 0;
    let layouts = 0;
    for (const e of main) {
      if (e.name === 'Layout') {
        layouts++;
        dirty += (e.args as { beginData?: { dirtyObjects?: number } } | undefined)?.beginData?.dirtyObjects ?? 0;
      }
      if (e.name === 'ThreadControllerImpl::RunTask') {
        tasks += e.dur ?? 0;
        taskCpu += e.tdur ?? 0;
      }
      byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
      const kind = KINDS[e.name];
      if (kind) totals.set(kind, (totals.get(kind) ?? 0) + (e.dur ?? 0));
      if (kind) cpu.set(kind, (cpu.get(kind) ?? 0) + (e.tdur ?? 0));
      if (e.name === 'Layout' || e.name === 'UpdateLayoutTree') {
        const st = e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace;
        if (st && st.length) {
          const key = `${e.name} ← ${st.slice(0, 4).map((f) => `${f.functionName || '(anon)'}:${f.lineNumber}`).join(' ← ')}`;
          const f = forced.get(key) ?? { n: 0, us: 0 };
          f.n++;
          f.us += e.dur ?? 0;
          forced.set(key, f);
        }
      }
    }
    // what dirtied layout (TRACE_INVALIDATIONS=1): element and reason, counts per tick
    const inval = new Map<string, number>();
    for (const e of events) {
      if (e.name !== 'LayoutInvalidationTracking' && e.name !== 'StyleRecalcInvalidationTracking') continue;
      const d = (e.args as { data?: { nodeName?: string; reason?: string } } | undefined)?.data;
      const key = `${e.name.replace('InvalidationTracking', '')} ${d?.nodeName ?? '?'} ${d?.reason ?? '?'}`;
      inval.set(key, (inval.get(key) ?? 0) + 1);
    }
    const per = (us: number): string => (us / 1000 / ticks).toFixed(2);
    // each tick's main-thread tasks: those starting from its mark to the next (the tick, its frame)
    const starts = events.filter((e) => e.name === 'trace:tick' && e.pid === mark.pid).map((e) => e.ts).sort((a, b) => a - b);
    const perTick = starts.map(() => ({ wall: 0, cpu: 0, longest: 0 }));
    for (const e of main) {
      if (e.name !== 'ThreadControllerImpl::RunTask') continue;
      let i = starts.length - 1;
      while (i >= 0 && (starts[i] as number) > e.ts) i--;
      const t = perTick[i];
      if (!t) continue;
      t.wall += e.dur ?? 0;
      t.cpu += e.tdur ?? 0;
      t.longest = Math.max(t.longest, e.dur ?? 0);
    }
    const pct = (xs: number[], p: number): string => ([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! / 1000).toFixed(2);
    for (const [k, label] of [['wall', 'task time'], ['cpu', 'task CPU time'], ['longest', 'longest task']] as const) {
      const xs = perTick.map((t) => t[k]);
      console.log(`per tick, main-thread ${label} (ms): median ${pct(xs, 0.5)}, p95 ${pct(xs, 0.95)}, max ${pct(xs, 1)}`);
    }
    const sorted = [...js].sort((a, b) => a - b);
    console.log(`ticks ${ticks}; in-page JS per tick median ${sorted[Math.floor(ticks / 2)]?.toFixed(2)} ms`);
    console.log(`main-thread tasks per tick ${per(tasks)} ms; ${layouts} layouts, ${(dirty / Math.max(1, layouts)).toFixed(0)} dirty objects each`);
    console.log(`main-thread task CPU time per tick ${per(taskCpu)} ms`);
    console.log('by kind (ms per tick wall / CPU, nested kinds overlap):');
    for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(14)} ${per(v)} / ${per(cpu.get(k) ?? 0)}`);
    console.log('top event names (ms per tick):');
    for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${per(v).padStart(7)}  ${k}`);
    console.log('forced style/layout from script (count, ms per tick):');
    for (const [k, v] of [...forced].sort((a, b) => b[1].us - a[1].us).slice(0, 12)) console.log(`  ${String(v.n).padStart(4)} ${per(v.us).padStart(6)}  ${k}`);
    if (inval.size) console.log('invalidations (per tick):');
    for (const [k, v] of [...inval].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / ticks).toFixed(1).padStart(6)}  ${k}`);
    await page.close();
  } finally {
    await browser.close();
    await harness.close();
  }
}

/** Top functions by self time (CDP sampling profiler) over the ticks. */
async function profile(page: Page, work: () => Promise<unknown>, ticks: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); // µs
  await cdp.send('Profiler.start');
  await work();
  const { profile: prof } = await cdp.send('Profiler.stop');
  const dt = new Map<number, number>();
  const timeDeltas = prof.timeDeltas ?? [];
  (prof.samples ?? []).forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  for (const n of prof.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0));
  }
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / 1000 / ticks).toFixed(3).padStart(8)} ms/tick  ${k}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`trace failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
