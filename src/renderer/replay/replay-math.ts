// Pure arithmetic of the replay bar: where T may go, steps, incident jumps, and timeline geometry.
import type { BoardView, Timeline, TimelineGap, TimelineIncident } from '../../shared/api';
import { formatTick } from '../format/clock';

const DEFAULT_STEP_MS = 15_000;
export const BIG_STEP_MS = 5 * 60_000;

/** ms: one step of `,` `.`: the fastest source's poll interval. */
export function stepMs(board: BoardView | null): number {
  const intervals = (board?.sources ?? []).map((s) => s.intervalMs).filter((ms) => ms > 0);
  return intervals.length ? Math.min(...intervals) : DEFAULT_STEP_MS;
}

/** The span T may move in: the recording, or the retention window ending at the engine's now. */
export function replayBounds(board: BoardView | null, liveAt: number): { from: number; to: number } {
  if (board?.recording) return { from: board.recording.from, to: board.recording.to };
  return { from: liveAt - (board?.retentionMs ?? 86_400_000), to: liveAt };
}

export function clamp(t: number, b: { from: number; to: number }): number {
  return Math.min(b.to, Math.max(b.from, t));
}

/** The newest incident opened strictly before `t` (or undefined). */
export function previousIncident(timeline: Timeline | null, t: number): TimelineIncident | undefined {
  const list = timeline?.incidents ?? [];
  for (let i = list.length - 1; i >= 0; i--) if ((list[i] as TimelineIncident).openedAt < t) return list[i];
  return undefined;
}

/** The first incident opened strictly after `t` (or undefined). */
export function nextIncident(timeline: Timeline | null, t: number): TimelineIncident | undefined {
  return (timeline?.incidents ?? []).find((i) => i.openedAt > t);
}

/** 0..1: where `t` sits on the bar. */
export function fraction(t: number, b: { from: number; to: number }): number {
  const span = b.to - b.from;
  return span > 0 ? Math.min(1, Math.max(0, (t - b.from) / span)) : 1;
}

/** ms between ticks: the smallest round step giving at most 10 ticks over the bounds. */
const TICK_STEPS = [10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000];

export function tickStep(b: { from: number; to: number }): number {
  const span = b.to - b.from;
  return TICK_STEPS.find((s) => span / s <= 10) ?? (TICK_STEPS[TICK_STEPS.length - 1] as number);
}

/** Round instants (multiples of `stepMs`) inside the bounds, for tick labels. */
export function ticks(b: { from: number; to: number }, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(b.from / stepMs) * stepMs; t <= b.to; t += stepMs) out.push(t);
  return out;
}

/** The data gaps T lies in (from ≤ t < to), one per source. */
export function gapsAt(timeline: Timeline | null, t: number): TimelineGap[] {
  return (timeline?.gaps ?? []).filter((g) => g.from <= t && t < g.to);
}

/** "wall not running (prom, health)": each reason once, with the sources it holds for. */
export function gapReasons(gaps: readonly TimelineGap[]): string[] {
  const bySource = new Map<string, string[]>();
  for (const g of gaps) bySource.set(g.reason, [...(bySource.get(g.reason) ?? []), g.sourceId]);
  return [...bySource].map(([reason, sources]) => `${reason} (${sources.join(', ')})`);
}

export const GAP_KIND_LABEL: Record<TimelineGap['kind'], string> = { down: 'source down', 'not-running': 'wall not running' };

/** "prom: source down: connection refused, 14:02–14:09" (times in unix ms), a gap's hover title. */
export function gapTitle(g: Pick<TimelineGap, 'sourceId' | 'reason' | 'from' | 'to'>, timezone: string | undefined): string {
  return `${g.sourceId}: ${g.reason}, ${formatTick(g.from, timezone, false)}–${formatTick(g.to, timezone, false)}`;
}
