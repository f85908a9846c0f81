// One run of the notify policy: its working state in one object, the rules each transition is held
// to (each written once), the payload of every kind of notification, and the named state changes.
import type { NotificationView } from '../../../shared/api';
import type { NotifySettings, Severity } from '../../../shared/config-schema';
import { severityRank } from '../../../shared/severity-rank';
import { formatDuration } from '../../../shared/duration';
import { describe, routeFor, soundFor, summaryText } from './messages';
import { DEFAULT_TUNING, RATE_WINDOW_MS, type HeldItem, type PolicyInput, type PolicyState, type PolicyTransition, type PolicyTuning, type TraceEntry } from './policy-types';
import { isQuiet } from './quiet-hours';

/** Everything one decide() call reads and writes; `s` is a private copy of the previous state. */
export interface Run {
  readonly s: PolicyState;
  readonly tune: PolicyTuning;
  /** unix ms */
  readonly now: number;
  readonly settings: NotifySettings;
  readonly quiet: boolean;
  readonly notifications: NotificationView[];
  readonly trace: TraceEntry[];
}

export function startRun(prev: PolicyState, input: PolicyInput): Run {
  const { now, settings } = input;
  return {
    s: structuredClone(prev),
    tune: { ...DEFAULT_TUNING, ...input.tuning },
    now,
    settings,
    quiet: isQuiet(now, settings.quietHours, input.utcOffsetMinutes ?? 0),
    notifications: [],
    trace: [],
  };
}

// ---- rules: each returns why the notification may not go now, or undefined when it may ----

/** Routes: a brand's route (else the global settings) sets the least severity worth telling. */
export function belowRoute(run: Run, severity: Severity, brand: string | undefined): string | undefined {
  const { minSeverity } = routeFor(run.settings, brand);
  return severityRank(severity) < severityRank(minSeverity) ? `below minSeverity ${minSeverity}` : undefined;
}

export const QUIET_HOURS = 'quiet hours';

/** Quiet hours: everything but a critical is dropped. */
export function quietHours(run: Run, severity: Severity): string | undefined {
  return run.quiet && severity !== 'critical' ? QUIET_HOURS : undefined;
}

/** Rate limit: at most ratePerMinute non-critical deliveries a minute; criticals neither count nor wait. */
export function rateLimited(run: Run, severity: Severity): string | undefined {
  return severity !== 'critical' && !budgetLeft(run) ? 'rate limit' : undefined;
}

export function budgetLeft(run: Run): boolean {
  return run.s.sent.filter((x) => run.now - x < RATE_WINDOW_MS).length < run.settings.ratePerMinute;
}

/** Forgets deliveries older than the rate window. */
export function pruneSent(run: Run): void {
  run.s.sent = run.s.sent.filter((x) => run.now - x < RATE_WINDOW_MS);
}

// ---- payloads ----

type Payload = Omit<NotificationView, 'id' | 'at'>;

function payload(
  kind: Payload['kind'],
  title: string,
  body: string,
  severity: Severity,
  incidentIds: string[],
  brand: string | undefined,
  sound: string | undefined,
): Payload {
  return {
    title,
    body,
    severity,
    incidentIds,
    kind,
    ...(brand !== undefined ? { brand } : {}),
    ...(sound !== undefined ? { sound } : {}),
  };
}

export function openPayload(run: Run, item: HeldItem, note?: string): Payload {
  const what = describe(item.severity, item.kind, item.brand);
  const flapping = item.flapping !== undefined;
  const title = flapping ? `${item.title} is flapping` : item.title;
  const body = flapping
    ? `${what}; opened ${item.flapping} times in ${formatDuration(run.tune.flapWindowMs)}, muted until stable`
    : note !== undefined ? `${what}; ${note}` : what;
  const kind = item.kind === 'pipeline' ? 'pipeline' : 'open';
  return payload(kind, title, body, item.severity, [item.incidentId], item.brand, soundFor(run.settings, item.brand, item.severity));
}

export function summaryPayload(run: Run, items: HeldItem[], overflow: number): Payload {
  const text = summaryText(items, overflow);
  const worst = items.find((i) => i.severity === text.severity);
  const brands = new Set(items.map((i) => i.brand));
  const brand = brands.size === 1 ? items[0]?.brand : undefined;
  const sound = soundFor(run.settings, worst?.brand, text.severity);
  return payload('summary', text.title, text.body, text.severity, items.map((i) => i.incidentId), brand, sound);
}

type Incident = PolicyTransition['incident'];

/** A resolved makes no sound. */
export function resolvedPayload(inc: Incident): Payload {
  return payload('resolved', `Resolved: ${inc.title}`, describe(inc.severity, inc.kind, inc.brand), inc.severity, [inc.id], inc.brand, undefined);
}

export function escalationPayload(run: Run, inc: Incident, reason: PolicyTransition['reason']): Payload {
  const title = reason === 'severity' ? `Now ${inc.severity}: ${inc.title}` : `Still unacknowledged: ${inc.title}`;
  const sound = soundFor(run.settings, inc.brand, inc.severity);
  return payload('escalation', title, describe(inc.severity, inc.kind, inc.brand), inc.severity, [inc.id], inc.brand, sound);
}

// ---- state transitions ----

export function drop(run: Run, seq: number, reason: string): void {
  run.trace.push({ seq, outcome: 'dropped', reason });
}

/** Sends a notification covering `seqs`; a non-critical one counts against the rate limit. */
export function deliver(run: Run, n: Payload, seqs: number[]): void {
  const { s, now } = run;
  const id = `n${s.nextId++}`;
  run.notifications.push({ id, at: now, ...n });
  if (n.severity !== 'critical') s.sent.push(now);
  for (const seq of seqs) run.trace.push({ seq, outcome: 'delivered', notificationId: id });
}

/** Marks incidents as told, so their resolved may be told too. */
export function announce(run: Run, incidentIds: string[]): void {
  for (const id of incidentIds) run.s.announced[id] = run.now;
}

export function hold(run: Run, item: HeldItem, why: string): void {
  const { s } = run;
  if (s.held.length >= run.tune.maxHeld) {
    s.heldOverflow += 1;
    drop(run, item.seq, `${why}; too many held, counted in the summary`);
    return;
  }
  s.held.push(item);
  s.heldSince ??= run.now;
  run.trace.push({ seq: item.seq, outcome: 'held', reason: why });
}

export function clearHeld(run: Run): void {
  run.s.held = [];
  run.s.heldOverflow = 0;
  run.s.heldSince = null;
}

export function removeHeld(run: Run, incidentId: string, reason: string): void {
  const i = run.s.held.findIndex((h) => h.incidentId === incidentId);
  if (i < 0) return;
  const [h] = run.s.held.splice(i, 1);
  if (h) drop(run, h.seq, reason);
}

/** Remembers the open at `at` for burst detection; returns how many recent opens it joins. */
export function recordOpen(run: Run, at: number): number {
  const { s, tune } = run;
  const recent = s.recentOpens.filter((x) => Math.abs(at - x) < tune.burstWindowMs).length;
  s.recentOpens = [...s.recentOpens, at].slice(-Math.max(1, tune.burstCount - 1));
  return recent;
}

/** Whether `seq` was handled before; records it if not (the newest maxSeen are kept). */
export function seenBefore(run: Run, seq: number): boolean {
  const { s } = run;
  if (seq < s.floorSeq || s.seen.includes(seq)) return true;
  const last = s.seen[s.seen.length - 1];
  s.seen.push(seq);
  if (last !== undefined && seq < last) s.seen.sort((a, b) => a - b);
  while (s.seen.length > run.tune.maxSeen) s.floorSeq = (s.seen.shift() as number) + 1;
  return false;
}

/** Forgets the oldest announced incidents beyond maxAnnounced. */
export function forgetOldAnnounced(run: Run): void {
  const { s } = run;
  const ids = Object.keys(s.announced);
  if (ids.length <= run.tune.maxAnnounced) return;
  ids.sort((a, b) => (s.announced[a] ?? 0) - (s.announced[b] ?? 0));
  for (const id of ids.slice(0, ids.length - run.tune.maxAnnounced)) delete s.announced[id];
}
