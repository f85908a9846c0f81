import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusAlertsSource, mapPrometheusAlerts } from '../../../src/main/engine/sources/prometheus-alerts';
import { alertFingerprint as labelsFingerprint } from '../../../src/main/engine/sources/alert-fingerprint';
import { closedPort, fixture, startStub, type Stub } from './stub-server';
import { ctxFor, makeBoard } from './board';

const NOW = 1_795_838_800_000;
let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('mapPrometheusAlerts on a recorded /api/v1/alerts', () => {
  it('maps pending and firing alerts with mapped severity and activeAt as startsAt', () => {
    const raw = JSON.parse(fixture('prometheus', 'alerts').body) as { data: { alerts: { labels: Record<string, string>; activeAt: string }[] } };
    const r = mapPrometheusAlerts('pa', raw, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const by = Object.fromEntries(r.alerts.map((a) => [a.labels.alertname, a]));
    expect(by.AlwaysFiring).toMatchObject({ state: 'firing', severity: 'critical', source: 'pa', annotations: { summary: 'Always firing, for tests' } });
    expect(by.SilencedAlways).toMatchObject({ state: 'firing', severity: 'info' });
    expect(by.PendingForAnHour).toMatchObject({ state: 'pending', severity: 'warning' });
    expect(by.AlwaysFiring!.startsAt).toBe(Date.parse(raw.data.alerts[0]!.activeAt));
    expect(by.AlwaysFiring!.fingerprint).toBe(labelsFingerprint(raw.data.alerts[0]!.labels));
  });

  it('fingerprints by labels alone: 16 hex, independent of label order', () => {
    const a = labelsFingerprint({ alertname: 'X', severity: 'critical' });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(labelsFingerprint({ severity: 'critical', alertname: 'X' })).toBe(a);
    expect(labelsFingerprint({ alertname: 'X', severity: 'warning' })).not.toBe(a);
  });

  it("fingerprints as Alertmanager does, so one alert read from both is one incident", () => {
    // values read from a real Alertmanager 0.25's /api/v2/alerts for these label sets
    expect(labelsFingerprint({ alertname: 'AlwaysFiring', severity: 'critical', brand: 'bizoholic' })).toBe('4cfcd9ed78574b48');
    expect(labelsFingerprint({ alertname: 'Ünïcode ✓', instance: 'host:9100', job: 'node', zz: 'x'.repeat(40) })).toBe('af12521b94c30589');
  });

  it('rejects an error envelope', () => {
    expect(mapPrometheusAlerts('pa', { status: 'error', error: 'x' }, NOW).ok).toBe(false);
  });
});

describe('prometheus-alerts source', () => {
  it('polls /api/v1/alerts into the batch', async () => {
    stub = await startStub(() => fixture('prometheus', 'alerts'));
    const board = makeBoard({ sources: { 'prometheus-alerts': [{ id: 'pa', url: stub.url }] } });
    const batch = await createPrometheusAlertsSource(board.sources['prometheus-alerts'][0]!).poll(ctxFor(board, NOW));
    expect(batch).toMatchObject({ kind: 'prometheus-alerts', status: { ok: true } });
    expect(batch.alerts).toHaveLength(3);
    expect(stub.requests[0]!.path).toBe('/api/v1/alerts');
  });

  it('reports a down Prometheus with alerts undefined', async () => {
    const board = makeBoard({ sources: { 'prometheus-alerts': [{ id: 'pa', url: `http://127.0.0.1:${await closedPort()}` }] } });
    const batch = await createPrometheusAlertsSource(board.sources['prometheus-alerts'][0]!).poll(ctxFor(board, NOW));
    expect(batch.status.ok).toBe(false);
    expect(batch.alerts).toBeUndefined();
  });
});
