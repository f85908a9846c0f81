// When live charts draw: a live update's chart draws are queued and run in slices, one after each
// animation frame, within a time budget, instead of all 40 in the update's own task. With a 1 h
// window every chart's window moves a 2 px bucket at once every second update; drawn in the
// update's task with the update's own React work and the next frame's layout, that frame needed
// 13-15 ms of main-thread CPU (p95, bench wall): at the 16 ms limit. Spread, a frame carries at
// most one slice, and every chart is current a few frames after the update. Replay frames' draws
// go through their own scheduler (replayDraws, below) for the same reason: a frame moves all 40
// windows, and drawing them all in its task cost 42 ms of main-thread work per frame.
import { animationFrame } from '../store/animation-frame';

export interface FrameClock {
  /** Calls `run` in a task after the next animation frame. */
  frame(run: () => void): void;
  /** Calls `run` once the current task's queued work is done (a microtask). */
  soon(run: () => void): void;
  /** Calls `run` in a task of its own, queued now. */
  task(run: () => void): void;
  /** ms, monotonic. */
  now(): number;
}

export interface DrawSchedulerOptions {
  /** ms of drawing per frame; a job that alone costs more still runs, one in that frame. */
  budgetMs: number;
  /**
   * ms of drawing in the task that queued work on an empty queue, before any frame (0: none). Most
   * updates draw tails only and fit; they then cost one frame, as before, not one more per slice.
   */
  firstBudgetMs?: number;
  /**
   * Work queued on an empty queue starts in a task queued at once, not after the next animation
   * frame: for work queued inside an animation frame callback (a replay frame is shown in one), whose
   * next task runs after that frame's style, layout and paint. Saves a frame of latency.
   */
  firstInNextTask?: boolean;
  /**
   * Main-thread ms a job costs per ms of its own script (default 1: the script alone). A canvas drawn
   * in software is rasterized at the next paint, on the main thread, after the job has returned: a
   * factor above 1 counts that work against the same budget.
   */
  costFactor?: number;
  clock?: FrameClock;
}

// why a task after the frame, not the frame's own callback: canvases drawn in an animation frame
// callback were rasterized in that frame's commit on the main thread (1 h bench wall: ~30 ms of
// main-thread CPU per update against ~10 ms drawn in a task, traced). The frame between two slices
// paints what the last one drew (and the update's own DOM, before the first).
const browserClock: FrameClock = {
  frame: (run) => animationFrame(() => setTimeout(run, 0)),
  soon: (run) => queueMicrotask(run),
  task: (run) => setTimeout(run, 0),
  now: () => performance.now(),
};

// why decay: one slow job (a GC pause inside it) should not shrink the next frames' batches for long
const ESTIMATE_DECAY = 0.5;

/**
 * A queue of draw jobs, one per key (a chart): scheduling a key already queued replaces its job
 * and keeps its place in line, so a newer update supersedes queued work and a chart never draws
 * an older picture after a newer one. Jobs run in queue order, at animation frames, while the time
 * spent in the frame plus the dearest recent job fits the budget (at least one job per frame, so
 * every job runs within ceil(queued / per-frame) frames).
 */
export class DrawScheduler {
  private readonly queue = new Map<object, () => void>();
  private readonly budget: number;
  private readonly firstBudget: number;
  private readonly factor: number;
  private readonly firstInNextTask: boolean;
  private readonly clock: FrameClock;
  private requested = false;
  /** ms: a recent job's cost, decayed; what the next job is expected to take. */
  private estimate = 0;
  private waiters: (() => void)[] = [];

  constructor(opts: DrawSchedulerOptions) {
    this.budget = opts.budgetMs;
    this.firstBudget = opts.firstBudgetMs ?? 0;
    this.factor = opts.costFactor ?? 1;
    this.firstInNextTask = opts.firstInNextTask ?? false;
    this.clock = opts.clock ?? browserClock;
  }

  /** Jobs waiting. */
  get size(): number {
    return this.queue.size;
  }

  /** Queues `job` for `key`, replacing one queued for it before. */
  schedule(key: object, job: () => void): void {
    const wasEmpty = this.queue.size === 0;
    this.queue.set(key, job); // why Map: set on a present key keeps its insertion order
    if (this.requested) return;
    // why soon: the other charts of the same update queue in the microtasks already queued
    if (wasEmpty && this.firstBudget > 0) this.runVia((r) => this.clock.soon(r), this.firstBudget);
    else if (wasEmpty && this.firstInNextTask) this.runVia((r) => this.clock.task(r), this.budget);
    else this.request();
  }

  /** Drops `key`'s queued job (the chart is gone). */
  cancel(key: object): void {
    this.queue.delete(key);
    if (this.queue.size === 0) this.settle();
  }

  /** Resolves when the queue is empty (at once if it is). */
  idle(): Promise<void> {
    if (this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private request(): void {
    this.runVia((r) => this.clock.frame(r), this.budget);
  }

  /** One run of `budget` ms when `via` calls back; none other is requested meanwhile. */
  private runVia(via: (run: () => void) => void, budget: number): void {
    this.requested = true;
    via(() => {
      this.requested = false;
      this.run(budget);
    });
  }

  private run(budget: number): void {
    const start = this.clock.now();
    let ran = 0;
    let failure: { error: unknown } | null = null;
    for (const [key, job] of this.queue) {
      if (ran > 0 && (this.clock.now() - start + this.estimate) * this.factor > budget) break;
      this.queue.delete(key);
      const t = this.clock.now();
      try {
        job();
      } catch (error) {
        // why: one chart's failure must not stall the others; reported after the frame's work
        failure ??= { error };
      }
      this.estimate = Math.max(this.clock.now() - t, this.estimate * ESTIMATE_DECAY);
      ran++;
    }
    if (this.queue.size > 0) {
      if (!this.requested) this.request();
    } else this.settle();
    if (failure) throw failure.error;
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/**
 * The live charts' scheduler: up to 4 ms of drawing in the update's own task (a tail-only update
 * fits: one frame, as before), then 8 ms per frame, so a frame's main-thread work stays under 16 ms.
 * Measured with test/bench/renderer-bench-frames.ts on the 1 h bench wall (BENCHMARKS.md): drawing
 * only after frames halved the frame p95 but cost ~40 % more CPU per update and 2-3 frames of latency;
 * 6 ms in the update's task let that frame reach 16.3 ms once.
 */
export const liveDraws = new DrawScheduler({ budgetMs: 8, firstBudgetMs: 4 });

/**
 * Replay frames' chart draws (scrub, step, play): a replay frame's text, values and states apply at
 * once, in its animation frame (src/renderer/store/replay-frames.ts); its charts draw in the task
 * after that frame's paint and then after each frame, REPLAY_BUDGET_MS of main-thread work per frame
 * counting the raster their canvases cost at the next paint (REPLAY_COST_FACTOR), and none in the
 * frame's own task, which already holds the frame's React, store and legend work. Newest wins: a chart's queued job draws what the store holds when
 * it runs, so a chart shows the newest T it has drawn and never an older one after it; a chart
 * re-queued by a newer T keeps its place, so during a drag every chart draws within
 * `drawFrames(charts)` frames and, once T stops, shows the last T within that many frames.
 * Measured with test/bench/replay-scrub-bench.ts on the 40-panel bench wall (BENCHMARKS.md).
 */
export const REPLAY_BUDGET_MS = 12;
/**
 * Main-thread ms per ms of a chart's draw script: the script plus its canvas raster at the next paint
 * (traced at ~2x the script, round 5). 3 left the busiest frame of a drag step at 7-10 ms and took
 * more frames to converge; 2 gives 9-12 ms (paired runs, session 9).
 */
export const REPLAY_COST_FACTOR = 2;
export const replayDraws = new DrawScheduler({ budgetMs: REPLAY_BUDGET_MS, costFactor: REPLAY_COST_FACTOR, firstInNextTask: true });

/**
 * Frames until every one of `charts` queued charts has drawn, each job costing `jobMs` of script:
 * a frame runs jobs while their cost times the factor fits the budget, and at least one.
 */
export function drawFrames(charts: number, jobMs: number, budgetMs = REPLAY_BUDGET_MS, costFactor = REPLAY_COST_FACTOR): number {
  const perFrame = Math.max(1, Math.floor(budgetMs / (jobMs * costFactor)));
  return Math.ceil(charts / perFrame);
}

/** The scheduler a store-bound chart draws on: live draws and replay frames' draws, each spread over frames. */
export function chartScheduler(mode: 'live' | 'replay'): DrawScheduler {
  return mode === 'live' ? liveDraws : replayDraws;
}
