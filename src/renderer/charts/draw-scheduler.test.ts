// The live draw scheduler's contract: a frame's drawing stays within the budget, a newer job for
// a chart replaces its queued one (no older picture after a newer one), and every queued chart is
// drawn within a bounded number of frames.
import { describe, expect, it } from 'vitest';
import { DrawScheduler, drawFrames, REPLAY_BUDGET_MS, REPLAY_COST_FACTOR, type FrameClock } from './draw-scheduler';

/** Frames run when the test says; jobs advance the clock by their cost. */
class FakeFrames implements FrameClock {
  t = 0;
  private pending: (() => void)[] = [];
  private microtasks: (() => void)[] = [];
  frame(run: () => void): void {
    this.pending.push(run);
  }
  soon(run: () => void): void {
    this.microtasks.push(run);
  }
  /** A task queued now runs before the next frame's work is done: counted with that frame. */
  task(run: () => void): void {
    this.pending.push(run);
  }
  /** Ends the current task: runs what it queued with soon(); returns the ms of work done. */
  endTask(): number {
    const start = this.t;
    const runs = this.microtasks;
    this.microtasks = [];
    for (const r of runs) r();
    return this.t - start;
  }
  now(): number {
    return this.t;
  }
  /** Runs one animation frame; returns the ms of work done in it. */
  tick(): number {
    const runs = this.pending;
    this.pending = [];
    const start = this.t;
    for (const r of runs) r();
    this.t += 1; // why: frames apart in time, so a frame's work is its own clock span
    return this.t - 1 - start;
  }
  get waiting(): boolean {
    return this.pending.length > 0;
  }
}

const chart = (n: number): object[] => Array.from({ length: n }, () => ({}));

describe('DrawScheduler', () => {
  it('keeps each frame within the budget and draws every chart within the bounded number of frames', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 8, clock: frames });
    const drawn: number[] = [];
    const charts = chart(40);
    charts.forEach((c, i) =>
      s.schedule(c, () => {
        frames.t += 3; // ms per chart: 2 fit in 8 ms, a third would make 9
        drawn.push(i);
      }),
    );
    const work: number[] = [];
    while (frames.waiting) work.push(frames.tick());
    expect(drawn).toEqual(charts.map((_, i) => i)); // all, once each, in queue order
    expect(Math.max(...work)).toBeLessThanOrEqual(8);
    expect(work.length).toBe(20); // 40 charts, 2 per frame
    expect(s.size).toBe(0);
  });

  it('runs a job dearer than the budget alone in its frame, so the queue still moves', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 8, clock: frames });
    let runs = 0;
    for (const c of chart(3))
      s.schedule(c, () => {
        frames.t += 20;
        runs++;
      });
    const work: number[] = [];
    while (frames.waiting) work.push(frames.tick());
    expect(runs).toBe(3);
    expect(work).toEqual([20, 20, 20]);
  });

  it('lets a newer job for a chart replace its queued one, keeping its place in line', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 100, clock: frames });
    const [a, b] = chart(2) as [object, object];
    const log: string[] = [];
    s.schedule(a, () => log.push('a: update 1'));
    s.schedule(b, () => log.push('b: update 1'));
    s.schedule(a, () => log.push('a: update 2'));
    frames.tick();
    expect(log).toEqual(['a: update 2', 'b: update 1']);
  });

  it('never draws an older update after a newer one when an update lands mid-way through the queue', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 4, clock: frames });
    const charts = chart(6);
    const shown = new Map<object, number[]>();
    const update = (n: number): void => {
      for (const c of charts)
        s.schedule(c, () => {
          frames.t += 2;
          shown.set(c, [...(shown.get(c) ?? []), n]);
        });
    };
    update(1);
    frames.tick(); // charts 0 and 1 show update 1
    update(2); // the rest of update 1 is superseded
    while (frames.waiting) frames.tick();
    for (const [i, c] of charts.entries()) {
      const seq = shown.get(c) ?? [];
      expect(seq.at(-1), `chart ${i}`).toBe(2);
      expect([...seq].sort(), `chart ${i} in order`).toEqual(seq);
    }
    expect(shown.get(charts[5] as object)).toEqual([2]);
  });

  it('resolves idle() once every queued chart is drawn', async () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 8, clock: frames });
    let runs = 0;
    for (const c of chart(4))
      s.schedule(c, () => {
        frames.t += 4;
        runs++;
      });
    let idle = false;
    void s.idle().then(() => (idle = true));
    expect(runs).toBe(0); // nothing drawn before a frame
    frames.tick();
    await Promise.resolve();
    expect(runs).toBe(2);
    expect(idle).toBe(false);
    while (frames.waiting) frames.tick();
    await Promise.resolve();
    expect(runs).toBe(4);
    expect(idle).toBe(true);
  });

  it('draws a first slice within its own budget in the task that queued an update, the rest after frames', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 8, firstBudgetMs: 4, clock: frames });
    let runs = 0;
    const update = (n: number, cost: number): void => {
      for (const c of chart(n))
        s.schedule(c, () => {
          frames.t += cost;
          runs++;
        });
    };
    update(3, 1); // a tail-only update: all of it in its own task, no frame needed
    expect(frames.endTask()).toBe(3);
    expect(runs).toBe(3);
    expect(frames.waiting).toBe(false);
    runs = 0;
    update(6, 2); // whole redraws: 2 in the task (4 ms), 4 in the next frame (8 ms)
    expect(frames.endTask()).toBe(4);
    expect(runs).toBe(2);
    const work: number[] = [];
    while (frames.waiting) work.push(frames.tick());
    expect(work).toEqual([8]);
    expect(runs).toBe(6);
  });

  it('keeps drawing the others when one chart throws', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 100, clock: frames });
    const [a, b] = chart(2) as [object, object];
    let drewB = false;
    s.schedule(a, () => {
      throw new Error('broken chart');
    });
    s.schedule(b, () => (drewB = true));
    expect(() => frames.tick()).toThrow('broken chart');
    expect(drewB).toBe(true);
  });

  it('drops a cancelled chart', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: 100, clock: frames });
    const [a] = chart(1) as [object];
    let ran = false;
    s.schedule(a, () => (ran = true));
    s.cancel(a);
    while (frames.waiting) frames.tick();
    expect(ran).toBe(false);
  });

  it('replay: during a drag every chart draws within drawFrames() frames, and all show the last T within that many frames after T stops', () => {
    const frames = new FakeFrames();
    const s = new DrawScheduler({ budgetMs: REPLAY_BUDGET_MS, costFactor: REPLAY_COST_FACTOR, firstInNextTask: true, clock: frames });
    const charts = chart(40);
    const jobMs = 0.25; // script of one chart's draw (the bench wall: ~0.2 ms)
    const bound = drawFrames(charts.length, jobMs);
    expect(bound).toBeLessThan(charts.length); // several charts a frame, or the bound says nothing
    // why one job reading `current`: a chart's draw shows what the store holds when it runs
    let current = 0; // the replay frame (T) the store holds
    let frame = 0;
    const shown = new Map<object, number>();
    const drawnAt = new Map<object, number>(); // frame of each chart's last draw
    let longestWait = 0; // frames a chart went without drawing while T moved, this one counted
    const jobs = new Map(
      charts.map((c) => [
        c,
        () => {
          frames.t += jobMs;
          const before = shown.get(c);
          if (before !== undefined) expect(current, 'an older T after a newer one').toBeGreaterThanOrEqual(before);
          shown.set(c, current);
          drawnAt.set(c, frame);
        },
      ]),
    );
    const work: number[] = [];
    // a drag: a new T in every frame for 3 s at 60 frames a second
    for (frame = 1; frame <= 180; frame++) {
      current = frame;
      for (const c of charts) s.schedule(c, jobs.get(c) as () => void);
      work.push(frames.tick());
      for (const c of charts) longestWait = Math.max(longestWait, frame + 1 - (drawnAt.get(c) ?? 0));
    }
    expect(longestWait).toBeLessThanOrEqual(bound);
    // released: T stays; every chart shows it within the bound
    const last = current;
    let after = 0;
    while (frames.waiting) {
      work.push(frames.tick());
      after++;
    }
    expect(after).toBeLessThanOrEqual(bound);
    for (const c of charts) expect(shown.get(c)).toBe(last);
    // each frame's drawing, raster counted, within the budget
    expect(Math.max(...work) * REPLAY_COST_FACTOR).toBeLessThanOrEqual(REPLAY_BUDGET_MS);
  });
});
