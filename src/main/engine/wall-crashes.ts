// "wall renderer crashed 3 times in 10 min": a wall that keeps crashing is a pipeline incident of the
// wall itself (the people watching it are blind while it reloads). Pure over crash times.
import { labelValue, metricFamily, metricsText } from './metrics-text';

export interface CrashRule {
  /** crashes within windowMs that open the incident */
  threshold: number;
  /** ms */
  windowMs: number;
}

export const WALL_CRASH_RULE: CrashRule = { threshold: 3, windowMs: 10 * 60_000 };

export interface CrashVerdict {
  open: boolean;
  /** crashes inside the window ending now */
  recent: number;
  /** the incident title while open */
  title?: string;
}

/**
 * Opens at `threshold` crashes inside the window; once open it stays open until a whole window
 * passes without a crash (so it does not flap as the oldest crash ages out).
 */
export function crashVerdict(what: string, crashTimes: readonly number[], now: number, wasOpen: boolean, rule: CrashRule = WALL_CRASH_RULE): CrashVerdict {
  const recent = crashTimes.filter((t) => t <= now && now - t < rule.windowMs).length;
  const open = recent >= rule.threshold || (wasOpen && recent > 0);
  const minutes = Math.round(rule.windowMs / 60_000);
  return open ? { open, recent, title: `${what} crashed ${recent} time${recent === 1 ? '' : 's'} in ${minutes} min` } : { open, recent };
}

/** Crash times still worth keeping (inside the window). */
export function pruneCrashes(crashTimes: readonly number[], now: number, rule: CrashRule = WALL_CRASH_RULE): number[] {
  return crashTimes.filter((t) => now - t < rule.windowMs);
}

/** Crash times per wall part ("renderer", "kiosk-browser"), turned into pipeline incidents and counters. */
export class WallCrashes {
  private readonly times = new Map<string, number[]>();
  private readonly open = new Map<string, string>();
  private readonly totals = new Map<string, number>();

  constructor(
    private readonly report: (ref: string, title: string | undefined) => void,
    private readonly rule: CrashRule = WALL_CRASH_RULE,
  ) {}

  crashed(part: string, at: number): void {
    this.totals.set(part, (this.totals.get(part) ?? 0) + 1);
    this.times.set(part, [...pruneCrashes(this.times.get(part) ?? [], at, this.rule), at]);
    this.check(at, part);
  }

  /** Re-judges every part (a quiet window resolves its incident); call it on a timer. */
  check(now: number, only?: string): void {
    for (const part of only !== undefined ? [only] : [...this.times.keys()]) {
      const times = pruneCrashes(this.times.get(part) ?? [], now, this.rule);
      this.times.set(part, times);
      const was = this.open.get(part);
      const v = crashVerdict(`wall ${part}`, times, now, was !== undefined, this.rule);
      if (v.title !== undefined && v.title !== was) {
        this.open.set(part, v.title);
        this.report(`wall:${part}`, v.title);
      } else if (v.title === undefined && was !== undefined) {
        this.open.delete(part);
        this.report(`wall:${part}`, undefined);
      }
    }
  }

  /** Prometheus text: crashes per part since start. */
  metricsText(): string {
    const rows = [...this.totals].map(([part, n]): [string, number] => [`{part="${labelValue(part)}"}`, n]);
    return metricsText([metricFamily('wallboard_wall_crashes_total', 'counter', 'Crashes of the wall itself (Electron renderer gone or hung, kiosk browser exited).', rows)]);
  }
}
