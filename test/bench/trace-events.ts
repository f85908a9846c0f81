/** A Chromium trace event as the bench tools read it (JSON trace format). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number; // µs
  dur?: number; // µs
  tdur?: number; // µs of thread CPU time: robust to other processes on a shared machine
  tid: number;
  pid: number;
}

/**
 * Main-thread CPU per animation frame from a trace with a user-timing mark `frameMark` left in every
 * animation frame: frame k's work is the thread CPU (tdur) of every main-thread task that ended after
 * frame k-1's own task (its callbacks, style, layout, paint) and by the end of frame k's, i.e. what
 * had to run before frame k could be shown. `frameAfter(ts)`: the first frame whose own task ends at
 * or after `ts`, the frame that waits for work done at `ts`. Marks are µs trace times (`at(name)`).
 */
export function frameWork(events: readonly TraceEvent[], frameMark: string): {
  frames: number[];
  cpu: number[];
  longest: number[];
  frameAfter(ts: number): number;
  at(name: string): number[];
} {
  const mark = events.find((e) => e.name === frameMark);
  if (!mark) throw new Error('no frame marks in the trace');
  const at = (name: string): number[] => events.filter((e) => e.name === name && e.pid === mark.pid).map((e) => e.ts).sort((a, b) => a - b);
  const frames = at(frameMark);
  const tasks = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const frameEnd = frames.map((f) => {
    const own = tasks.find((t) => t.ts <= f && f <= t.ts + (t.dur ?? 0));
    return own ? own.ts + (own.dur ?? 0) : f;
  });
  const frameAfter = (ts: number): number => {
    let lo = 0;
    let hi = frameEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((frameEnd[mid] as number) < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const cpu = new Array<number>(frames.length).fill(0);
  const longest = new Array<number>(frames.length).fill(0);
  for (const t of tasks) {
    const i = frameAfter(t.ts + (t.dur ?? 0));
    if (i >= cpu.length) continue;
    const ms = (t.tdur ?? t.dur ?? 0) / 1000;
    cpu[i] = (cpu[i] as number) + ms;
    longest[i] = Math.max(longest[i] as number, ms);
  }
  return { frames, cpu, longest, frameAfter, at };
}
