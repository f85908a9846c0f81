// timeline(from, to): what the replay bar draws — incident marks (as known at `to`) and spans with
// no good data per source, with the reason: polled and failed (down), or not polled at all (the
// wall was not running). Read from the store only, like every replay read.
import type { Timeline, TimelineGap } from '../../shared/api';
import type { Incident } from '../../shared/model';
import { DEFAULT_INTERVAL_MS } from './read/panel-state';
import { JITTER, MAX_BACKOFF_FACTOR } from './scheduler';
import type { StatusRun } from './store/outcomes';
import type { Store } from './store/types';

/** Missed polls before a pause in polling counts as the wall not running (scheduler jitter and a slow poll stay below). */
const MISSED_POLLS = 3;

/**
 * Gaps of one source from its status runs (ascending). A span without polls whose data was later
 * backfilled (a sample near both of its ends) is not a gap in the data, so it is left out.
 */
export function sourceGaps(
  sourceId: string,
  runs: readonly StatusRun[],
  from: number,
  to: number,
  intervalMs: number,
  hasDataAcross: (a: number, b: number) => boolean,
): TimelineGap[] {
  const slack = MISSED_POLLS * intervalMs;
  // why: after failed polls the scheduler waits up to 8 intervals (and jitter) before it tries
  // again: the wall was running and the source still down meanwhile. A next run failing for the
  // same reason can only follow a restart (one process keeps one run while the outcome holds), so
  // that pause is the wall not running, as is a pause longer than any retry wait.
  const retrySlack = slack + MAX_BACKOFF_FACTOR * (1 + JITTER) * intervalMs;
  const out: TimelineGap[] = [];
  let last: StatusRun | undefined;
  const idle = (from0: number, b: number, next?: StatusRun): void => {
    const prev = out[out.length - 1];
    const retrying = last !== undefined && !last.ok && (next === undefined || next.ok || next.reason !== last.reason);
    if (retrying && prev?.kind === 'down' && prev.to >= from0 && b - from0 <= retrySlack) {
      prev.to = Math.max(prev.to, b);
      return;
    }
    // why: a down span reaches one interval past its last failed poll; the pause starts after it
    const a = Math.max(from0, prev?.to ?? from0);
    if (b - a > slack && !hasDataAcross(a, b)) out.push({ sourceId, kind: 'not-running', reason: 'wall not running', from: a, to: b });
  };
  let cursor = from;
  for (const r of runs) {
    idle(cursor, Math.min(r.at, to), r);
    last = r;
    if (!r.ok) {
      const a = Math.max(r.at, from);
      const b = Math.min(r.lastAt + intervalMs, to);
      const prev = out[out.length - 1];
      // why: a run of one failure per poll with changing reasons reads as one outage, with the first reason
      if (prev && prev.kind === 'down' && a - prev.to <= intervalMs) prev.to = Math.max(prev.to, b);
      else if (b > a) out.push({ sourceId, kind: 'down', reason: `source down: ${r.reason ?? 'error'}`, from: a, to: b });
    }
    cursor = Math.max(cursor, r.lastAt);
  }
  idle(cursor, to);
  return out;
}

export function timelineOf(
  store: Store,
  incidents: readonly Incident[],
  from: number,
  to: number,
  intervals: ReadonlyMap<string, number>,
  sourceIds: readonly string[],
): Timeline {
  const bySource = new Map<string, StatusRun[]>(sourceIds.map((id) => [id, []]));
  for (const r of store.statusRuns(from, to)) {
    let list = bySource.get(r.source);
    if (!list) bySource.set(r.source, (list = []));
    list.push(r);
  }
  const firstSeries = store.db.prepare<[string], { id: number }>('SELECT id FROM series WHERE source = ? LIMIT 1');
  const gaps: TimelineGap[] = [];
  for (const [sourceId, runs] of bySource) {
    const intervalMs = intervals.get(sourceId) ?? DEFAULT_INTERVAL_MS;
    const series = firstSeries.get(sourceId)?.id;
    const near = (t: number): boolean => {
      const s = series === undefined ? undefined : store.latest(series, t);
      return s !== undefined && t - s.t <= MISSED_POLLS * intervalMs;
    };
    gaps.push(...sourceGaps(sourceId, runs, from, to, intervalMs, (a, b) => near(a + MISSED_POLLS * intervalMs) && near(b)));
  }
  gaps.sort((a, b) => a.from - b.from);
  const marks = incidents
    .filter((i) => i.openedAt <= to && (i.resolvedAt === undefined || i.resolvedAt >= from))
    .map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      openedAt: i.openedAt,
      ...(i.brand !== undefined ? { brand: i.brand } : {}),
      ...(i.panelId !== undefined ? { panelId: i.panelId } : {}),
      ...(i.resolvedAt !== undefined ? { resolvedAt: i.resolvedAt } : {}),
    }))
    .sort((a, b) => a.openedAt - b.openedAt);
  return { from, to, incidents: marks, gaps };
}
