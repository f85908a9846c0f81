import { afterEach, describe, expect, it } from 'vitest';
import { emptyBatch, type HealthResult, type SilenceRecord } from '../../../src/shared/model';
import { alert, alertBatch, metricBatch, T0, tempStore, type TempStore } from './temp-store';

let t: TempStore;
afterEach(() => t?.cleanup());

const fps = (list: { fingerprint: string }[]) => list.map((a) => a.fingerprint).sort();

describe('alert intervals', () => {
  it('opens an interval when an alert appears and closes it when it disappears or resolves', () => {
    t = tempStore();
    t.store.writeBatch(alertBatch('am', T0, [alert('a', 'am'), alert('b', 'am')]));
    t.store.writeBatch(alertBatch('am', T0 + 100, [alert('a', 'am'), alert('b', 'am', { state: 'resolved' })]));
    t.store.writeBatch(alertBatch('am', T0 + 200, []));
    expect(fps(t.store.alertsAt(T0 - 1))).toEqual([]);
    expect(fps(t.store.alertsAt(T0))).toEqual(['a', 'b']);
    expect(fps(t.store.alertsAt(T0 + 150))).toEqual(['a']);
    expect(fps(t.store.alertsAt(T0 + 200))).toEqual([]);
  });

  it('keeps the alerts of a source whose poll failed as they were', () => {
    t = tempStore();
    t.store.writeBatch(alertBatch('am', T0, [alert('a', 'am')]));
    t.store.writeBatch(alertBatch('am', T0 + 100, undefined));
    t.store.writeBatch(alertBatch('am', T0 + 200, undefined));
    expect(fps(t.store.alertsAt(T0 + 250))).toEqual(['a']);
  });

  it('stops showing the alerts and silences of a source that left the board, and keeps its past', () => {
    t = tempStore();
    const silence: SilenceRecord = { id: 's1', source: 'am', state: 'active', startsAt: T0, endsAt: T0 + 10_000, matchers: [], createdBy: 'noc', comment: '' };
    t.store.writeBatch({ ...alertBatch('am', T0, [alert('a', 'am')]), silences: [silence] });
    t.store.writeBatch(alertBatch('other', T0, [alert('b', 'other')]));
    t.store.closeSource('am', T0 + 100);
    expect(fps(t.store.alertsAt(T0 + 50))).toEqual(['a', 'b']);
    expect(t.store.silencesAt(T0 + 50).map((s) => s.id)).toEqual(['s1']);
    expect(fps(t.store.alertsAt(T0 + 100))).toEqual(['b']);
    expect(t.store.silencesAt(T0 + 100)).toEqual([]);
    // and after a restart
    t.reopen();
    expect(fps(t.store.alertsAt(T0 + 200))).toEqual(['b']);
  });

  it('rebuilds what was shown at T when an alert changed state, silence or annotations', () => {
    t = tempStore();
    t.store.writeBatch(alertBatch('am', T0, [alert('a', 'am', { annotations: { summary: 'disk 91%' } })]));
    t.store.writeBatch(alertBatch('am', T0 + 100, [alert('a', 'am', { annotations: { summary: 'disk 91%' }, endsAt: T0 + 999 })]));
    t.store.writeBatch(alertBatch('am', T0 + 200, [alert('a', 'am', { state: 'suppressed', silencedBy: ['s1'], annotations: { summary: 'disk 95%' } })]));
    const at150 = t.store.alertsAt(T0 + 150);
    expect(at150).toHaveLength(1);
    expect(at150[0]).toMatchObject({ state: 'firing', silencedBy: [], annotations: { summary: 'disk 91%' } });
    expect(t.store.alertsAt(T0 + 200)[0]).toMatchObject({ state: 'suppressed', silencedBy: ['s1'], annotations: { summary: 'disk 95%' } });
    // an endsAt that moves on every resend is not a change of what is shown
    expect(t.store.db.prepare('SELECT count(*) AS n FROM alert_intervals').get()).toEqual({ n: 2 });
  });

  it('shows an alert seen by two Alertmanagers once, silenced when either silences it', () => {
    t = tempStore();
    t.store.writeBatch(alertBatch('am1', T0, [alert('x', 'am1'), alert('only1', 'am1')]));
    t.store.writeBatch(alertBatch('am2', T0, [alert('x', 'am2', { state: 'suppressed', silencedBy: ['s9'] })]));
    const shown = t.store.alertsAt(T0 + 1);
    expect(fps(shown)).toEqual(['only1', 'x']);
    expect(shown.find((a) => a.fingerprint === 'x')).toMatchObject({ state: 'suppressed', silencedBy: ['s9'] });
    // one source going quiet about x does not hide it while the other still reports it
    t.store.writeBatch(alertBatch('am2', T0 + 10, []));
    expect(t.store.alertsAt(T0 + 11).find((a) => a.fingerprint === 'x')).toMatchObject({ state: 'firing', silencedBy: [] });
  });
});

describe('silences', () => {
  const silence = (id: string, state: SilenceRecord['state']): SilenceRecord => ({
    id, source: 'am', matchers: [{ name: 'alertname', value: 'X', isRegex: false, isEqual: true }], startsAt: T0, endsAt: T0 + 3_600_000, createdBy: 'me', comment: 'maint', state,
  });

  it('shows active silences at T, once per id across sources, and drops expired ones', () => {
    t = tempStore();
    t.store.writeBatch({ ...emptyBatch('am', 'alertmanager', T0), silences: [silence('s1', 'active')] });
    t.store.writeBatch({ ...emptyBatch('am2', 'alertmanager', T0), silences: [{ ...silence('s1', 'active'), source: 'am2' }] });
    t.store.writeBatch({ ...emptyBatch('am', 'alertmanager', T0 + 100), silences: [silence('s1', 'expired')] });
    t.store.writeBatch({ ...emptyBatch('am2', 'alertmanager', T0 + 100), silences: [] });
    expect(t.store.silencesAt(T0 + 50).map((s) => s.id)).toEqual(['s1']);
    expect(t.store.silencesAt(T0 + 100)).toEqual([]);
  });
});

describe('health, outcomes and source status', () => {
  const h = (targetId: string, at: number, state: HealthResult['state']): HealthResult => ({
    targetId, source: 'h', at, observed: state, state, latencyMs: 12, failures: [], services: {},
  });

  it('gives the newest health result per target at T', () => {
    t = tempStore();
    t.store.writeBatch({ ...emptyBatch('h', 'health', T0), health: [h('api', T0, 'healthy'), h('web', T0, 'healthy')] });
    t.store.writeBatch({ ...emptyBatch('h', 'health', T0 + 30), health: [h('api', T0 + 30, 'unhealthy')] });
    expect(t.store.healthAt(T0 + 10).map((r) => [r.targetId, r.state])).toEqual([['api', 'healthy'], ['web', 'healthy']]);
    expect(t.store.healthAt(T0 + 30).map((r) => [r.targetId, r.state])).toEqual([['api', 'unhealthy'], ['web', 'healthy']]);
    expect(t.store.healthAt(T0 - 1)).toEqual([]);
  });

  it('answers the outcome of the newest poll of a query at T', () => {
    t = tempStore();
    const q = (ok: boolean, at: number) =>
      t.store.writeBatch({ ...metricBatch('p', at, []), queries: [{ source: 'p', query: 'up', outcome: ok ? { ok: true } : { ok: false, reason: 'parse error' } }] });
    q(true, T0);
    q(true, T0 + 15);
    q(false, T0 + 30);
    q(false, T0 + 45);
    q(true, T0 + 60);
    expect(t.store.queryOutcomeAt('p', 'up', T0 - 1)).toBeUndefined();
    expect(t.store.queryOutcomeAt('p', 'up', T0 + 20)).toEqual({ ok: true, at: T0 + 15 });
    expect(t.store.queryOutcomeAt('p', 'up', T0 + 50)).toEqual({ ok: false, reason: 'parse error', at: T0 + 45 });
    expect(t.store.queryOutcomeAt('p', 'up', T0 + 70)).toEqual({ ok: true, at: T0 + 60 });
    expect(t.store.db.prepare('SELECT count(*) AS n FROM query_outcomes').get()).toEqual({ n: 3 });
  });

  it('records a query again after retention deleted the run it last extended', () => {
    t = tempStore();
    const q = (at: number) => t.store.writeBatch({ ...metricBatch('p', at, []), queries: [{ source: 'p', query: 'up', outcome: { ok: true } }] });
    q(T0);
    q(T0 + 15);
    // the run's last poll is older than the cut: retention deletes it while the store remembers it
    t.store.db.prepare('DELETE FROM query_outcomes').run();
    q(T0 + 30);
    q(T0 + 45);
    expect(t.store.queryOutcomeAt('p', 'up', T0 + 50)).toEqual({ ok: true, at: T0 + 45 });
    expect(t.store.db.prepare('SELECT at, last_at FROM query_outcomes').all()).toEqual([{ at: T0 + 30, last_at: T0 + 45 }]);
  });

  it('reports last attempt, last success and the reason of a failing source as of T', () => {
    t = tempStore();
    const poll = (at: number, ok: boolean) =>
      t.store.writeBatch({ ...emptyBatch('p', 'prometheus', at), status: ok ? { ok: true } : { ok: false, reason: 'ECONNREFUSED' } });
    poll(T0, true);
    poll(T0 + 15, true);
    poll(T0 + 30, false);
    poll(T0 + 45, false);
    expect(t.store.sourceStatusAt(T0 - 1)).toEqual([]);
    expect(t.store.sourceStatusAt(T0 + 20)).toEqual([{ sourceId: 'p', kind: 'prometheus', lastAttempt: T0 + 15, lastSuccess: T0 + 15 }]);
    expect(t.store.sourceStatusAt(T0 + 100)).toEqual([
      { sourceId: 'p', kind: 'prometheus', lastAttempt: T0 + 45, lastSuccess: T0 + 15, reason: 'ECONNREFUSED' },
    ]);
  });
});
