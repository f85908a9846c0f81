// Property-based checks of the notify policy over random incident histories and clocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, initialPolicyState, type PolicyState, type PolicyTransition, type TraceEntry } from '../../../src/main/engine/notify/policy';
import { RATE_WINDOW_MS } from '../../../src/main/engine/notify/policy-types';
import { isQuiet } from '../../../src/main/engine/notify/quiet-hours';
import type { NotificationView } from '../../../src/shared/api';
import { SEVERITIES, type NotifySettings, type Severity } from '../../../src/shared/config-schema';
import type { IncidentKind } from '../../../src/shared/model';
import { settings as makeSettings, T0 } from './helpers';

interface Op {
  op: 'open' | 'resolve' | 'ack' | 'escalate';
  ref: number;
  severity: Severity;
  brand: string | undefined;
  kind: IncidentKind;
  silenced: boolean;
  snoozed: boolean;
  pick: number;
}

interface Step {
  dt: number;
  ops: Op[];
  redeliver: boolean;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom('open', 'open', 'open', 'resolve', 'resolve', 'ack', 'escalate'),
  ref: fc.integer({ min: 0, max: 5 }),
  severity: fc.constantFrom(...SEVERITIES),
  brand: fc.constantFrom(undefined, 'bizoholic', 'acme'),
  kind: fc.constantFrom('alert', 'alert', 'health', 'pipeline', 'threshold'),
  silenced: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  snoozed: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  pick: fc.nat(),
});

const stepArb: fc.Arbitrary<Step> = fc.record({
  // why: mostly seconds (bursts, rate), sometimes minutes (flap window, escalation, quiet hours)
  dt: fc.oneof(fc.integer({ min: 0, max: 4_000 }), fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 3 * 3_600_000 })),
  ops: fc.array(opArb, { maxLength: 5 }),
  redeliver: fc.boolean(),
});

const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const settingsArb: fc.Arbitrary<{ s: NotifySettings; offset: number }> = fc
  .record({
    minSeverity: fc.constantFrom(...SEVERITIES),
    ratePerMinute: fc.integer({ min: 1, max: 8 }),
    resolved: fc.boolean(),
    quiet: fc.option(fc.record({ from: hhmm, to: hhmm }), { nil: undefined }),
    acmeMin: fc.option(fc.constantFrom(...SEVERITIES), { nil: undefined }),
    offset: fc.constantFrom(0, 60, 330, -300),
  })
  .map((r) => ({
    s: makeSettings({
      minSeverity: r.minSeverity,
      ratePerMinute: r.ratePerMinute,
      resolved: r.resolved,
      ...(r.quiet ? { quietHours: r.quiet } : {}),
      routes: r.acmeMin ? [{ brand: 'acme', minSeverity: r.acmeMin }] : [],
    }),
    offset: r.offset,
  }));

interface Call {
  now: number;
  fresh: PolicyTransition[];
  notifications: NotificationView[];
  trace: TraceEntry[];
}

/** Plays random steps through a model of open incidents and the policy; state goes through JSON between calls. */
function play(steps: Step[], s: NotifySettings, offset: number): Call[] {
  let state: PolicyState = initialPolicyState();
  let now = T0;
  let seq = 0;
  let nextId = 0;
  const open = new Map<number, PolicyTransition['incident']>();
  let previous: PolicyTransition[] = [];
  const calls: Call[] = [];
  for (const step of steps) {
    now += step.dt;
    const fresh: PolicyTransition[] = [];
    for (const op of step.ops) {
      const inc = open.get(op.ref);
      if (op.op === 'open' && !inc) {
        const created = {
          id: `i${nextId++}`,
          kind: op.kind,
          ref: `r${op.ref}`,
          title: `T${op.ref}`,
          severity: op.severity,
          silenced: op.silenced,
          ...(op.brand !== undefined ? { brand: op.brand } : {}),
        };
        open.set(op.ref, created);
        fresh.push({ seq: ++seq, to: 'open', from: null, at: now, incident: created });
      } else if (op.op === 'resolve' && inc) {
        open.delete(op.ref);
        fresh.push({ seq: ++seq, to: 'resolved', at: now, incident: inc });
      } else if (op.op === 'ack' && inc) {
        fresh.push({ seq: ++seq, to: 'acknowledged', at: now, incident: inc });
      } else if (op.op === 'escalate' && inc) {
        const escalated = { ...inc, ...(op.snoozed ? { snoozedUntil: now + 60_000 } : {}) };
        fresh.push({ seq: ++seq, to: 'escalation', at: now, reason: 'timer', incident: escalated });
      }
    }
    const transitions = step.redeliver ? [...previous, ...fresh] : fresh;
    const d = decide(state, { transitions, now, settings: s, utcOffsetMinutes: offset });
    state = JSON.parse(JSON.stringify(d.state)) as PolicyState;
    calls.push({ now, fresh, notifications: d.notifications, trace: d.trace });
    previous = fresh;
  }
  return calls;
}

const scenario = fc.record({ steps: fc.array(stepArb, { minLength: 1, maxLength: 60 }), cfg: settingsArb });
const RUNS = { numRuns: 250 };

describe('notify policy properties', () => {
  it('delivers each transition at most once, and each notification covers exactly the transitions it says', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cfg }) => {
        const calls = play(steps, cfg.s, cfg.offset);
        const delivered = new Map<number, number>();
        for (const c of calls) {
          for (const t of c.trace) if (t.outcome === 'delivered') delivered.set(t.seq, (delivered.get(t.seq) ?? 0) + 1);
          for (const n of c.notifications) {
            const covered = c.trace.filter((t) => t.notificationId === n.id).length;
            expect(covered).toBe(n.incidentIds.length);
          }
        }
        for (const count of delivered.values()) expect(count).toBe(1);
        const ids = calls.flatMap((c) => c.notifications.map((n) => n.id));
        expect(new Set(ids).size).toBe(ids.length);
      }),
      RUNS,
    );
  });

  it('never delivers more non-critical notifications in any minute than ratePerMinute', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cfg }) => {
        const times = play(steps, cfg.s, cfg.offset).flatMap((c) => c.notifications.filter((n) => n.severity !== 'critical').map((n) => n.at));
        for (const d of times) {
          const inWindow = times.filter((t) => t <= d && d - t < RATE_WINDOW_MS).length;
          expect(inWindow).toBeLessThanOrEqual(cfg.s.ratePerMinute);
        }
      }),
      RUNS,
    );
  });

  it('delivers every critical opening and escalation at once, unless silenced, snoozed or flapping', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cfg }) => {
        for (const c of play(steps, cfg.s, cfg.offset)) {
          for (const t of c.fresh) {
            if (t.incident.severity !== 'critical' || (t.to !== 'open' && t.to !== 'escalation')) continue;
            if (t.incident.silenced) continue;
            if (t.incident.snoozedUntil !== undefined && t.incident.snoozedUntil > c.now) continue;
            const fate = c.trace.filter((x) => x.seq === t.seq);
            const ok = fate.some((x) => x.outcome === 'delivered') || fate.some((x) => x.reason === 'flapping');
            expect(ok, JSON.stringify({ t, fate })).toBe(true);
            const n = c.notifications.find((x) => x.id === fate.find((f) => f.outcome === 'delivered')?.notificationId);
            if (n) expect(n.incidentIds).toContain(t.incident.id);
          }
        }
      }),
      RUNS,
    );
  });

  it('delivers nothing but criticals during quiet hours', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cfg }) => {
        for (const c of play(steps, cfg.s, cfg.offset)) {
          for (const n of c.notifications) {
            if (isQuiet(n.at, cfg.s.quietHours, cfg.offset)) expect(n.severity).toBe('critical');
          }
        }
      }),
      RUNS,
    );
  });

  it('makes burst summaries whose per-severity counts add up to the number in the title and the incidents covered', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cfg }) => {
        for (const c of play(steps, cfg.s, cfg.offset)) {
          for (const n of c.notifications.filter((x) => x.kind === 'summary')) {
            const total = Number(/^(\d+) new alerts$/.exec(n.title)?.[1]);
            const counts = [...(n.body.split('\n')[0] ?? '').matchAll(/(\d+) (critical|high|warning|info)/g)].map((m) => Number(m[1]));
            expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
            expect(n.incidentIds).toHaveLength(total);
            expect(total).toBeGreaterThanOrEqual(2);
            expect(n.severity).not.toBe('critical');
          }
        }
      }),
      RUNS,
    );
  });

  it('tells a resolve only after having told the opening of the same incident', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cfg }) => {
        const told = new Set<string>();
        for (const c of play(steps, cfg.s, cfg.offset)) {
          for (const n of c.notifications) {
            if (n.kind === 'resolved') expect(told.has(n.incidentIds[0] as string)).toBe(true);
            else for (const id of n.incidentIds) told.add(id);
          }
        }
      }),
      RUNS,
    );
  });
});
