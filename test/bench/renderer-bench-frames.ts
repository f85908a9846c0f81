/**
 * Main-thread time per animation FRAME during live updates of the renderer bench's 40 panels (the
 * live-update target: ≤ 16 ms at p95, never a dropped frame), with CPU per update and the time from
 * an update's start to every chart drawn. Runs the harness page under a light Chromium trace
 * (toplevel tasks and user timing only): each animation frame leaves a mark; a frame's work is the
 * thread CPU (tdur) of every main-thread task that ended between the previous frame's own task (its
 * callbacks, style, layout, paint) and its own, i.e. what had to run before it could be shown. An
 * update's task counts in the frame after it. Updates start in a task, `gap` quiet frames apart.
 *   node --import tsx test/bench/renderer-bench-frames.ts [points=240 (1 h) | 5760 (24 h)] [updates=60] [gap=12]
 * `npm run bench -- renderer` runs it at 1 h and 24 h; alone it prints one line of figures (and JSON with BENCH_JSON=1). Pair it with a build from before a change
 * by running it from a checkout of each, alternating (the harness runs on builds without the live
 * draw scheduler too). A tool for performance work; the figures go to BENCHMARKS.md by hand.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { buildHarness, launch } from './renderer-bench';
import { openHarness, quantiles, type BenchWindow } from './renderer-bench-live';
import { frameWork, type TraceEvent } from './trace-events';


export interface FrameFigures {
  points: number;
  updates: number;
  /** Main-thread CPU ms per frame interval, frames touched by an update (its start to all drawn, and the frame after). */
  frameCpu: { median: number; p95: number; max: number; n: number };
  /** Wall ms between animation frames over the same frames; a dropped frame is an interval > 1.5 × the quiet median. */
  frameWall: { median: number; p95: number; max: number; n: number };
  dropped: number;
  quietFrameMs: number;
  /** Wall ms between quiet frames (no update): the display's frame interval. */
  quietWallMs: number;
  /** Main-thread CPU ms per update: its frames' CPU less as many quiet frames'. */
  updateCpu: { median: number; p95: number; max: number; n: number };
  /** Main-thread CPU ms of the longest task (a frame's own work is one task) in each update's frames: one over 16 ms drops a frame whatever the load. */
  longestTask: { median: number; p95: number; max: number; n: number };
  /** ms from an update's start to every chart drawn. */
  latency: { median: number; p95: number; max: number; n: number };
  load: number;
}

const round = (q: { median: number; p95: number; max: number; n: number }): typeof q => ({ median: +q.median.toFixed(2), p95: +q.p95.toFixed(2), max: +q.max.toFixed(2), n: q.n });

/** On a new page of the harness at `url` (40 panels, 1920×1080), closed after. */
export async function measureFrames(browser: Browser, url: string, points: number, updates: number, gap: number): Promise<FrameFigures> {
  const { page } = await openHarness(browser, url, { panels: 40, points, viewport: { width: 1920, height: 1080 } });
  try {
    await page.evaluate(async () => {
      const b = (globalThis as unknown as BenchWindow).__bench;
      for (let i = 0; i < 20; i++) {
        await b.tick();
        await b.frame();
      }
    });
    await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', ...(process.env.BENCH_TRACE_OUT ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'] : [])] });
    const latencies = await page.evaluate(([n, g]) => (globalThis as unknown as BenchWindow).__bench.frames(n, g), [updates, gap] as const);
    const buf = await browser.stopTracing();
    if (process.env.BENCH_TRACE_OUT) await writeFile(process.env.BENCH_TRACE_OUT, buf);
    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const { frames, cpu, longest, frameAfter, at } = frameWork(events, 'bench:frame');
    const starts = at('bench:update');
    const ends = at('bench:drawn');
    // An update's task counts in the frame after it (trace-events.ts frameWork).
    /** ms of wall time from frame k-1's start to frame k's. */
    const wallOf = (k: number): number => ((frames[k] as number) - (frames[k - 1] as number)) / 1000;
    const inUpdate = new Set<number>();
    const perUpdate: number[][] = [];
    starts.forEach((s, u) => {
      const first = Math.max(1, frameAfter(s));
      const last = Math.min(frames.length - 1, frameAfter(ends[u] ?? s)); // the frame showing the last draw
      const mine: number[] = [];
      for (let i = first; i <= last; i++) {
        inUpdate.add(i);
        mine.push(i);
      }
      perUpdate.push(mine);
    });
    if (process.env.BENCH_FRAMES_DEBUG) for (const fs of perUpdate.slice(0, 12)) process.stderr.write(`${fs.map((i) => `${(cpu[i] as number).toFixed(1)}/${wallOf(i).toFixed(0)}`).join(' ')}\n`);
    const quiet: number[] = [];
    const quietWall: number[] = [];
    for (let i = 1; i < frames.length; i++) {
      if (inUpdate.has(i)) continue;
      quiet.push(cpu[i] as number);
      quietWall.push(wallOf(i));
    }
    const quietMs = quantiles(quiet).median;
    const quietWallMs = quantiles(quietWall).median;
    const busy = [...inUpdate].sort((a, b) => a - b);
    const wall = busy.map(wallOf);
    return {
      points,
      updates,
      frameCpu: round(quantiles(busy.map((i) => cpu[i] as number))),
      frameWall: round(quantiles(wall)),
      dropped: wall.filter((w) => w > 1.5 * quietWallMs).length,
      quietFrameMs: +quietMs.toFixed(2),
      quietWallMs: +quietWallMs.toFixed(2),
      updateCpu: round(quantiles(perUpdate.map((fs) => fs.reduce((s, i) => s + (cpu[i] as number) - quietMs, 0)))),
      longestTask: round(quantiles(perUpdate.map((fs) => Math.max(...fs.map((i) => longest[i] as number))))),
      latency: round(quantiles(latencies)),
      load: loadavg()[0] ?? 0,
    };
  } finally {
    await page.close();
  }
}

function line(f: FrameFigures): string {
  const q = (x: { median: number; p95: number; max: number }): string => `${x.median.toFixed(2)} / ${x.p95.toFixed(2)} / ${x.max.toFixed(2)}`;
  return `${f.points} points, ${f.updates} updates (median / p95 / max): main-thread CPU per frame ${q(f.frameCpu)} ms over ${f.frameCpu.n} frames; frame interval ${q(f.frameWall)} ms, dropped ${f.dropped} (> 1.5 × the quiet interval ${f.quietWallMs} ms; a quiet frame's CPU ${f.quietFrameMs} ms); CPU per update ${q(f.updateCpu)} ms; its longest task ${q(f.longestTask)} ms; update → all drawn ${q(f.latency)} ms; load ${f.load.toFixed(1)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const browser = await launch();
  const harness = await buildHarness();
  try {
    const f = await measureFrames(browser, harness.url, Number(process.argv[2] ?? 240), Number(process.argv[3] ?? 60), Number(process.argv[4] ?? 12));
    process.stdout.write(`${line(f)}\n`);
    if (process.env.BENCH_JSON) process.stdout.write(`${JSON.stringify(f)}\n`);
  } finally {
    await browser.close();
    await harness.close();
  }
}
