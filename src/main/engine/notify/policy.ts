// When a person is told: a pure function of (state, transitions, now, settings). No I/O, no clock.
// Guarantees: one notification per transition at most; criticals always delivered at once (never
// grouped, rate-limited or quieted); bursts summarised; flapping muted until stable; a rate limit.
// The rules, payloads and state changes it is written in live in policy-run.ts.
import type { FlapEntry, HeldItem, PolicyInput, PolicyState, PolicyTransition, Decision } from './policy-types';
import {
  announce,
  belowRoute,
  budgetLeft,
  clearHeld,
  deliver,
  drop,
  escalationPayload,
  forgetOldAnnounced,
  hold,
  openPayload,
  pruneSent,
  QUIET_HOURS,
  quietHours,
  rateLimited,
  recordOpen,
  removeHeld,
  resolvedPayload,
  seenBefore,
  startRun,
  summaryPayload,
  type Run,
} from './policy-run';
import { routeFor } from './messages';

export { initialPolicyState } from './policy-types';
export type { Decision, PolicyInput, PolicyState, PolicyTransition, TraceEntry } from './policy-types';

export function decide(prev: PolicyState, input: PolicyInput): Decision {
  const run = startRun(prev, input);
  pruneSent(run);
  flush(run);
  for (const t of [...input.transitions].sort((a, b) => a.seq - b.seq)) {
    if (seenBefore(run, t.seq)) drop(run, t.seq, 'duplicate');
    else if (t.to === 'open') onOpen(run, t);
    else if (t.to === 'resolved') onResolved(run, t);
    else if (t.to === 'escalation') onEscalation(run, t);
    else onAcknowledged(run, t);
  }
  settleFlaps(run);
  flush(run);
  forgetOldAnnounced(run);
  return { state: run.s, notifications: run.notifications, trace: run.trace };
}

function flapKey(i: PolicyTransition['incident']): string {
  return `${i.kind}\u0000${i.ref}`;
}

function tellOpen(run: Run, item: HeldItem, note?: string): void {
  deliver(run, openPayload(run, item, note), [item.seq]);
  announce(run, [item.incidentId]);
}

/** Held opens go out once the burst window has passed, as one summary when several. */
function flush(run: Run): void {
  const { s, now } = run;
  if (s.held.length === 0) return clearHeld(run);
  if (now - (s.heldSince ?? now) < run.tune.burstWindowMs) return;
  const items = s.held;
  if (run.quiet) {
    // why: only non-criticals are ever held, so quiet hours drop them all
    for (const it of items) drop(run, it.seq, QUIET_HOURS);
  } else {
    if (!budgetLeft(run)) return; // why: held, not dropped: they go out when the rate allows
    if (items.length === 1 && s.heldOverflow === 0) {
      tellOpen(run, items[0] as HeldItem);
    } else {
      deliver(run, summaryPayload(run, items, s.heldOverflow), items.map((i) => i.seq));
      announce(run, items.map((i) => i.incidentId));
    }
  }
  clearHeld(run);
}

/** Silence, severity, quiet hours, burst and rate gates of an open. */
function gateOpen(run: Run, item: HeldItem, silenced: boolean, note?: string): void {
  if (silenced) return drop(run, item.seq, 'silenced in Alertmanager');
  const why = belowRoute(run, item.severity, item.brand) ?? quietHours(run, item.severity);
  if (why !== undefined) return drop(run, item.seq, why);
  const recent = recordOpen(run, item.at);
  // why: a critical is told at once, alone; grouping and the rate limit only ever delay the rest
  if (item.severity === 'critical') return tellOpen(run, item, note);
  if (run.s.held.length > 0 || recent >= run.tune.burstCount - 1) return hold(run, item, 'burst');
  const limited = rateLimited(run, item.severity);
  if (limited !== undefined) return hold(run, item, limited);
  tellOpen(run, item, note);
}

/** Counts the open against its ref's flap window (a flap starts on it when too many); returns whether the ref was flapping already. */
function trackFlap(run: Run, key: string, item: HeldItem, silenced: boolean): boolean {
  const { s, tune } = run;
  const at = item.at;
  const entry: FlapEntry = s.flaps[key] ?? { opens: [], flapping: false, lastChange: at, open: null, openSilenced: false };
  entry.opens = [...entry.opens.filter((x) => Math.abs(at - x) < tune.flapWindowMs), at];
  entry.lastChange = Math.max(entry.lastChange, at);
  const wasFlapping = entry.flapping;
  if (!wasFlapping && entry.opens.length > tune.flapMaxOpens) {
    entry.flapping = true;
    item.flapping = entry.opens.length;
  }
  // why: the open item is only needed to tell it after a flap; not keeping it otherwise keeps the state small
  entry.open = entry.flapping ? item : null;
  entry.openSilenced = entry.flapping && silenced;
  s.flaps[key] = entry;
  return wasFlapping;
}

function onOpen(run: Run, t: PolicyTransition): void {
  const inc = t.incident;
  const key = flapKey(inc);
  const item: HeldItem = {
    seq: t.seq,
    incidentId: inc.id,
    key,
    kind: inc.kind,
    title: inc.title,
    severity: inc.severity,
    at: t.at,
    ...(inc.brand !== undefined ? { brand: inc.brand } : {}),
  };
  if (trackFlap(run, key, item, inc.silenced)) return drop(run, t.seq, 'flapping');
  gateOpen(run, item, inc.silenced);
}

function onResolved(run: Run, t: PolicyTransition): void {
  const { s } = run;
  const inc = t.incident;
  removeHeld(run, inc.id, 'resolved before it was told');
  const entry = s.flaps[flapKey(inc)];
  if (entry) {
    entry.open = null;
    entry.lastChange = Math.max(entry.lastChange, t.at);
  }
  const announced = s.announced[inc.id] !== undefined;
  delete s.announced[inc.id];
  if (entry?.flapping) return drop(run, t.seq, 'flapping');
  if (!announced) return drop(run, t.seq, 'its opening was never told');
  if (!routeFor(run.settings, inc.brand).resolved) return drop(run, t.seq, 'resolved notifications are off');
  const why = quietHours(run, inc.severity) ?? rateLimited(run, inc.severity);
  if (why !== undefined) return drop(run, t.seq, why);
  deliver(run, resolvedPayload(inc), [t.seq]);
}

function onEscalation(run: Run, t: PolicyTransition): void {
  const inc = t.incident;
  removeHeld(run, inc.id, 'superseded by its escalation');
  if (inc.silenced) return drop(run, t.seq, 'silenced in Alertmanager');
  if (inc.snoozedUntil !== undefined && inc.snoozedUntil > run.now) return drop(run, t.seq, 'snoozed');
  const why = belowRoute(run, inc.severity, inc.brand) ?? quietHours(run, inc.severity) ?? rateLimited(run, inc.severity);
  if (why !== undefined) return drop(run, t.seq, why);
  deliver(run, escalationPayload(run, inc, t.reason), [t.seq]);
  announce(run, [inc.id]);
}

/** Someone is on it: nothing held for it is worth telling any more. */
function onAcknowledged(run: Run, t: PolicyTransition): void {
  removeHeld(run, t.incident.id, 'acknowledged before it was told');
  const entry = run.s.flaps[flapKey(t.incident)];
  if (entry?.open?.incidentId === t.incident.id) entry.open = null;
  drop(run, t.seq, 'acknowledged');
}

/** Flapping ends after a quiet flap window; a ref left open then is told once, late. */
function settleFlaps(run: Run): void {
  const { s, now, tune } = run;
  for (const [key, e] of Object.entries(s.flaps)) {
    e.opens = e.opens.filter((x) => now - x < tune.flapWindowMs);
    if (e.flapping && now - e.lastChange >= tune.flapWindowMs) {
      e.flapping = false;
      if (e.open && s.announced[e.open.incidentId] === undefined) {
        const { flapping: _started, ...item } = e.open;
        gateOpen(run, { ...item, at: now }, e.openSilenced, 'stopped flapping and is still open');
      }
    }
    if (!e.flapping && e.opens.length === 0) delete s.flaps[key];
  }
}
