import { beforeEach, describe, expect, it } from 'vitest';
import { decide, initialPolicyState, type PolicyState, type PolicyTransition } from '../../../src/main/engine/notify/policy';
import type { NotificationView } from '../../../src/shared/api';
import type { NotifySettings } from '../../../src/shared/config-schema';
import { resetSeq, settings, T0, tr } from './helpers';

const SEC = 1000;
const MIN = 60_000;

/** Feeds decide step by step, keeping the state as JSON in between (as a restart would). */
function runner(s: NotifySettings, utcOffsetMinutes = 0) {
  let state: PolicyState = initialPolicyState();
  const all: NotificationView[] = [];
  return {
    step(now: number, transitions: PolicyTransition[] = []): NotificationView[] {
      const d = decide(state, { transitions, now, settings: s, utcOffsetMinutes });
      state = JSON.parse(JSON.stringify(d.state)) as PolicyState;
      all.push(...d.notifications);
      return d.notifications;
    },
    all,
    state: () => state,
  };
}

beforeEach(() => resetSeq());

describe('decide', () => {
  it('notifies a new incident once, and a transition fed twice only once', () => {
    const r = runner(settings());
    const open = tr('open', T0, { id: 'a', severity: 'high', brand: 'acme', title: 'DB down' });
    expect(r.step(T0, [open])).toMatchObject([{ title: 'DB down', severity: 'high', kind: 'open', brand: 'acme', incidentIds: ['a'], body: 'high alert in acme' }]);
    expect(r.step(T0 + SEC, [open])).toEqual([]);
  });

  it('applies the minimum severity of the brand route, else the global one', () => {
    const r = runner(settings({ minSeverity: 'high', routes: [{ brand: 'acme', minSeverity: 'info' }] }));
    const out = r.step(T0, [
      tr('open', T0, { id: 'a', severity: 'info', brand: 'acme' }),
      tr('open', T0, { id: 'b', severity: 'warning', brand: 'bizoholic' }),
    ]);
    expect(out.map((n) => n.incidentIds[0])).toEqual(['a']);
  });

  it('tells a resolve only for an incident whose opening was told, and only when resolved notifications are on', () => {
    const r = runner(settings({ minSeverity: 'high', routes: [{ brand: 'quiet', resolved: false, minSeverity: 'high' }] }));
    r.step(T0, [tr('open', T0, { id: 'a' }), tr('open', T0, { id: 'low', severity: 'info' })]);
    r.step(T0 + MIN, [tr('open', T0 + MIN, { id: 'q', brand: 'quiet' })]);
    const out = r.step(T0 + 2 * MIN, [
      tr('resolved', T0 + 2 * MIN, { id: 'a' }),
      tr('resolved', T0 + 2 * MIN, { id: 'low', severity: 'info' }),
      tr('resolved', T0 + 2 * MIN, { id: 'q', brand: 'quiet' }),
    ]);
    expect(out.map((n) => [n.kind, n.incidentIds[0], n.title])).toEqual([['resolved', 'a', 'Resolved: Incident a']]);
  });

  it('keeps quiet hours in the board timezone, but lets a critical through', () => {
    // 12:00 UTC is 17:30 in UTC+05:30; quiet 17:00–08:00 local
    const r = runner(settings({ quietHours: { from: '17:00', to: '08:00' } }), 330);
    const out = r.step(T0, [tr('open', T0, { id: 'w', severity: 'warning' }), tr('open', T0, { id: 'c', severity: 'critical' })]);
    expect(out.map((n) => n.incidentIds[0])).toEqual(['c']);
    const utc = runner(settings({ quietHours: { from: '17:00', to: '08:00' } }), 0);
    expect(utc.step(T0, [tr('open', T0, { id: 'w2', severity: 'warning' })])).toHaveLength(1);
  });

  it('turns a burst into one summary after the burst window, while criticals go out at once', () => {
    const r = runner(settings({ minSeverity: 'info' }));
    const first = r.step(T0, [
      tr('open', T0, { id: 'w1', severity: 'warning', brand: 'acme' }),
      tr('open', T0, { id: 'w2', severity: 'warning', brand: 'acme' }),
      tr('open', T0 + SEC, { id: 'c1', severity: 'critical', brand: 'bizoholic', title: 'Payments down' }),
      tr('open', T0 + SEC, { id: 'w3', severity: 'warning', brand: 'acme' }),
      tr('open', T0 + 2 * SEC, { id: 'h1', severity: 'high', brand: 'bizoholic' }),
      tr('open', T0 + 2 * SEC, { id: 'h2', severity: 'high', brand: 'bizoholic' }),
      tr('open', T0 + 3 * SEC, { id: 'i1', severity: 'info' }),
    ]);
    expect(first.map((n) => [n.kind, n.incidentIds.join()])).toEqual([
      ['open', 'w1'],
      ['open', 'w2'],
      ['open', 'c1'],
    ]);
    expect(r.step(T0 + 9 * SEC)).toEqual([]);
    const summary = r.step(T0 + 10 * SEC);
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ kind: 'summary', title: '4 new alerts', severity: 'high', incidentIds: ['w3', 'h1', 'h2', 'i1'] });
    expect(summary[0]!.body.split('\n')[0]).toBe('2 high in bizoholic, 1 warning in acme, 1 info');
  });

  it('mutes a flapping ref until it has been stable for the flap window, then tells it once if still open', () => {
    const r = runner(settings());
    const spec = { id: 'x', ref: 'svc', title: 'Incident x' };
    const told: string[] = [];
    for (let i = 0; i < 5; i++) {
      const at = T0 + i * 2 * MIN;
      const id = `x${i}`;
      told.push(...r.step(at, [tr('open', at, { ...spec, id })]).map((n) => n.title));
      if (i < 4) told.push(...r.step(at + MIN, [tr('resolved', at + MIN, { ...spec, id })]).map((n) => n.title));
    }
    expect(told).toEqual([
      'Incident x', 'Resolved: Incident x',
      'Incident x', 'Resolved: Incident x',
      'Incident x', 'Resolved: Incident x',
      'Incident x is flapping',
    ]);
    expect(r.step(T0 + 15 * MIN)).toEqual([]);
    const late = r.step(T0 + 18 * MIN);
    expect(late).toMatchObject([{ title: 'Incident x', incidentIds: ['x4'] }]);
    expect(late[0]!.body).toContain('stopped flapping');
    expect(r.step(T0 + 30 * MIN)).toEqual([]);
  });

  it('rate-limits per minute and sends what it held back as one summary when the rate allows', () => {
    const r = runner(settings({ ratePerMinute: 2 }));
    const told: NotificationView[] = [];
    for (let i = 0; i < 5; i++) {
      const at = T0 + i * 11 * SEC;
      told.push(...r.step(at, [tr('open', at, { id: `w${i}`, severity: 'warning' })]));
    }
    expect(told.map((n) => n.incidentIds.join())).toEqual(['w0', 'w1']);
    const later = r.step(T0 + 61 * SEC);
    expect(later).toMatchObject([{ kind: 'summary', incidentIds: ['w2', 'w3', 'w4'] }]);
  });

  it('never rate-limits a critical', () => {
    const r = runner(settings({ ratePerMinute: 1 }));
    const out = r.step(T0, [1, 2, 3, 4, 5].map((i) => tr('open', T0, { id: `c${i}`, severity: 'critical' })));
    expect(out).toHaveLength(5);
  });

  it('re-notifies an unacknowledged critical on escalation, but not while snoozed or silenced', () => {
    const r = runner(settings());
    r.step(T0, [tr('open', T0, { id: 'c', severity: 'critical' })]);
    const e = r.step(T0 + 5 * MIN, [tr('escalation', T0 + 5 * MIN, { id: 'c', severity: 'critical' }, 'timer')]);
    expect(e).toMatchObject([{ kind: 'escalation', title: 'Still unacknowledged: Incident c' }]);
    expect(r.step(T0 + 10 * MIN, [tr('escalation', T0 + 10 * MIN, { id: 'c', severity: 'critical', snoozedUntil: T0 + HOUR() }, 'timer')])).toEqual([]);
    expect(r.step(T0 + 15 * MIN, [tr('escalation', T0 + 15 * MIN, { id: 'c', severity: 'critical', silenced: true }, 'timer')])).toEqual([]);
  });

  it('tells a pipeline outage as a pipeline notification, with the sound of its route', () => {
    const r = runner(settings({ routes: [{ minSeverity: 'warning', sound: { info: 'tick.wav', warning: 'tick.wav', high: 'chime.wav', critical: 'siren.wav' } }] }));
    const out = r.step(T0, [tr('open', T0, { id: 'p', kind: 'pipeline', ref: 'prom', severity: 'high', title: 'Prometheus prom unreachable — wall is showing data 2m old' })]);
    expect(out).toMatchObject([{ kind: 'pipeline', sound: 'chime.wav', title: 'Prometheus prom unreachable — wall is showing data 2m old' }]);
  });

  it('does not tell a held incident that was acknowledged or resolved before the summary went out', () => {
    const r = runner(settings());
    r.step(T0, [1, 2, 3, 4, 5].map((i) => tr('open', T0, { id: `w${i}`, severity: 'warning' })));
    r.step(T0 + SEC, [tr('acknowledged', T0 + SEC, { id: 'w3', severity: 'warning' }), tr('resolved', T0 + SEC, { id: 'w4', severity: 'warning' })]);
    const out = r.step(T0 + 11 * SEC);
    expect(out).toMatchObject([{ kind: 'open', incidentIds: ['w5'] }]);
  });
});

function HOUR(): number {
  return 60 * MIN;
}
