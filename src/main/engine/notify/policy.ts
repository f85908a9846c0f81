// When a person is told: a pure function of (state, transitions, now, settings). No I/O, no clock.
// Guarantees: one notification per transition at most; criticals always delivered at once (never
// grouped, rate-limited or quieted); bursts summarised; flapping muted until stable; a rate limit.
import type { NotificationView } from '../../../shared/api';
import { describe, routeFor, soundFor, summaryText } from './messages';
import { severityRank } from '../../../shared/severity-rank';
import {
  DEFAULT_TUNING,
  RATE_WINDOW_MS,
  type Decision,
  type FlapEntry,
  type HeldItem,
  type PolicyInput,
  type PolicyState,
  type PolicyTransition,
  type TraceEntry,
} from './policy-types';
import { isQuiet } from './quiet-hours';
import { formatDuration } from '../../../shared/duration';

export { initialPolicyState } from './policy-types';
export type { Decision, PolicyInput, PolicyState, PolicyTransition, TraceEntry } from './policy-types';

function flapKey(i: PolicyTransition['incident']): string {
  return `${i.kind}\u0000${i.ref}`;
}

export function decide(prev: PolicyState, input: PolicyInput): Decision {
  const tune = { ...DEFAULT_TUNING, ...input.tuning };
  const { now, settings } = input;
  const s: PolicyState = structuredClone(prev);
  const notifications: NotificationView[] = [];
  const trace: TraceEntry[] = [];
  const quiet = isQuiet(now, settings.quietHours, input.utcOffsetMinutes ?? 0);

  const drop = (seq: number, reason: string): void => void trace.push({ seq, outcome: 'dropped', reason });
  const budgetLeft = (): boolean => s.sent.filter((x) => now - x < RATE_WINDOW_MS).length < settings.ratePerMinute;

  function deliver(n: Omit<NotificationView, 'id' | 'at'>, seqs: number[]): void {
    const id = `n${s.nextId++}`;
    notifications.push({ id, at: now, ...n });
    if (n.severity !== 'critical') s.sent.push(now);
    for (const seq of seqs) trace.push({ seq, outcome: 'delivered', notificationId: id });
  }

  function deliverOpen(item: HeldItem, note?: string): void {
    const title = item.flapping !== undefined ? `${item.title} is flapping` : item.title;
    const what = describe(item.severity, item.kind, item.brand);
    const body =
      item.flapping !== undefined
        ? `${what}; opened ${item.flapping} times in ${formatDuration(tune.flapWindowMs)}, muted until stable`
        : note !== undefined ? `${what}; ${note}` : what;
    const sound = soundFor(settings, item.brand, item.severity);
    deliver(
      {
        title,
        body,
        severity: item.severity,
        incidentIds: [item.incidentId],
        kind: item.kind === 'pipeline' ? 'pipeline' : 'open',
        ...(item.brand !== undefined ? { brand: item.brand } : {}),
        ...(sound !== undefined ? { sound } : {}),
      },
      [item.seq],
    );
    s.announced[item.incidentId] = now;
  }

  function hold(item: HeldItem, why: string): void {
    if (s.held.length >= tune.maxHeld) {
      s.heldOverflow += 1;
      drop(item.seq, `${why}; too many held, counted in the summary`);
      return;
    }
    s.held.push(item);
    s.heldSince ??= now;
    trace.push({ seq: item.seq, outcome: 'held', reason: why });
  }

  /** Held opens go out once the burst window has passed, as one summary when several. */
  function flush(): void {
    if (s.held.length === 0) {
      s.heldSince = null;
      s.heldOverflow = 0;
      return;
    }
    const since = s.heldSince ?? now;
    if (now - since < tune.burstWindowMs) return;
    const items = s.held;
    const overflow = s.heldOverflow;
    if (quiet) {
      for (const it of items) drop(it.seq, 'quiet hours');
    } else {
      if (!budgetLeft()) return; // why: held, not dropped: they go out when the rate allows
      if (items.length === 1 && overflow === 0) {
        deliverOpen(items[0] as HeldItem);
      } else {
        const text = summaryText(items, overflow);
        const worst = items.find((i) => i.severity === text.severity);
        const brands = new Set(items.map((i) => i.brand));
        const brand = brands.size === 1 ? items[0]?.brand : undefined;
        const sound = soundFor(settings, worst?.brand, text.severity);
        deliver(
          {
            title: text.title,
            body: text.body,
            severity: text.severity,
            incidentIds: items.map((i) => i.incidentId),
            kind: 'summary',
            ...(brand !== undefined ? { brand } : {}),
            ...(sound !== undefined ? { sound } : {}),
          },
          items.map((i) => i.seq),
        );
        for (const it of items) s.announced[it.incidentId] = now;
      }
    }
    s.held = [];
    s.heldOverflow = 0;
    s.heldSince = null;
  }

  /** Severity, silence, quiet hours, burst and rate gates of an open. */
  function gateOpen(item: HeldItem, silenced: boolean, note?: string): void {
    if (silenced) return drop(item.seq, 'silenced in Alertmanager');
    const route = routeFor(settings, item.brand);
    if (severityRank(item.severity) < severityRank(route.minSeverity)) return drop(item.seq, `below minSeverity ${route.minSeverity}`);
    const critical = item.severity === 'critical';
    if (quiet && !critical) return drop(item.seq, 'quiet hours');
    const recent = s.recentOpens.filter((x) => Math.abs(item.at - x) < tune.burstWindowMs).length;
    s.recentOpens = [...s.recentOpens, item.at].slice(-Math.max(1, tune.burstCount - 1));
    // why: a critical is told at once, alone; grouping and the rate limit only ever delay the rest
    if (critical) return deliverOpen(item, note);
    if (s.held.length > 0 || recent >= tune.burstCount - 1) return hold(item, 'burst');
    if (!budgetLeft()) return hold(item, 'rate limit');
    deliverOpen(item, note);
  }

  function removeHeld(incidentId: string, reason: string): void {
    const i = s.held.findIndex((h) => h.incidentId === incidentId);
    if (i < 0) return;
    const [h] = s.held.splice(i, 1);
    if (h) drop(h.seq, reason);
  }

  function onOpen(t: PolicyTransition): void {
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
    const entry: FlapEntry = s.flaps[key] ?? { opens: [], flapping: false, lastChange: t.at, open: null, openSilenced: false };
    entry.opens = [...entry.opens.filter((x) => Math.abs(t.at - x) < tune.flapWindowMs), t.at];
    entry.lastChange = Math.max(entry.lastChange, t.at);
    const wasFlapping = entry.flapping;
    if (!wasFlapping && entry.opens.length > tune.flapMaxOpens) {
      entry.flapping = true;
      item.flapping = entry.opens.length;
    }
    // why: the open item is only needed to tell it after a flap; not keeping it otherwise keeps the state small
    entry.open = entry.flapping ? item : null;
    entry.openSilenced = entry.flapping && inc.silenced;
    s.flaps[key] = entry;
    if (wasFlapping) return drop(t.seq, 'flapping');
    gateOpen(item, inc.silenced);
  }

  function onResolved(t: PolicyTransition): void {
    const inc = t.incident;
    removeHeld(inc.id, 'resolved before it was told');
    const entry = s.flaps[flapKey(inc)];
    if (entry) {
      entry.open = null;
      entry.lastChange = Math.max(entry.lastChange, t.at);
    }
    const announced = s.announced[inc.id] !== undefined;
    delete s.announced[inc.id];
    if (entry?.flapping) return drop(t.seq, 'flapping');
    if (!announced) return drop(t.seq, 'its opening was never told');
    if (!routeFor(settings, inc.brand).resolved) return drop(t.seq, 'resolved notifications are off');
    const critical = inc.severity === 'critical';
    if (quiet && !critical) return drop(t.seq, 'quiet hours');
    if (!critical && !budgetLeft()) return drop(t.seq, 'rate limit');
    deliver(
      {
        title: `Resolved: ${inc.title}`,
        body: describe(inc.severity, inc.kind, inc.brand),
        severity: inc.severity,
        incidentIds: [inc.id],
        kind: 'resolved',
        ...(inc.brand !== undefined ? { brand: inc.brand } : {}),
      },
      [t.seq],
    );
  }

  function onEscalation(t: PolicyTransition): void {
    const inc = t.incident;
    removeHeld(inc.id, 'superseded by its escalation');
    if (inc.silenced) return drop(t.seq, 'silenced in Alertmanager');
    if (inc.snoozedUntil !== undefined && inc.snoozedUntil > now) return drop(t.seq, 'snoozed');
    const route = routeFor(settings, inc.brand);
    if (severityRank(inc.severity) < severityRank(route.minSeverity)) return drop(t.seq, `below minSeverity ${route.minSeverity}`);
    const critical = inc.severity === 'critical';
    if (quiet && !critical) return drop(t.seq, 'quiet hours');
    if (!critical && !budgetLeft()) return drop(t.seq, 'rate limit');
    const sound = soundFor(settings, inc.brand, inc.severity);
    deliver(
      {
        title: t.reason === 'severity' ? `Now ${inc.severity}: ${inc.title}` : `Still unacknowledged: ${inc.title}`,
        body: describe(inc.severity, inc.kind, inc.brand),
        severity: inc.severity,
        incidentIds: [inc.id],
        kind: 'escalation',
        ...(inc.brand !== undefined ? { brand: inc.brand } : {}),
        ...(sound !== undefined ? { sound } : {}),
      },
      [t.seq],
    );
    s.announced[inc.id] = now;
  }

  /** Flapping ends after a quiet flap window; a ref left open then is told once, late. */
  function settleFlaps(): void {
    for (const [key, e] of Object.entries(s.flaps)) {
      e.opens = e.opens.filter((x) => now - x < tune.flapWindowMs);
      if (e.flapping && now - e.lastChange >= tune.flapWindowMs) {
        e.flapping = false;
        if (e.open && s.announced[e.open.incidentId] === undefined) {
          const { flapping: _started, ...item } = e.open;
          gateOpen({ ...item, at: now }, e.openSilenced, 'stopped flapping and is still open');
        }
      }
      if (!e.flapping && e.opens.length === 0) delete s.flaps[key];
    }
  }

  function seenBefore(seq: number): boolean {
    if (seq < s.floorSeq || s.seen.includes(seq)) return true;
    const last = s.seen[s.seen.length - 1];
    s.seen.push(seq);
    if (last !== undefined && seq < last) s.seen.sort((a, b) => a - b);
    while (s.seen.length > tune.maxSeen) s.floorSeq = (s.seen.shift() as number) + 1;
    return false;
  }

  s.sent = s.sent.filter((x) => now - x < RATE_WINDOW_MS);
  flush();
  for (const t of [...input.transitions].sort((a, b) => a.seq - b.seq)) {
    if (seenBefore(t.seq)) {
      drop(t.seq, 'duplicate');
      continue;
    }
    if (t.to === 'open') onOpen(t);
    else if (t.to === 'resolved') onResolved(t);
    else if (t.to === 'escalation') onEscalation(t);
    else {
      // acknowledged: someone is on it; nothing held for it is worth telling any more
      removeHeld(t.incident.id, 'acknowledged before it was told');
      const entry = s.flaps[flapKey(t.incident)];
      if (entry?.open?.incidentId === t.incident.id) entry.open = null;
      drop(t.seq, 'acknowledged');
    }
  }
  settleFlaps();
  flush();

  const ids = Object.keys(s.announced);
  if (ids.length > tune.maxAnnounced) {
    ids.sort((a, b) => (s.announced[a] ?? 0) - (s.announced[b] ?? 0));
    for (const id of ids.slice(0, ids.length - tune.maxAnnounced)) delete s.announced[id];
  }
  return { state: s, notifications, trace };
}
