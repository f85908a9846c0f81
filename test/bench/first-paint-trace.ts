/**
 * Where the browser's part of the first paint goes: the renderer bench's 40-panel wall through
 * `wallboard serve` (24 h window), reloaded with a Chromium trace on, main-thread CPU from navigation
 * to the last `wallboard:chart-drawn` mark, by kind (script compile / evaluate, microtasks, style,
 * layout, paint, raster …) and the top event names. Median per kind over the reloads. A tool for
 * performance work, not part of `npm run bench`.
 *   npm run build && node --import tsx test/bench/first-paint-trace.ts [reloads=5] [checkout]
 * PAIR=<built checkout> serves that build too and alternates reloads of both (this / base ratios per pair:
 * traced time to the last mark, main-thread CPU in that span, CPU of the frame with the charts and of its
 * script: chart creation (the ResizeObserver callback) and first draws). Thread
 * CPU holds better than wall time while other processes share the cores.
 * Env: TRACE_OUT=<file> keeps the last raw trace; PROFILE=1 prints top functions by self time instead;
 * TIMELINE=1 also lists each reload's main-thread tasks in order.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { startWallboard, type Wallboard } from '../e2e/serve';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';
import { SETTLE_MS } from './renderer-bench-paint';
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

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel', 'loading'];

/** One traced reload, read from its main thread between navigation and the last chart mark. */
interface Reload {
  /** ms: navigation → the last chart's first draw, on the trace's clock */
  drawn: number;
  /** ms of main-thread CPU in all tasks of that span */
  taskCpu: number;
  /** ms of main-thread CPU of the task holding the last mark (the first frame: style, layout, chart creation, draws) */
  frameCpu: number;
  /** ms of main-thread CPU of the script in that frame up to the last mark (chart creation and first draws, no style or layout) */
  scriptCpu: number;
  /** ms of it outside microtasks: the ResizeObserver callback that creates the charts (the rest: their first draws, queued as microtasks) */
  createCpu: number;
  /** ms from navigation: the new page's HTML parse starts, its module evaluated, the frame with the charts starts, its script (chart creation) starts, the first draws start */
  at: { parse: number; evaluated: number; frame: number; create: number; draws: number };
  kinds: Map<string, number>;
  names: Map<string, number>;
}

async function tracedReload(browser: Browser, page: Page): Promise<Reload> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.reload();
  // why: as the paint bench does; polling at once put Playwright's injected script (~7–10 ms) before the frame with the charts
  if (SETTLE_MS > 0) await page.waitForTimeout(SETTLE_MS);
  await waitForCharts(page);
  const buf = await browser.stopTracing();
  if (process.env.TRACE_OUT) await writeFile(process.env.TRACE_OUT, buf);
  const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = events.filter((e) => e.name === 'wallboard:chart-drawn');
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === marks[0]?.pid);
  if (!marks.length || !nav) throw new Error('no chart marks or navigation in the trace');
  const end = Math.max(...marks.map((e) => e.ts));
  const main = events
    .filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= nav.ts && e.ts <= end)
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0));
  const kinds = new Map<string, number>();
  const names = new Map<string, number>();
  let task = 0;
  let frame = 0;
  for (const e of main) {
    const us = e.tdur ?? e.dur ?? 0;
    if (e.name === 'ThreadControllerImpl::RunTask') {
      task += us;
      if (e.ts <= end && e.ts + (e.dur ?? 0) >= end) frame = us;
    }
    names.set(e.name, (names.get(e.name) ?? 0) + us / 1000);
    const k = KINDS[e.name];
    if (k) kinds.set(k, (kinds.get(k) ?? 0) + us / 1000);
  }
  if (process.env.TIMELINE) timeline(main, nav.ts, marks.map((e) => e.ts));
  const frameTask = main.find((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts <= end && e.ts + (e.dur ?? 0) >= end);
  let script = 0;
  let microtasks = 0; // µs: the draws, run as microtasks after the callbacks
  let scriptEnd = 0; // µs: end of the last outermost call counted
  let create = NaN;
  let draws = NaN;
  for (const e of main) {
    if (!frameTask || e.ts < frameTask.ts) continue;
    if (e.name === 'RunMicrotasks') {
      microtasks += e.tdur ?? e.dur ?? 0;
      if (Number.isNaN(draws)) draws = e.ts;
    }
    if (e.name !== 'v8.callFunction' || e.ts < scriptEnd) continue;
    if (Number.isNaN(create)) create = e.ts;
    script += e.tdur ?? e.dur ?? 0;
    scriptEnd = e.ts + (e.dur ?? 0);
  }
  // why the longest: the old page's short commit event comes first; the new page's includes its parser's creation
  const committed = main.filter((e) => e.name === 'DocumentLoader::CommitNavigation').sort((x, y) => (y.dur ?? 0) - (x.dur ?? 0))[0];
  const parse = main.find((e) => e.name === 'ParseHTML' && committed !== undefined && e.ts >= committed.ts);
  const evaluated = main.find((e) => e.name === 'v8.evaluateModule');
  const ms = (us: number | undefined): number => (us === undefined ? NaN : (us - nav.ts) / 1000);
  const at = { parse: ms(parse?.ts), evaluated: ms(evaluated && evaluated.ts + (evaluated.dur ?? 0)), frame: ms(frameTask?.ts), create: ms(create), draws: ms(draws) };
  return { drawn: (end - nav.ts) / 1000, taskCpu: task / 1000, frameCpu: frame / 1000, scriptCpu: script / 1000, createCpu: (script - microtasks) / 1000, at, kinds, names };
}

async function openBenchWall(browser: Browser, root: string | undefined): Promise<{ wb: Wallboard; page: Page }> {
  const wb = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true, ...(root ? { root } : {}) });
  try {
    const filled = await waitForDemoDay(wb.url, 60_000);
    if (filled !== undefined) throw new Error(filled);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${wb.url}/?rotate=0&burnin=0&window=24h`);
    await waitForCharts(page);
    return { wb, page };
  } catch (e) {
    await wb.stop();
    throw e;
  }
}

function printSplit(label: string, runs: Reload[]): void {
  const m = (f: (r: Reload) => number): string => median(runs.map(f)).toFixed(1);
  console.log(`${label}: ${runs.length} reloads; navigation → all 40 charts drawn (traced) median ${m((r) => r.drawn)} ms; main-thread task CPU in that span median ${m((r) => r.taskCpu)} ms, of it the frame with the charts ${m((r) => r.frameCpu)} ms, its script ${m((r) => r.scriptCpu)} ms (creating the charts ${m((r) => r.createCpu)}); load ${loadavg()[0]?.toFixed(1)}`);
  console.log(`when, ms from navigation (medians): HTML parse starts ${m((r) => r.at.parse)}, module evaluated ${m((r) => r.at.evaluated)}, frame with the charts starts ${m((r) => r.at.frame)}, chart creation starts ${m((r) => r.at.create)}, first draws start ${m((r) => r.at.draws)}, last chart drawn ${m((r) => r.drawn)}`);
  const all = (key: 'kinds' | 'names'): string[] => [...new Set(runs.flatMap((r) => [...r[key].keys()]))];
  const med = (key: 'kinds' | 'names', k: string): number => median(runs.map((r) => r[key].get(k) ?? 0));
  console.log('by kind, CPU ms (median over reloads; nested kinds overlap: script includes what it forces):');
  for (const k of all('kinds').sort((a, b) => med('kinds', b) - med('kinds', a))) console.log(`  ${k.padEnd(14)} ${med('kinds', k).toFixed(1)}`);
  console.log('top event names, CPU ms:');
  for (const k of all('names').sort((a, b) => med('names', b) - med('names', a)).slice(0, 30)) console.log(`  ${med('names', k).toFixed(1).padStart(7)}  ${k}`);
}

/** Paired ratios this / base of one figure, reload by reload. */
function pairLine(name: string, mine: number[], theirs: number[]): string {
  const ratios = mine.map((v, i) => v / (theirs[i] ?? NaN)).filter(Number.isFinite);
  const q = (p: number): number => [...ratios].sort((a, b) => a - b)[Math.floor(p * (ratios.length - 1))] ?? NaN;
  return `  ${name.padEnd(10)} this ${median(mine).toFixed(1)} ms, base ${median(theirs).toFixed(1)} ms; ratio median ${median(ratios).toFixed(3)} (quartiles ${q(0.25).toFixed(3)}–${q(0.75).toFixed(3)}), this lower in ${ratios.filter((r) => r < 1).length} of ${ratios.length}`;
}

async function main(): Promise<void> {
  const reloads = Number(process.argv[2] ?? 5);
  const root = process.argv[3] || undefined;
  const base = process.env.PAIR;
  const browser = await launch();
  let a: { wb: Wallboard; page: Page } | undefined;
  let b: { wb: Wallboard; page: Page } | undefined;
  try {
    a = await openBenchWall(browser, root);
    b = base ? await openBenchWall(browser, base) : undefined;
    if (process.env.PROFILE) {
      await profile(a.page, reloads);
      return;
    }
    const mine: Reload[] = [];
    const theirs: Reload[] = [];
    for (let r = 0; r < reloads; r++) {
      // why the order alternates within pairs: neither build always goes first after a pause
      if (b && r % 2 === 1) theirs.push(await tracedReload(browser, b.page));
      mine.push(await tracedReload(browser, a.page));
      if (b && r % 2 === 0) theirs.push(await tracedReload(browser, b.page));
    }
    printSplit(b ? 'this build' : 'build', mine);
    if (b) {
      printSplit(`base ${base}`, theirs);
      console.log(`paired, this / base (${reloads} pairs, alternating):`);
      console.log(pairLine('drawn', mine.map((r) => r.drawn), theirs.map((r) => r.drawn)));
      console.log(pairLine('task CPU', mine.map((r) => r.taskCpu), theirs.map((r) => r.taskCpu)));
      console.log(pairLine('frame CPU', mine.map((r) => r.frameCpu), theirs.map((r) => r.frameCpu)));
      console.log(pairLine('script', mine.map((r) => r.scriptCpu), theirs.map((r) => r.scriptCpu)));
      console.log(pairLine('create', mine.map((r) => r.createCpu), theirs.map((r) => r.createCpu)));
      console.log(pairLine('draws', mine.map((r) => r.scriptCpu - r.createCpu), theirs.map((r) => r.scriptCpu - r.createCpu)));
    }
  } finally {
    await browser.close();
    await Promise.all([a?.wb.stop(), b?.wb.stop()]);
  }
}

/**
 * TIMELINE=1: each main-thread task of the reload (≥ 0.3 ms) with its start and CPU from navigation, the
 * chart marks it holds, and its largest nested events (names as the trace gives them), so a frame's parts
 * (style, layout, chart creation, draws, raster) read in order.
 */
function timeline(main: TraceEvent[], navTs: number, marks: number[]): void {
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const ms = (us: number): string => (us / 1000).toFixed(1);
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    const cpu = t.tdur ?? t.dur ?? 0;
    if (cpu < 300) continue;
    const inner = new Map<string, number>();
    for (const e of main) {
      if (e === t || e.ts < t.ts || e.ts > end || e.name === 'ThreadControllerImpl::RunTask') continue;
      inner.set(e.name, (inner.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0));
    }
    const held = marks.filter((m) => m >= t.ts && m <= end).length;
    const top = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
    console.log(`  ${ms(t.ts - navTs).padStart(6)} +${ms(t.dur ?? 0).padStart(5)} cpu ${ms(cpu).padStart(5)}${held ? ` marks ${held}` : ''}  ${top}`);
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
