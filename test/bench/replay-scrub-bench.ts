/**
 * Scrubbing and playing the 40-panel wall in replay, in real Chromium through `wallboard serve`
 * (the renderer bench's demo board, 30 timeseries + 10 stat, after the demo source filled 24 h).
 *  1. Drag: the pointer held on the replay track and moved in STEPS steps across the day; after each
 *     move the bench waits for the replay frame of that T (`wallboard:replay-frame`: snapshot and
 *     every chart's window as of T) and the frame after it, and reads the renderer's main-thread
 *     time for the step (CDP Performance TaskDuration: scripts, style, layout, paint). The same wait
 *     with no move (an idle step) is subtracted.
 *  2. Play at 600×: frames painted with a new T per second over PLAY_S seconds (an animation frame
 *     after at least one new replay frame), and main-thread ms per painted frame.
 * `run()` returns a markdown section; `node --import tsx test/bench/replay-scrub-bench.ts` prints it.
 * Env: BENCH_SCRUB_STEPS (60), BENCH_PLAY_S (6); for performance work BENCH_SCRUB_PROFILE=<file>
 * (a V8 CPU profile of the drag) and BENCH_SCRUB_TRACE=<file> (a Chromium trace of it, categories
 * from BENCH_SCRUB_TRACE_CATS, comma-separated).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { benchBoardYaml, launch, waitForDemoDay } from './renderer-bench';
import { startWallboard } from '../e2e/serve';

const VIEWPORT = { width: 1920, height: 1080 };
const PANELS = 40;
const STEPS = Number(process.env.BENCH_SCRUB_STEPS ?? 60);
const PLAY_S = Number(process.env.BENCH_PLAY_S ?? 6);
const TARGETS = { frameMs: 16, playFps: 10 };
const FRAME_MARK = 'wallboard:replay-frame';

interface FrameWindow {
  __frames: { at: number; t: number }[];
  /** Animation frames that came after at least one new replay frame: the frames painted with a new T. */
  __painted: number;
}

type Spread = { median: number; p95: number; max: number };

export interface ScrubResult {
  steps: number;
  /** main-thread CPU per frame, idle subtracted */
  frameMs: Spread;
  /** main-thread task wall time per frame, idle subtracted */
  frameWallMs: Spread;
  idleMs: { cpu: number; wall: number };
  /** Steps whose frame did not come within the bound (counted, not timed). */
  missed: number;
  /** frames: animation frames painted with a new T; applied: replay frames put into the store (several can share one paint). */
  play: { seconds: number; frames: number; applied: number; fps: number; cpuMsPerFrame: number; wallMsPerFrame: number; replayedMinutes: number };
  load1: number;
}

/** ms so far of the renderer's main thread: its CPU time (ThreadTime: what the work costs, apart
 *  from waiting for a core on a shared machine) and its tasks' wall time (TaskDuration). */
async function mainThread(cdp: CDPSession): Promise<{ cpu: number; wall: number }> {
  const r = await cdp.send('Performance.getMetrics');
  const get = (name: string): number => (r.metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { cpu: get('ThreadTime'), wall: get('TaskDuration') };
}

const minus = (a: { cpu: number; wall: number }, b: { cpu: number; wall: number }): { cpu: number; wall: number } => ({ cpu: a.cpu - b.cpu, wall: a.wall - b.wall });

/** Resolves after the next frame and a task after it (its paint done). */
const afterFrame = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));

const framesSoFar = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as FrameWindow).__frames.length);
const paintedSoFar = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as FrameWindow).__painted);

/** Waits for a replay frame of T `at` among the frames from index `since` on. */
async function frameFor(page: Page, at: number, since: number, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction(([t, n]) => (globalThis as unknown as FrameWindow).__frames.slice(n).some((f) => f.at === t), [at, since] as const, { timeout, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

const replayAt = async (page: Page): Promise<number> => Number(await page.getAttribute('[data-testid="replay-time"]', 'data-at'));

export async function measureScrub(url: string): Promise<ScrubResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((name) => {
      const w = globalThis as unknown as FrameWindow;
      w.__frames = [];
      w.__painted = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.name === name) w.__frames.push({ at: (e as PerformanceMark).detail.at as number, t: e.startTime });
      }).observe({ type: 'mark' });
    }, FRAME_MARK);
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
    await afterFrame(page);

    // warm-up: a few moves not measured (code paths, caches)
    for (let i = 1; i <= 5; i++) {
      n = await framesSoFar(page);
      await page.mouse.move(xAt(STEPS - i * 3), y);
      await frameFor(page, await replayAt(page), n, 15_000);
      await afterFrame(page);
    }
    const profile = process.env['BENCH_SCRUB_PROFILE'];
    if (profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const trace = process.env['BENCH_SCRUB_TRACE'];
    if (trace) await browser.startTracing(page, { categories: (process.env['BENCH_SCRUB_TRACE_CATS'] ?? 'devtools.timeline,disabled-by-default-devtools.timeline').split(',') });
    const frame: { cpu: number; wall: number }[] = [];
    const idle: { cpu: number; wall: number }[] = [];
    let missed = 0;
    for (let i = 1; i <= STEPS; i++) {
      n = await framesSoFar(page);
      let t0 = await mainThread(cdp);
      await page.mouse.move(xAt(i), y);
      const ok = await frameFor(page, await replayAt(page), n, 10_000);
      await afterFrame(page);
      if (ok) frame.push(minus(await mainThread(cdp), t0));
      else missed++;
      // the same waits with nothing to do: what the measuring itself costs the page
      t0 = await mainThread(cdp);
      await replayAt(page);
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
      await afterFrame(page);
      idle.push(minus(await mainThread(cdp), t0));
    }
    await page.mouse.up();
    if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (trace) writeFileSync(trace, await browser.stopTracing());
    const idleMs = { cpu: median(idle.map((x) => x.cpu)), wall: median(idle.map((x) => x.wall)) };

    // play at 600× from the start of the day
    await page.click('[data-testid="replay-speed-600"]');
    n = await framesSoFar(page);
    await page.mouse.click(xAt(0), y);
    await frameFor(page, await replayAt(page), n, 15_000);
    await afterFrame(page);
    const startAt = await replayAt(page);
    // why: replay frames put into the store between two animation frames are painted as one; the
    // play figure counts what the wall showed, not what was applied. Only while playing, so the drag
    // is measured without it (a string: tsx would wrap a named function in a helper the page lacks)
    await page.evaluate(`(() => { let seen = __frames.length; __counting = true; const tick = () => { if (__frames.length !== seen) { seen = __frames.length; __painted++; } if (__counting) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const n0 = await framesSoFar(page);
    const p0 = await paintedSoFar(page);
    const m0 = await mainThread(cdp);
    const w0 = Date.now();
    await page.keyboard.press('Space');
    await page.waitForTimeout(PLAY_S * 1000);
    await page.keyboard.press('Space');
    const seconds = (Date.now() - w0) / 1000;
    const m1 = minus(await mainThread(cdp), m0);
    const n1 = await framesSoFar(page);
    const p1 = await paintedSoFar(page);
    await page.evaluate('__counting = false');
    const endAt = await replayAt(page);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const frames = p1 - p0;
    return {
      steps: frame.length,
      frameMs: spread(frame.map((x) => Math.max(0, x.cpu - idleMs.cpu))),
      frameWallMs: spread(frame.map((x) => Math.max(0, x.wall - idleMs.wall))),
      idleMs,
      missed,
      play: { seconds, frames, applied: n1 - n0, fps: frames / seconds, cpuMsPerFrame: frames ? m1.cpu / frames : 0, wallMsPerFrame: frames ? m1.wall / frames : 0, replayedMinutes: (endAt - startAt) / 60_000 },
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
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? 0 };
}

const fmt = (v: number, d = 1): string => v.toFixed(d);
const verdict = (ok: boolean): string => (ok ? 'meets' : '**misses**');

export function scrubMarkdown(r: ScrubResult): string {
  const p = r.play;
  return [
    '## Replay in the renderer: scrubbing and playing the 40-panel wall (Chromium, 1920×1080)',
    '',
    `Command: \`npm run bench -- scrub\` (or \`node --import tsx test/bench/replay-scrub-bench.ts\`; after \`npm run build\`). \`wallboard serve\` on the renderer bench's 40-panel demo board (30 timeseries, 10 stat with sparkline) once its buffer holds 24 h, the page at \`?rotate=0&burnin=0\` (1 h chart window), \`r\` into replay. Drag: the pointer held on the replay track and moved in ${r.steps} steps across the day (about ${fmt(24 * 60 * 0.94 / r.steps, 0)} min of T each, so every chart's window is new data); each step is timed from the move to the replay frame of its T (\`wallboard:replay-frame\`: snapshot and every chart as of T) and the frame painted after it, as the renderer's main-thread time from CDP Performance.getMetrics: ThreadTime (the thread's CPU time: script, style, layout, paint; the verdict, since on a shared machine it does not include waiting for a core) and TaskDuration (its tasks' wall time), each less the same wait with nothing to do (${fmt(r.idleMs.cpu, 2)} ms CPU, ${fmt(r.idleMs.wall, 2)} ms wall). Play: 600× from the start of the day for ${fmt(p.seconds)} s; a frame counts when an animation frame follows at least one new replay frame (replay frames applied between two animation frames are painted once). Chromium as in the renderer bench; 1-min load average at the end ${fmt(r.load1, 1)} (2 cores, shared with other agents: figures are one run).`,
    '',
    '| measure | figure | target | |',
    '|---|---|---|---|',
    `| main thread per replay frame while dragging, CPU, median / p95 (max) of ${r.steps} steps${r.missed ? `; ${r.missed} steps got no frame within 10 s` : ''} | ${fmt(r.frameMs.median, 2)} / ${fmt(r.frameMs.p95, 2)} ms (${fmt(r.frameMs.max, 1)} ms) | ≤ ${TARGETS.frameMs} ms | ${verdict(r.frameMs.median <= TARGETS.frameMs && r.frameMs.p95 <= TARGETS.frameMs && r.missed === 0)} |`,
    `| … the same as task wall time (includes waiting for a core) | ${fmt(r.frameWallMs.median, 2)} / ${fmt(r.frameWallMs.p95, 2)} ms (${fmt(r.frameWallMs.max, 1)} ms) | | |`,
    `| playing at 600×: frames painted with a new T per second (${p.frames} in ${fmt(p.seconds)} s, of ${p.applied} replay frames applied; T moved ${fmt(p.replayedMinutes, 0)} min, ${fmt((p.replayedMinutes * 60) / p.seconds, 0)}× real time) | ${fmt(p.fps)} | ≥ ${TARGETS.playFps} | ${verdict(p.fps >= TARGETS.playFps)} |`,
    `| … main thread per frame while playing (all its work over the run / frames), CPU / task wall time | ${fmt(p.cpuMsPerFrame, 2)} / ${fmt(p.wallMsPerFrame, 2)} ms | | |`,
    '',
  ].join('\n');
}

/** Serve the bench board until its buffer holds 24 h, then measure. */
export async function run(): Promise<string> {
  const wb = await startWallboard({ boardYaml: benchBoardYaml(), waitHealthy: true });
  try {
    const filled = await waitForDemoDay(wb.url, 120_000);
    if (filled !== undefined) throw new Error(filled);
    return scrubMarkdown(await measureScrub(wb.url));
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
