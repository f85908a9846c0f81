import { afterEach, describe, expect, it } from 'vitest';
import { createAlertmanagerSource, mapAlertmanagerAlerts, mapAlertmanagerSilences } from '../../../src/main/engine/sources/alertmanager';
import { closedPort, fixture, startStub, type Stub } from './stub-server';
import { ctxFor, makeBoard } from './board';

interface RawAlert {
  fingerprint: string;
  labels: Record<string, string>;
  startsAt: string;
  status: { state: string; silencedBy: string[] };
}
const rawAlerts = (): RawAlert[] => JSON.parse(fixture('alertmanager', 'alerts').body) as RawAlert[];
// why: while the recording ran; an active alert's endsAt (its resolve timeout) lies after this
const NOW = Date.parse(rawAlerts()[0]!.startsAt) + 1000;

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('mapAlertmanagerAlerts on a recorded /api/v2/alerts', () => {
  it('maps firing and silenced alerts with fingerprint, state, silencedBy and severity', () => {
    const raw = rawAlerts();
    const r = mapAlertmanagerAlerts('am', raw, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.alerts.map((a) => a.fingerprint)).toEqual(raw.map((a) => a.fingerprint));
    const firing = r.alerts.find((a) => a.labels.alertname === 'AlwaysFiring')!;
    expect(firing).toMatchObject({ source: 'am', state: 'firing', severity: 'critical', silencedBy: [], inhibitedBy: [], annotations: { summary: 'Always firing, for tests' } });
    expect(firing.startsAt).toBe(Date.parse(raw.find((a) => a.labels.alertname === 'AlwaysFiring')!.startsAt));
    expect(firing.endsAt).toBeUndefined();
    const later = mapAlertmanagerAlerts('am', raw, NOW + 3_600_000);
    expect(later.ok && later.alerts[0]!.endsAt).toBe(Date.parse((raw[0] as unknown as { endsAt: string }).endsAt));
    const silenced = r.alerts.find((a) => a.labels.alertname === 'SilencedAlways')!;
    const silenceId = (JSON.parse(fixture('alertmanager', 'silence-create').body) as { silenceID: string }).silenceID;
    expect(silenced).toMatchObject({ state: 'suppressed', severity: 'info', silencedBy: [silenceId] });
  });

  it('rejects a body that is not an alert list', () => {
    expect(mapAlertmanagerAlerts('am', { alerts: [] }, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not an Alertmanager alert list/) });
  });

  it('cuts untrusted annotation text to 1 KiB', () => {
    const raw = rawAlerts();
    (raw[0] as unknown as { annotations: Record<string, string> }).annotations = { description: 'x'.repeat(5000) };
    const r = mapAlertmanagerAlerts('am', raw, NOW);
    expect(r.ok && r.alerts[0]!.annotations.description!.length).toBe(1024);
  });
});

describe('mapAlertmanagerSilences on a recorded /api/v2/silences', () => {
  it('maps an active silence with its matchers', () => {
    const r = mapAlertmanagerSilences('am', JSON.parse(fixture('alertmanager', 'silences').body), NOW - 86_400_000);
    expect(r).toMatchObject({
      ok: true,
      silences: [{ source: 'am', state: 'active', createdBy: 'fixtures-record', matchers: [{ name: 'alertname', value: 'SilencedAlways', isRegex: false, isEqual: true }] }],
    });
  });

  it('drops silences that expired before the retention window', () => {
    const raw = JSON.parse(fixture('alertmanager', 'silences').body) as { status: { state: string }; endsAt: string }[];
    raw[0]!.status.state = 'expired';
    const end = Date.parse(raw[0]!.endsAt);
    expect(mapAlertmanagerSilences('am', raw, end + 1)).toEqual({ ok: true, silences: [] });
    expect(mapAlertmanagerSilences('am', raw, end - 1)).toMatchObject({ ok: true, silences: [{ state: 'expired' }] });
  });
});

describe('alertmanager source', () => {
  it('asks for active, silenced and inhibited alerts and for silences', async () => {
    stub = await startStub((req) => fixture('alertmanager', req.path === '/api/v2/alerts' ? 'alerts' : 'silences'));
    const board = makeBoard({ sources: { alertmanager: [{ id: 'am', url: stub.url }] } });
    const batch = await createAlertmanagerSource(board.sources.alertmanager[0]!).poll(ctxFor(board, NOW));
    expect(batch.status).toEqual({ ok: true });
    expect(batch.alerts).toHaveLength(rawAlerts().length);
    expect(batch.silences).toHaveLength(1);
    const alertsReq = stub.requests.find((r) => r.path === '/api/v2/alerts')!;
    expect(['active', 'silenced', 'inhibited'].map((k) => alertsReq.params.get(k))).toEqual(['true', 'true', 'true']);
  });

  it('returns alerts undefined and an error when Alertmanager is down, so the store keeps the last set', async () => {
    const board = makeBoard({ sources: { alertmanager: [{ id: 'am', url: `http://127.0.0.1:${await closedPort()}` }] } });
    const batch = await createAlertmanagerSource(board.sources.alertmanager[0]!).poll(ctxFor(board, NOW));
    expect(batch.status).toMatchObject({ ok: false, reason: expect.stringMatching(/^connection refused/) });
    expect(batch.alerts).toBeUndefined();
    expect(batch.silences).toBeUndefined();
  });

  it('returns alerts undefined when the answer is not an alert list', async () => {
    stub = await startStub(() => ({ body: '{"status":"success"' }));
    const board = makeBoard({ sources: { alertmanager: [{ id: 'am', url: stub.url }] } });
    const batch = await createAlertmanagerSource(board.sources.alertmanager[0]!).poll(ctxFor(board, NOW));
    expect(batch.status).toMatchObject({ ok: false, reason: expect.stringMatching(/^truncated JSON/) });
    expect(batch.alerts).toBeUndefined();
  });
});
