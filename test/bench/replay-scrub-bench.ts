/**
 * Scrubbing and playing the 40-panel wall in replay, in real Chromium through `wallboard serve`
 * (the renderer bench's demo board, 30 timeseries + 10 stat, after the demo source filled 24 h).
 * Runs under a light Chromium trace (toplevel tasks and user timing): every animation frame leaves a
 * mark, and a frame's main-thread CPU is the thread time of the tasks that had to run before it could
 * be shown (trace-events.ts frameWork). A replay frame's text, values and states apply in one frame;
 * its charts draw in that frame or over the frames after it (draw-scheduler.ts), each chart writing
 * the T it shows as `data-drawn-to`. Every frame from a move until every chart shows its T counts.
 *  1. Drag: the pointer held on the replay track and moved in STEPS steps across the day; after each
 *     move the bench waits until every chart shows that T. Figures: CPU per frame (median, p95, max)
 *     over the steps' frames; CPU per step (CDP ThreadTime, less the same waits with nothing to do);
 *     step -> all drawn, from the pointermove to the first animation frame at which all charts show T.
 *  2. Fast drags: FAST_DRAGS drags of FAST_MOVES moves sent back to back, released at once: CPU per
 *     frame over their frames, and from the last move to the first frame at which all show the last T.
 *  3. Play at 600×: frames painted with a new T per second over PLAY_S seconds (an animation frame
 *     after at least one new replay frame), CPU per animation frame, and at every animation frame how
 *     far the chart furthest behind lags the T on screen.
 * A build whose charts carry no `data-drawn-to` (before the replay draw scheduler) draws every chart
 * with its replay frame: its charts are taken to show the T of the last replay frame.
 * `run()` returns a markdown section; `node --import tsx test/bench/replay-scrub-bench.ts` prints it.
 * Env: BENCH_SCRUB_STEPS (60), BENCH_PLAY_S (6), BENCH_SCRUB_FAST (12); BENCH_JSON=1 prints the
 * figures as JSON too; for performance work BENCH_SCRUB_PROFILE=<file> (a V8 CPU profile of the drag)
 * and BENCH_SCRUB_TRACE=<file> (the trace, with categories BENCH_SCRUB_TRACE_CATS added).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';
import { frameWork, type TraceEvent } from './trace-events';
import { startWallboard } from '../e2e/serve';

const VIEWPORT = { width: 1920, height: 1080 };
const PANELS = 40;
const STEPS = Number(process.env.BENCH_SCRUB_STEPS ?? 60);
const PLAY_S = Number(process.env.BENCH_PLAY_S ?? 6);
const FAST_DRAGS = Number(process.env.BENCH_SCRUB_FAST ?? 12);
const FAST_MOVES = 12;
const TARGETS = { frameMs: 16, playFps: 10, lastStepMs: 100 };
const FRAME_MARK = 'wallboard:replay-frame';

interface FrameWindow {
  __frames: { at: number; t: number }[];
  /** Animation frames that came after at least one new replay frame: the frames painted with a new T. */
  __painted: number;
  /** ms (page time) of the last pointermove */
  __moveAt: number;
  /** T -> ms (page time) of the last animation frame at which every chart came to show T */
  __drawnAt: Map<number, number>;
  /** T on screen (the last replay frame) minus the T of the chart furthest behind, ms of T, per animation frame while playing */
  __lag: number[];
  __playing: boolean;
  __watch(on: boolean): void;
  __chartsAt(): { all: number | null; min: number | null };
}

// why a string: tsx would wrap named functions in a helper the page lacks. While on, at every
// animation frame: a `scrub:frame` mark; `scrub:converged` when every chart comes to show the T on
// the replay bar; while playing, how far the chart furthest behind lags the last replay frame.
const PAGE_SCRIPT = `(() => {
  const w = globalThis;
  w.__frames = []; w.__painted = 0; w.__moveAt = 0; w.__drawnAt = new Map(); w.__lag = []; w.__playing = false;
  let watching = false, converged = null;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === ${JSON.stringify(FRAME_MARK)}) w.__frames.push({ at: e.detail.at, t: e.startTime });
  }).observe({ type: 'mark' });
  addEventListener('pointermove', (e) => {
    w.__moveAt = e.timeStamp;
    if (watching) { performance.clearMarks('scrub:move'); performance.mark('scrub:move'); }
  }, { capture: true, passive: true });
  w.__chartsAt = () => {
    const els = document.querySelectorAll('[data-chart-drawn="true"]');
    if (els.length === 0) return { all: null, min: null };
    if (!els[0].hasAttribute('data-drawn-to')) {
      const f = w.__frames.at(-1);
      return f ? { all: f.at, min: f.at } : { all: null, min: null };
    }
    const first = els[0].getAttribute('data-drawn-to');
    let same = true, min = Infinity;
    for (const el of els) {
      const v = el.getAttribute('data-drawn-to');
      if (v !== first) same = false;
      min = Math.min(min, Number(v));
    }
    return { all: same ? Number(first) : null, min };
  };
  const tick = (now) => {
    if (!watching) return;
    performance.clearMarks('scrub:frame');
    performance.mark('scrub:frame');
    const c = w.__chartsAt();
    const want = Number(document.querySelector('[data-testid="replay-time"]')?.getAttribute('data-at'));
    if (c.all !== null && c.all === want && converged !== want) {
      converged = want;
      w.__drawnAt.set(want, now);
      performance.clearMarks('scrub:converged');
      performance.mark('scrub:converged');
    }
    if (c.all !== want) converged = null;
    const f = w.__frames.at(-1);
    if (w.__playing && f && c.min !== null) w.__lag.push(f.at - c.min);
    requestAnimationFrame(tick);
  };
  w.__watch = (on) => {
    const was = watching;
    watching = on;
    if (on && !was) requestAnimationFrame(tick);
  };
})()`;

type Spread = { median: number; p95: number; max: number; n: number };

export interface ScrubResult {
  steps: number;
  /** main-thread CPU of each step's busiest frame (from its move until all charts show its T): a frame over 16 ms is a dropped frame */
  busiestMs: Spread;
  /** main-thread CPU per animation frame, every frame from a step's move until all charts show its T */
  frameMs: Spread;
  /** frames per step, from the move's to the first with all charts at T */
  framesPerStep: Spread;
  /** main-thread CPU of a whole step (CDP ThreadTime), less the same waits with nothing to do */
  stepMs: Spread;
  idleMs: number;
  /** ms from a step's pointermove to the first frame at which every chart shows its T */
  stepToDrawnMs: Spread;
  /** fast drags: CPU per frame over their frames, and last move -> every chart shows the last T */
  fast: { busiestMs: Spread; frameMs: Spread; lastToDrawnMs: Spread; lastToFrameMs: Spread };
  /** ms from a step's pointermove to its replay frame (text, values, states shown; the read's latency) */
  stepToFrameMs: Spread;
  /** Steps or drags that did not converge within the bound (counted, not timed). */
  missed: number;
  /** frames: animation frames painted with a new T; applied: replay frames put into the store (several can share one paint). */
  play: { seconds: number; frames: number; applied: number; fps: number; frameMs: Spread; cpuMsPerFrame: number; replayedMinutes: number; lagMin: Spread };
  load1: number;
}

/** ms so far of the renderer's main thread: its CPU time (ThreadTime: what the work costs, apart
 *  from waiting for a core on a shared machine). */
async function threadCpu(cdp: CDPSession): Promise<number> {
  const r = await cdp.send('Performance.getMetrics');
  return (r.metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
}

/** Resolves after the next frame and a task after it (its paint done). */
const afterFrame = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));

const framesSoFar = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as FrameWindow).__frames.length);
const paintedSoFar = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as FrameWindow).__painted);
const mark = (page: Page, name: string): Promise<void> => page.evaluate((n) => void performance.mark(n), name);

/** Waits for a replay frame of T `at` among the frames from index `since` on. */
async function frameFor(page: Page, at: number, since: number, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction(([t, n]) => (globalThis as unknown as FrameWindow).__frames.slice(n).some((f) => f.at === t), [at, since] as const, { timeout, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `timeout` ms until every chart shows T. */
async function allShow(page: Page, at: number, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction((t) => (globalThis as unknown as FrameWindow).__chartsAt().all === t, at, { timeout, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

/** ms from the last pointermove to the frame at which every chart came to show T, and to T's replay frame (text, values, states). */
const moveToDrawn = (page: Page, at: number): Promise<{ drawn: number; frame: number }> =>
  page.evaluate((t) => {
    const w = globalThis as unknown as FrameWindow;
    const frame = w.__frames.filter((f) => f.at === t).at(-1)?.t ?? NaN;
    return { drawn: (w.__drawnAt.get(t) ?? NaN) - w.__moveAt, frame: frame - w.__moveAt };
  }, at);

const replayAt = async (page: Page): Promise<number> => Number(await page.getAttribute('[data-testid="replay-time"]', 'data-at'));

/** CPU of each frame from the one after `from` (µs, trace time) to the one that waited for `to`, per span. */
function spanFrames(work: ReturnType<typeof frameWork>, spans: readonly (readonly [number, number])[]): { perFrame: number[]; counts: number[]; busiest: number[] } {
  const perFrame: number[] = [];
  const counts: number[] = [];
  const busiest: number[] = [];
  for (const [from, to] of spans) {
    const first = work.frameAfter(from);
    const last = Math.min(work.frames.length - 1, work.frameAfter(to));
    const mine = work.cpu.slice(first, last + 1);
    perFrame.push(...mine);
    counts.push(mine.length);
    busiest.push(Math.max(...mine));
  }
  return { perFrame, counts, busiest };
}

/** Pairs each start with the last `ends` mark before the next start (or `until`). */
function spansOf(starts: readonly number[], ends: readonly number[], until: number): [number, number][] {
  return starts.flatMap((s, i): [number, number][] => {
    const next = starts[i + 1] ?? until;
    const e = ends.filter((x) => x > s && x < next).at(-1);
    return e === undefined ? [] : [[s, e]];
  });
}

export async function measureScrub(url: string): Promise<ScrubResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(PAGE_SCRIPT);
    await page.goto(`${url}/?rotate=0&burnin=0`);
    await page.waitForFunction((n) => performance.getEntriesByName('wallboard:chart-drawn').length >= n, PANELS, { timeout: 60_000, polling: 100 });
    await page.keyboard.press('r');
    await page.waitForSelector('[data-testid="replay"]');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const track = page.locator('[data-testid="replay-track"]');
    const box = await track.boundingBox();
    if (!box) throw new Error('no replay track');
    const y = box.y + box.height / 2;
    // why from 5 %: the first hour of the buffer has a window reaching before the data
    const xAt = (i: number): number => box.x + box.width * (0.05 + (0.94 * i) / STEPS);
    await page.mouse.move(xAt(0), y);
    let n = await framesSoFar(page);
    await page.mouse.down();
    await frameFor(page, await replayAt(page), n, 15_000);
    await allShow(page, await replayAt(page), 15_000);

    // warm-up: a few moves not measured (code paths, caches)
    for (let i = 1; i <= 5; i++) {
      await page.mouse.move(xAt(STEPS - i * 3), y);
      await allShow(page, await replayAt(page), 15_000);
      await afterFrame(page);
    }
    const profile = process.env['BENCH_SCRUB_PROFILE'];
    if (profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const traceFile = process.env['BENCH_SCRUB_TRACE'];
    const extra = traceFile ? (process.env['BENCH_SCRUB_TRACE_CATS'] ?? 'devtools.timeline,disabled-by-default-devtools.timeline').split(',') : [];
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', ...extra] });
    await page.evaluate(() => (globalThis as unknown as FrameWindow).__watch(true));
    await afterFrame(page);

    // 1. drag, one step at a time
    await mark(page, 'scrub:steps');
    const stepCpu: number[] = [];
    const idle: number[] = [];
    const stepToDrawn: { drawn: number; frame: number }[] = [];
    let missed = 0;
    for (let i = 1; i <= STEPS; i++) {
      let t0 = await threadCpu(cdp);
      await page.mouse.move(xAt(i), y);
      const at = await replayAt(page);
      const ok = await allShow(page, at, 10_000);
      await afterFrame(page);
      if (ok) {
        stepCpu.push((await threadCpu(cdp)) - t0);
        stepToDrawn.push(await moveToDrawn(page, at));
      } else missed++;
      // the same waits with nothing to do: what the measuring itself costs the page
      t0 = await threadCpu(cdp);
      await replayAt(page);
      await allShow(page, at, 10_000);
      await afterFrame(page);
      idle.push((await threadCpu(cdp)) - t0);
    }
    await mark(page, 'scrub:steps-end');
    if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const idleMs = median(idle);

    // 2. fast drags: moves sent back to back (no wait for any frame), released at once
    await page.mouse.up();
    const lastToDrawn: { drawn: number; frame: number }[] = [];
    for (let d = 0; d < FAST_DRAGS; d++) {
      const fromI = Math.round(((d * 7) % 11) * (STEPS / 11));
      const toI = Math.round((((d * 5 + 6) % 11) + 0.5) * (STEPS / 11));
      await page.mouse.move(xAt(fromI), y);
      await page.mouse.down();
      await allShow(page, await replayAt(page), 10_000);
      await afterFrame(page);
      await mark(page, 'scrub:drag');
      await page.mouse.move(xAt(toI), y, { steps: FAST_MOVES });
      await page.mouse.up();
      const at = await replayAt(page);
      if (!(await allShow(page, at, 10_000))) {
        missed++;
        continue;
      }
      await afterFrame(page);
      lastToDrawn.push(await moveToDrawn(page, at));
    }
    await mark(page, 'scrub:fast-end');

    // 3. play at 600× from the start of the day
    await page.click('[data-testid="replay-speed-600"]');
    n = await framesSoFar(page);
    await page.mouse.click(xAt(0), y);
    await frameFor(page, await replayAt(page), n, 15_000);
    await allShow(page, await replayAt(page), 15_000);
    const startAt = await replayAt(page);
    // why: replay frames put into the store between two animation frames are painted as one; the
    // play figure counts what the wall showed, not what was applied. Only while playing
    await page.evaluate(`(() => { let seen = __frames.length; __counting = true; const tick = () => { if (__frames.length !== seen) { seen = __frames.length; __painted++; } if (__counting) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const n0 = await framesSoFar(page);
    const p0 = await paintedSoFar(page);
    await page.evaluate(() => ((globalThis as unknown as FrameWindow).__playing = true));
    await mark(page, 'scrub:play');
    const m0 = await threadCpu(cdp);
    const w0 = Date.now();
    await page.keyboard.press('Space');
    await page.waitForTimeout(PLAY_S * 1000);
    await page.keyboard.press('Space');
    const seconds = (Date.now() - w0) / 1000;
    const m1 = (await threadCpu(cdp)) - m0;
    await mark(page, 'scrub:paused');
    const n1 = await framesSoFar(page);
    const p1 = await paintedSoFar(page);
    await page.evaluate('__counting = false; __playing = false; __watch(false)');
    const lag = await page.evaluate(() => (globalThis as unknown as FrameWindow).__lag);
    const endAt = await replayAt(page);
    const buf = await browser.stopTracing();
    if (traceFile) writeFileSync(traceFile, buf);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const work = frameWork(events, 'scrub:frame');
    const one = (name: string): number => work.at(name)[0] ?? NaN;
    const [stepsFrom, stepsTo, fastTo] = [one('scrub:steps'), one('scrub:steps-end'), one('scrub:fast-end')];
    const within = (xs: number[], from: number, to: number): number[] => xs.filter((x) => x > from && x < to);
    const converged = work.at('scrub:converged');
    const steps = spanFrames(work, spansOf(within(work.at('scrub:move'), stepsFrom, stepsTo), within(converged, stepsFrom, stepsTo), stepsTo));
    const fast = spanFrames(work, spansOf(work.at('scrub:drag'), within(converged, stepsTo, fastTo), fastTo));
    const playFrom = work.frameAfter(one('scrub:play'));
    const playTo = work.frameAfter(one('scrub:paused'));
    const frames = p1 - p0;
    return {
      steps: stepCpu.length,
      busiestMs: spread(steps.busiest),
      frameMs: spread(steps.perFrame),
      framesPerStep: spread(steps.counts),
      stepMs: spread(stepCpu.map((x) => Math.max(0, x - idleMs))),
      idleMs,
      stepToDrawnMs: spread(stepToDrawn.map((x) => x.drawn)),
      stepToFrameMs: spread(stepToDrawn.map((x) => x.frame)),
      fast: { busiestMs: spread(fast.busiest), frameMs: spread(fast.perFrame), lastToDrawnMs: spread(lastToDrawn.map((x) => x.drawn)), lastToFrameMs: spread(lastToDrawn.map((x) => x.frame)) },
      missed,
      play: { seconds, frames, applied: n1 - n0, fps: frames / seconds, frameMs: spread(work.cpu.slice(playFrom + 1, playTo)), cpuMsPerFrame: frames ? m1 / frames : 0, replayedMinutes: (endAt - startAt) / 60_000, lagMin: spread(lag.map((x) => x / 60_000)) },
      load1: loadavg()[0] ?? 0,
    };
  } finally {
    await browser.close();
  }
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? NaN, n: s.length };
}

const fmt = (v: number, d = 1): string => v.toFixed(d);
const verdict = (ok: boolean): string => (ok ? 'meets' : '**misses**');
const q3 = (s: Spread, d = 2): string => `${fmt(s.median, d)} / ${fmt(s.p95, d)} (${fmt(s.max, 1)})`;

export function scrubMarkdown(r: ScrubResult): string {
  const p = r.play;
  return [
    '## Replay in the renderer: scrubbing and playing the 40-panel wall (Chromium, 1920×1080)',
    '',
    `Command: \`npm run bench -- scrub\` (or \`node --import tsx test/bench/replay-scrub-bench.ts\`; after \`npm run build\`). \`wallboard serve\` on the renderer bench's 40-panel demo board (30 timeseries, 10 stat with sparkline) once its buffer holds 24 h, the page at \`?rotate=0&burnin=0\` (1 h chart window), \`r\` into replay, under a light Chromium trace (toplevel tasks, user timing). A frame's figure is the renderer main thread's CPU time (thread time: script, style, layout, paint, raster; on a shared machine it leaves out waiting for a core) of every task that had to run before that animation frame could be shown. A replay frame's text, values and states apply in one frame; its charts may draw over the frames after it, and every frame from the pointermove until every chart shows that T (\`data-drawn-to\`) counts. Drag: the pointer held on the replay track and moved in ${r.steps} steps across the day (about ${fmt((24 * 60 * 0.94) / STEPS, 0)} min of T each, so every chart's window is new data), each step waiting until every chart shows its T. Fast drags: ${r.fast.lastToDrawnMs.n} drags of ${FAST_MOVES} moves sent back to back, released at once. Play: 600× from the start of the day for ${fmt(p.seconds)} s; a frame counts as painted when an animation frame follows at least one new replay frame. Chromium as in the renderer bench; 1-min load average at the end ${fmt(r.load1, 1)} (2 cores, shared with other agents: figures are one run).`,
    '',
    '| measure | figure | target | |',
    '|---|---|---|---|',
    `| main thread per replay frame while dragging: each step's busiest frame, CPU, median / p95 (max) of ${r.steps} steps${r.missed ? `; ${r.missed} steps or drags not drawn within 10 s` : ''} | ${q3(r.busiestMs)} ms | ≤ ${TARGETS.frameMs} ms | ${verdict(r.busiestMs.median <= TARGETS.frameMs && r.busiestMs.p95 <= TARGETS.frameMs && r.missed === 0)} |`,
    `| … every frame of the steps (most wait for the read), median / p95 (max) of ${r.frameMs.n} | ${q3(r.frameMs)} ms | | |`,
    `| … frames per step, median / p95; CPU per step, all its frames (CDP ThreadTime less the same waits with nothing to do, ${fmt(r.idleMs, 2)} ms) | ${r.framesPerStep.median} / ${r.framesPerStep.p95}; ${q3(r.stepMs)} ms | | |`,
    `| drag step → every chart shows its T (pointermove to the first frame with all drawn), p50 / p95 (max); of which pointermove → its replay frame (the reads; text, values, states shown) | ${q3(r.stepToDrawnMs, 1)} ms; ${q3(r.stepToFrameMs, 1)} ms | | |`,
    `| fast drags: each drag's busiest frame, CPU, median / p95 (max) of ${r.fast.busiestMs.n}; every frame, median / p95 (max) of ${r.fast.frameMs.n} | ${q3(r.fast.busiestMs)} ms; ${q3(r.fast.frameMs)} ms | ≤ ${TARGETS.frameMs} ms | ${verdict(r.fast.busiestMs.median <= TARGETS.frameMs && r.fast.busiestMs.p95 <= TARGETS.frameMs)} |`,
    `| fast drags: last move → every chart shows the last T, p50 / p95 (max); of which last move → its replay frame | ${q3(r.fast.lastToDrawnMs, 1)} ms; ${q3(r.fast.lastToFrameMs, 1)} ms | p95 ≤ ${TARGETS.lastStepMs} ms | ${verdict(r.fast.lastToDrawnMs.n > 0 && r.fast.lastToDrawnMs.p95 <= TARGETS.lastStepMs)} |`,
    `| playing at 600×: frames painted with a new T per second (${p.frames} in ${fmt(p.seconds)} s, of ${p.applied} replay frames applied; T moved ${fmt(p.replayedMinutes, 0)} min, ${fmt((p.replayedMinutes * 60) / p.seconds, 0)}× real time) | ${fmt(p.fps)} | ≥ ${TARGETS.playFps} | ${verdict(p.fps >= TARGETS.playFps)} |`,
    `| … main thread per animation frame while playing, CPU, median / p95 (max) of ${p.frameMs.n}; all its work over the run / painted frames | ${q3(p.frameMs)} ms; ${fmt(p.cpuMsPerFrame, 2)} ms | | |`,
    `| … how far the chart furthest behind lags the T on screen, at each animation frame, median / p95 (max) | ${q3(p.lagMin, 1)} min of T; at 600× ${fmt((p.lagMin.median * 60_000) / 600, 0)} / ${fmt((p.lagMin.p95 * 60_000) / 600, 0)} ms | | |`,
    '',
  ].join('\n');
}

export async function run(): Promise<string> {
  const wb = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true });
  try {
    const filled = await waitForDemoDay(wb.url, 120_000);
    if (filled !== undefined) throw new Error(filled);
    const r = await measureScrub(wb.url);
    return scrubMarkdown(r) + (process.env.BENCH_JSON ? `\n${JSON.stringify(r)}\n` : "");
  } finally {
    await wb.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (md) => process.stdout.write(md),
    (e: unknown) => {
      process.stderr.write(`scrub bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
