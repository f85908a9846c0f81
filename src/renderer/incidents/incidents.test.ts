import { describe, expect, it } from 'vitest';
import type { EngineApi, EngineRequests, RequestName } from '../../shared/api';
import type { Incident } from '../../shared/model';
import { runIncidentAction } from './actions';
import { annotationLines, bannerIncident, bannerText, canSilence, canUnsilence, labelChips, openCount, sortIncidents } from './incident-view';
import { createIncidentsStore, effectiveIncidents } from './store';

const T0 = 1_700_000_000_000; // ms

function inc(id: string, over: Partial<Incident> = {}): Incident {
  return {
    id,
    kind: 'alert',
    ref: `fp-${id}`,
    title: `Incident ${id}`,
    severity: 'warning',
    labels: {},
    annotations: {},
    status: 'open',
    openedAt: T0,
    silenced: false,
    silenceIds: [],
    ...over,
  };
}

describe('incident list for the drawer', () => {
  it('puts what needs attention first, worst then newest, then muted, acknowledged and resolved', () => {
    const list = [
      inc('ack', { status: 'acknowledged', severity: 'critical' }),
      inc('warn-old', { openedAt: T0 - 60_000 }),
      inc('crit', { severity: 'critical', openedAt: T0 - 120_000 }),
      inc('snoozed', { severity: 'critical', snoozedUntil: T0 + 60_000 }),
      inc('warn-new', { openedAt: T0 }),
      inc('resolved', { status: 'resolved', severity: 'critical' }),
      inc('silenced', { severity: 'high', silenced: true }),
    ];
    expect(sortIncidents(list, T0).map((i) => i.id)).toEqual(['crit', 'warn-new', 'warn-old', 'snoozed', 'silenced', 'ack', 'resolved']);
  });

  it('counts only open, unmuted incidents on the toggle, with the worst severity', () => {
    const list = [inc('a', { severity: 'high' }), inc('b', { status: 'acknowledged', severity: 'critical' }), inc('c', { severity: 'critical', silenced: true })];
    expect(openCount(list, T0)).toEqual({ count: 1, worst: 'high' });
    expect(openCount([], T0)).toEqual({ count: 0, worst: null });
  });

  it('treats a snooze as over once its time has passed', () => {
    const i = inc('s', { severity: 'critical', snoozedUntil: T0 + 1_000 });
    expect(openCount([i], T0).count).toBe(0);
    expect(openCount([i], T0 + 1_000).count).toBe(1);
  });

  it('shows labels except those drawn elsewhere, and summary before description before the rest', () => {
    const i = inc('l', {
      labels: { alertname: 'X', severity: 'critical', brand: 'b', job: 'api', instance: 'h:1' },
      annotations: { runbook: 'r', description: 'd', summary: 's' },
    });
    expect(labelChips(i)).toEqual([
      { name: 'instance', value: 'h:1' },
      { name: 'job', value: 'api' },
    ]);
    expect(annotationLines(i).map((l) => l.name)).toEqual(['summary', 'description', 'runbook']);
  });

  it('offers Alertmanager silence only for alerts, and unsilence only when silenced', () => {
    expect(canSilence(inc('a'))).toBe(true);
    expect(canSilence(inc('h', { kind: 'health' }))).toBe(false);
    expect(canSilence(inc('s', { silenced: true }))).toBe(false);
    expect(canUnsilence(inc('s', { silenced: true }))).toBe(true);
    expect(canUnsilence(inc('a'))).toBe(false);
  });

  it('puts the newest active critical on the kiosk banner and counts the others', () => {
    const list = [
      inc('old', { severity: 'critical', openedAt: T0 - 10_000 }),
      inc('new', { severity: 'critical', openedAt: T0 }),
      inc('acked', { severity: 'critical', status: 'acknowledged', openedAt: T0 + 1 }),
      inc('high', { severity: 'high', openedAt: T0 + 2 }),
    ];
    expect(bannerIncident(list, T0)).toEqual({ incident: list[1], more: 1 });
    expect(bannerIncident([list[2] as Incident, list[3] as Incident], T0)).toBeNull();
  });
});

describe('incident store', () => {
  it('opens the drawer on the incident a notification click names, and forgets it once closed', () => {
    const s = createIncidentsStore();
    s.getState().openDrawerOn('i2');
    expect(s.getState()).toMatchObject({ drawerOpen: true, focusedId: 'i2' });
    s.getState().openDrawerOn(undefined); // a summary: the list, no incident marked
    expect(s.getState()).toMatchObject({ drawerOpen: true, focusedId: null });
    s.getState().openDrawerOn('i3');
    s.getState().setDrawerOpen(false);
    expect(s.getState()).toMatchObject({ drawerOpen: false, focusedId: null });
  });

  it('ignores a list from a request older than the one it shows', () => {
    const store = createIncidentsStore();
    store.getState().acceptList([inc('new')], 200);
    store.getState().acceptList([inc('old')], 100);
    expect(store.getState().list.map((i) => i.id)).toEqual(['new']);
  });

  it('shows an action answer at once and drops it when a newer list agrees', () => {
    const store = createIncidentsStore();
    store.getState().acceptList([inc('a')], 100);
    const acked = inc('a', { status: 'acknowledged', ack: { by: 'me', at: T0 } });
    store.getState().acceptIncident(acked, 150);
    let s = store.getState();
    expect(effectiveIncidents(s.list, s.overrides)[0]?.status).toBe('acknowledged');
    // a snapshot requested before the ack still says open: the answer stays on screen
    s.acceptList([inc('a')], 160);
    s = store.getState();
    expect(effectiveIncidents(s.list, s.overrides)[0]?.status).toBe('acknowledged');
    // the engine now agrees: nothing is overridden any more
    s.acceptList([acked], 170);
    expect(Object.keys(store.getState().overrides)).toEqual([]);
  });

  it('drops an action answer when a newer list no longer has the incident (resolved)', () => {
    const store = createIncidentsStore();
    store.getState().acceptList([inc('a')], 100);
    store.getState().acceptIncident(inc('a', { status: 'acknowledged' }), 150);
    store.getState().acceptList([], 200);
    expect(store.getState().overrides).toEqual({});
  });
});

function fakeApi(answer: (name: RequestName, args: unknown) => Promise<Incident>) {
  const calls: { name: RequestName; args: unknown }[] = [];
  const api: Pick<EngineApi, 'request'> = {
    request: (<K extends RequestName>(name: K, args: EngineRequests[K]['args']) => {
      calls.push({ name, args });
      return answer(name, args);
    }) as EngineApi['request'],
  };
  return { api, calls };
}

describe('incident actions', () => {
  it('sends each action with its arguments and shows the answer', async () => {
    const store = createIncidentsStore();
    store.getState().acceptList([inc('a')], 1);
    const { api, calls } = fakeApi(async (name) => inc('a', name === 'ack' ? { status: 'acknowledged' } : { silenced: name === 'silence' }));
    expect(await runIncidentAction(api, store, { t: 'ack', id: 'a', note: 'on it' }, () => 10)).toBe(true);
    await runIncidentAction(api, store, { t: 'ack', id: 'a' }, () => 11);
    await runIncidentAction(api, store, { t: 'snooze', id: 'a', until: T0 + 900_000 }, () => 12);
    await runIncidentAction(api, store, { t: 'silence', id: 'a', durationMs: 3_600_000, comment: 'maintenance' }, () => 13);
    await runIncidentAction(api, store, { t: 'unsilence', id: 'a' }, () => 14);
    expect(calls).toEqual([
      { name: 'ack', args: { id: 'a', note: 'on it' } },
      { name: 'ack', args: { id: 'a' } },
      { name: 'snooze', args: { id: 'a', until: T0 + 900_000 } },
      { name: 'silence', args: { id: 'a', duration: 3_600_000, comment: 'maintenance' } },
      { name: 'unsilence', args: { id: 'a' } },
    ]);
    expect(store.getState().pending).toEqual({});
  });

  it('shows the engine error on the row and keeps the incident as it was', async () => {
    const store = createIncidentsStore();
    store.getState().acceptList([inc('a')], 1);
    const { api } = fakeApi(() => Promise.reject(new Error('silence: 502 alertmanager am1 unreachable')));
    expect(await runIncidentAction(api, store, { t: 'silence', id: 'a', durationMs: 1, comment: 'c' })).toBe(false);
    const s = store.getState();
    expect(s.errors['a']).toBe('silence: 502 alertmanager am1 unreachable');
    expect(effectiveIncidents(s.list, s.overrides)[0]?.silenced).toBe(false);
    expect(s.pending).toEqual({});
  });

  it('does not send a second action for an incident while one is in flight', async () => {
    const store = createIncidentsStore();
    let release: (i: Incident) => void = () => undefined;
    const { api, calls } = fakeApi(() => new Promise<Incident>((r) => (release = r)));
    const first = runIncidentAction(api, store, { t: 'silence', id: 'a', durationMs: 1, comment: 'c' });
    expect(await runIncidentAction(api, store, { t: 'silence', id: 'a', durationMs: 1, comment: 'c' })).toBe(false);
    release(inc('a', { silenced: true }));
    expect(await first).toBe(true);
    expect(calls).toHaveLength(1);
  });
});

describe('kiosk banner text', () => {
  it('heads an alert with its name and puts the summary below', () => {
    const i = inc('a', { title: 'CheckoutErrorRateHigh: error rate 7%', labels: { alertname: 'CheckoutErrorRateHigh' }, annotations: { summary: 'error rate 7%' } });
    expect(bannerText(i)).toEqual({ headline: 'CheckoutErrorRateHigh', detail: 'error rate 7%' });
  });

  it('keeps any other title whole and never repeats it below', () => {
    const pipeline = inc('p', { kind: 'pipeline', title: 'Prometheus unreachable — wall is showing data 2m old' });
    expect(bannerText(pipeline)).toEqual({ headline: pipeline.title, detail: undefined });
    const summaryOnly = inc('s', { title: 'error rate 7%', labels: { alertname: 'X' }, annotations: { summary: 'error rate 7%' } });
    expect(bannerText(summaryOnly)).toEqual({ headline: 'error rate 7%', detail: undefined });
  });
});
