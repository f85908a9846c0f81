import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIncidentTracker } from '../../../src/main/engine/alerts/tracker';
import type { IncidentTracker, IncidentTransition } from '../../../src/main/engine/alerts/types';
import { openStore, type Store } from '../../../src/main/engine/store/index';
import { alert, health, source, tempStore, testBoard } from './helpers';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

let store: Store;
let file: string;
let cleanup: () => void;
let clock: number;
let tracker: IncidentTracker;
let seen: IncidentTransition[];

function newTracker(s: Store = store): IncidentTracker {
  return createIncidentTracker({ db: s.db, board: testBoard(), now: () => clock, author: 'ops', onTransition: (t) => seen.push(t) });
}

beforeEach(() => {
  ({ store, file, cleanup } = tempStore());
  clock = T0;
  seen = [];
  tracker = newTracker();
});
afterEach(() => cleanup());

describe('alert incidents', () => {
  it('opens one incident per firing alert with title, severity and brand from the record, and resolves it when the alert leaves the set', () => {
    const opened = tracker.observe({ at: T0, alerts: [alert('a1'), alert('a2', { severity: 'warning', labels: { alertname: 'Slow' }, annotations: {} })] });
    expect(opened.map((t) => [t.from, t.to, t.incident.ref])).toEqual([
      [null, 'open', 'a1'],
      [null, 'open', 'a2'],
    ]);
    const a1 = opened[0]!.incident;
    expect(a1).toMatchObject({ kind: 'alert', title: 'Alerta1: Summary of a1', severity: 'critical', brand: 'bizoholic', status: 'open', openedAt: T0, silenced: false });
    expect(opened[1]!.incident).toMatchObject({ title: 'Slow', severity: 'warning' });
    expect(opened[1]!.incident.brand).toBeUndefined();

    const resolved = tracker.observe({ at: T0 + MIN, alerts: [alert('a1')] });
    expect(resolved.map((t) => [t.from, t.to, t.incident.ref, t.incident.resolvedAt])).toEqual([['open', 'resolved', 'a2', T0 + MIN]]);
    expect(tracker.observe({ at: T0 + 2 * MIN, alerts: [alert('a1')] })).toEqual([]);
    expect(tracker.list().map((i) => i.ref)).toEqual(['a1']);
  });

  it('does not open pending alerts and treats one alert reported by two Alertmanagers as one incident', () => {
    const out = tracker.observe({
      at: T0,
      alerts: [alert('p', { state: 'pending' }), alert('ha', { source: 'am1' }), alert('ha', { source: 'am2', severity: 'high' })],
    });
    expect(out).toHaveLength(1);
    expect(out[0]!.incident).toMatchObject({ ref: 'ha', severity: 'critical' });
  });

  it('creates a new incident when a resolved alert fires again, keeping the old one as history', () => {
    const first = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    tracker.observe({ at: T0 + MIN, alerts: [] });
    const again = tracker.observe({ at: T0 + 2 * MIN, alerts: [alert('a1')] });
    expect(again).toHaveLength(1);
    expect(again[0]!.incident.id).not.toBe(first.id);
    const all = tracker.list({ includeResolved: true });
    expect(all.map((i) => [i.id, i.status])).toEqual([
      [first.id, 'resolved'],
      [again[0]!.incident.id, 'open'],
    ]);
  });

  it('shows silenced only once Alertmanager reports the alert silenced, without a transition', () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    const out = tracker.observe({ at: T0 + MIN, alerts: [alert('a1', { state: 'suppressed', silencedBy: ['s-1'] })] });
    expect(out).toEqual([]);
    expect(tracker.get(inc.id)?.silenced).toBe(true);
  });

  it('keeps the alerts of an unreachable Alertmanager open, and resolves them once it answers again without them', () => {
    tracker.observe({ at: T0, alerts: [alert('a1', { source: 'am1' }), alert('b1', { source: 'am2' })] });
    const blind = tracker.observe({
      at: T0 + MIN,
      sources: [source('am1', 'down', { kind: 'alertmanager', dataAgeMs: MIN, reason: 'connection refused' })],
      alerts: [alert('b1', { source: 'am2' })],
    });
    expect(blind.map((t) => [t.incident.kind, t.to])).toEqual([['pipeline', 'open']]);
    expect(tracker.list().map((i) => i.ref).sort()).toEqual(['a1', 'am1', 'b1']);

    const back = tracker.observe({ at: T0 + 2 * MIN, sources: [source('am1', 'ok', { kind: 'alertmanager' })], alerts: [alert('b1', { source: 'am2' })] });
    expect(back.map((t) => [t.incident.ref, t.to])).toEqual([
      ['am1', 'resolved'],
      ['a1', 'resolved'],
    ]);
  });

  it('accepts one source\'s alerts at a time: an alert two sources report resolves once both report without it', () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('ha', { source: 'am1' }), alert('ha', { source: 'am2' })] })[0]!.incident;
    expect(tracker.observe({ at: T0 + MIN, alerts: [alert('only2', { source: 'am2' })], alertSources: ['am2'] }).map((t) => t.incident.ref)).toEqual(['only2']);
    expect(tracker.get(inc.id)?.status).toBe('open');
    expect(tracker.observe({ at: T0 + 2 * MIN, alerts: [], alertSources: ['am1'] }).map((t) => [t.incident.ref, t.to])).toEqual([['ha', 'resolved']]);
    expect(tracker.list().map((i) => i.ref)).toEqual(['only2']);
  });
});

describe('pipeline, health and threshold incidents', () => {
  it('opens one pipeline incident per blind source, titled with the data age, and never re-announces it while it stays blind', () => {
    const out = tracker.observe({ at: T0, sources: [source('prom', 'down', { dataAgeMs: 2 * MIN, reason: 'connection refused' }), source('hc', 'down', { kind: 'health' })] });
    expect(out).toHaveLength(1);
    expect(out[0]!.incident).toMatchObject({ kind: 'pipeline', ref: 'prom', severity: 'high', title: 'Prometheus prom unreachable — wall is showing data 2m old' });
    expect(tracker.observe({ at: T0 + MIN, sources: [source('prom', 'stale', { dataAgeMs: 3 * MIN })] })).toEqual([]);
    expect(tracker.get(out[0]!.incident.id)?.title).toBe('Prometheus prom is stale — wall is showing data 3m old');
    expect(tracker.observe({ at: T0 + 2 * MIN, sources: [source('prom', 'ok')] }).map((t) => t.to)).toEqual(['resolved']);
  });

  it('maps unhealthy to high and degraded to warning, escalates when it gets worse and resolves when healthy', () => {
    const a = tracker.observe({ at: T0, health: [health('shop', 'degraded', T0, { brand: 'acme', name: 'Shop' })] });
    expect(a[0]!.incident).toMatchObject({ kind: 'health', ref: 'shop', severity: 'warning', brand: 'acme' });
    const b = tracker.observe({ at: T0 + MIN, health: [health('shop', 'unhealthy', T0 + MIN, { brand: 'acme', name: 'Shop' })] });
    expect(b.map((t) => [t.to, t.reason, t.incident.severity])).toEqual([['escalation', 'severity', 'high']]);
    expect(tracker.observe({ at: T0 + 2 * MIN, health: [health('other', 'healthy', T0)] })).toEqual([]);
    const c = tracker.observe({ at: T0 + 3 * MIN, health: [health('shop', 'healthy', T0 + 3 * MIN)] });
    expect(c.map((t) => t.to)).toEqual(['resolved']);
  });

  it('leaves a threshold incident alone while the panel has no data, and resolves it when no threshold is crossed', () => {
    const t = { panelId: 'cpu', brand: 'acme', title: 'CPU' };
    const open = tracker.observe({ at: T0, thresholds: [{ ...t, severity: 'critical', value: 97.25 }] });
    expect(open[0]!.incident).toMatchObject({ kind: 'threshold', ref: 'cpu', panelId: 'cpu', severity: 'critical', title: 'CPU crossed the critical threshold (97.3)' });
    expect(tracker.observe({ at: T0 + MIN, thresholds: [{ ...t, severity: undefined, value: null }] })).toEqual([]);
    expect(tracker.observe({ at: T0 + 2 * MIN, thresholds: [{ ...t, severity: undefined, value: 10 }] }).map((x) => x.to)).toEqual(['resolved']);
  });

  it('escalates a threshold once when it first rises to a worse severity, not on every oscillation', () => {
    const t = { panelId: 'cpu', title: 'CPU' };
    tracker.observe({ at: T0, thresholds: [{ ...t, severity: 'warning', value: 80 }] });
    const rises: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const sev = i % 2 === 1 ? 'critical' : 'warning';
      const out = tracker.observe({ at: T0 + i * MIN, thresholds: [{ ...t, severity: sev, value: sev === 'critical' ? 95 : 80 }] });
      rises.push(...out.map((x) => `${x.to}:${x.incident.severity}`));
    }
    expect(rises).toEqual(['escalation:critical']);
    expect(tracker.list()[0]?.severity).toBe('warning');
  });

  it('opens anomaly incidents as info or warning by score', () => {
    const out = tracker.observe({
      at: T0,
      anomalies: [
        { ref: 'k1', title: 'Orders', score: 0.95, flagged: true, explanation: 'drop vs last week' },
        { ref: 'k2', title: 'Latency', score: 0.5, flagged: true },
        { ref: 'k3', title: 'Quiet', score: 0.99, flagged: false },
      ],
    });
    expect(out.map((t) => [t.incident.ref, t.incident.severity])).toEqual([
      ['k1', 'warning'],
      ['k2', 'info'],
    ]);
  });
});

describe('actions', () => {
  it('acknowledges with who, when and note, and reports the transition', () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    clock = T0 + MIN;
    const r = tracker.ack(inc.id, 'on it');
    expect(r.ok && r.incident).toMatchObject({ status: 'acknowledged', ack: { by: 'ops', at: T0 + MIN, note: 'on it' } });
    expect(seen.at(-1)).toMatchObject({ from: 'open', to: 'acknowledged' });
    const other = tracker.ack(inc.id, undefined, 'alice');
    expect(other.ok && other.incident.ack?.by).toBe('alice');
    expect(seen.filter((t) => t.to === 'acknowledged')).toHaveLength(1);
  });

  it('refuses to act on unknown or resolved incidents', () => {
    expect(tracker.ack('nope')).toMatchObject({ ok: false, status: 404 });
    const inc = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    tracker.observe({ at: T0 + MIN, alerts: [] });
    expect(tracker.ack(inc.id)).toMatchObject({ ok: false, status: 400 });
    expect(tracker.snooze(inc.id, T0 + 10 * MIN)).toMatchObject({ ok: false, status: 400 });
  });

  it('escalates an unacknowledged critical every escalateAfter, but not while snoozed, acknowledged or for lesser severities', () => {
    const [crit, warn] = tracker.observe({ at: T0, alerts: [alert('c'), alert('w', { severity: 'warning' })] }).map((t) => t.incident);
    expect(tracker.tick(T0 + 5 * MIN - 1)).toEqual([]);
    const e1 = tracker.tick(T0 + 5 * MIN);
    expect(e1.map((t) => [t.incident.id, t.to, t.reason])).toEqual([[crit!.id, 'escalation', 'timer']]);
    expect(tracker.tick(T0 + 6 * MIN)).toEqual([]);
    clock = T0 + 6 * MIN;
    tracker.snooze(crit!.id, T0 + 30 * MIN);
    expect(tracker.tick(T0 + 20 * MIN)).toEqual([]);
    expect(tracker.tick(T0 + 30 * MIN)).toHaveLength(1);
    tracker.ack(crit!.id);
    expect(tracker.tick(T0 + 60 * MIN)).toEqual([]);
    expect(warn!.severity).toBe('warning');
  });

  it('prunes resolved incidents older than the cut-off with their history', () => {
    tracker.observe({ at: T0, alerts: [alert('old')] });
    tracker.observe({ at: T0 + MIN, alerts: [alert('new')] });
    expect(tracker.prune(T0 + 2 * MIN)).toBe(1);
    expect(tracker.list({ includeResolved: true }).map((i) => i.ref)).toEqual(['new']);
    const rows = store.db.prepare('SELECT count(*) AS n FROM incident_history').get() as { n: number };
    expect(rows.n).toBe(1);
  });
});

describe('persistence and replay', () => {
  it('resumes open incidents after a restart without announcing them again', () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    store.close();
    const reopened = openStore({ file, retentionMs: 86_400_000 });
    try {
      const t2 = newTracker(reopened);
      expect(t2.list().map((i) => i.id)).toEqual([inc.id]);
      expect(t2.observe({ at: T0 + MIN, alerts: [alert('a1')] })).toEqual([]);
      expect(t2.tick(T0 + 5 * MIN).map((t) => t.incident.id)).toEqual([inc.id]);
    } finally {
      reopened.close();
    }
  });

  it('lists incidents as they were at a past time', () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    clock = T0 + 2 * MIN;
    tracker.ack(inc.id, 'looking');
    tracker.observe({ at: T0 + 3 * MIN, alerts: [alert('a1', { state: 'suppressed', silencedBy: ['x'] })] });
    tracker.observe({ at: T0 + 4 * MIN, alerts: [] });

    expect(tracker.list({ at: T0 - 1 })).toEqual([]);
    expect(tracker.list({ at: T0 + MIN })).toMatchObject([{ id: inc.id, status: 'open', silenced: false }]);
    expect(tracker.list({ at: T0 + 2 * MIN })).toMatchObject([{ status: 'acknowledged', ack: { note: 'looking' }, silenced: false }]);
    expect(tracker.list({ at: T0 + 3 * MIN })).toMatchObject([{ status: 'acknowledged', silenced: true }]);
    expect(tracker.list({ at: T0 + 5 * MIN })).toEqual([]);
    expect(tracker.list({ at: T0 + 5 * MIN, includeResolved: true })).toMatchObject([{ status: 'resolved', resolvedAt: T0 + 4 * MIN }]);
  });
});
