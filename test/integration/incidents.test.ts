// Incidents and notifications against real servers: a Prometheus rule fires → two Alertmanagers →
// the Alertmanager sources, and Prometheus' own alert list beside them → the incident tracker →
// the notify policy (one alert read from three sources is one incident); silences made by Wallboard
// appear in Alertmanager; an unreachable Alertmanager is a pipeline incident, not a resolution.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIncidentTracker } from '../../src/main/engine/alerts/tracker';
import type { IncidentTracker, IncidentTransition } from '../../src/main/engine/alerts/types';
import { decide, initialPolicyState, type PolicyState } from '../../src/main/engine/notify/policy';
import { createAlertmanagerSource } from '../../src/main/engine/sources/alertmanager';
import { createPrometheusAlertsSource } from '../../src/main/engine/sources/prometheus-alerts';
import { httpSend } from '../../src/main/engine/sources/http';
import type { Source } from '../../src/main/engine/sources/source';
import { openStore, type Store } from '../../src/main/engine/store/index';
import type { NotificationView } from '../../src/shared/api';
import { boardSchema, type Board } from '../../src/shared/config-schema';
import type { AlertRecord, Incident, SourceStatus } from '../../src/shared/model';
import { ALWAYS_FIRING_RULES, getJson, startAlertmanager, startPrometheus, stopAll, waitFor, waitUntilDown, type ServerHandle } from './servers';

let am1: ServerHandle;
let am2: ServerHandle;
let board: Board;
let dir: string;
let store: Store;
let tracker: IncidentTracker;
let sources: Source[];
let policy: PolicyState = initialPolicyState();
const lastSuccess = new Map<string, number>();
const notifications: NotificationView[] = [];

interface AmSilence {
  id: string;
  createdBy: string;
  comment: string;
  matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[];
  status: { state: string };
}

/** One engine step by hand: poll every Alertmanager, observe, decide. */
async function step(): Promise<{ transitions: IncidentTransition[]; notified: NotificationView[] }> {
  const now = Date.now();
  const alerts: AlertRecord[] = [];
  const statuses: SourceStatus[] = [];
  for (const src of sources) {
    const b = await src.poll({ signal: AbortSignal.timeout(5_000), now, board, lastSampleAt: () => undefined });
    if (b.status.ok) lastSuccess.set(src.id, now);
    alerts.push(...(b.alerts ?? []));
    const last = lastSuccess.get(src.id);
    statuses.push({
      sourceId: src.id,
      kind: src.kind,
      state: b.status.ok ? 'ok' : 'down',
      intervalMs: src.intervalMs,
      lastAttempt: now,
      ...(b.status.ok ? {} : { reason: b.status.reason }),
      ...(last !== undefined ? { lastSuccess: last, dataAgeMs: now - last } : {}),
    });
  }
  const transitions = tracker.observe({ at: now, alerts, sources: statuses });
  const d = decide(policy, { transitions, now, settings: board.notify });
  policy = d.state;
  notifications.push(...d.notifications);
  return { transitions, notified: d.notifications };
}

function incidentNamed(alertname: string): Incident | undefined {
  return tracker.list().find((i) => i.kind === 'alert' && i.labels.alertname === alertname);
}

beforeAll(async () => {
  [am1, am2] = await Promise.all([startAlertmanager(), startAlertmanager()]);
  // why: stopAll() stops it; the test talks to the Alertmanagers only
  const prom = await startPrometheus({ scrapeTargets: [am1.url], ruleFiles: ALWAYS_FIRING_RULES, alertmanagers: [am1.url, am2.url], scrapeInterval: '1s' });
  board = boardSchema.parse({
    brands: [{ id: 'bizoholic', name: 'Bizoholic' }],
    sources: {
      alertmanager: [
        { id: 'am1', url: am1.url, interval: '1s', timeout: '2s', author: 'wallboard-it' },
        { id: 'am2', url: am2.url, interval: '1s', timeout: '2s', author: 'wallboard-it' },
      ],
      // the same rule's alert, from Prometheus itself: knows nothing of silences
      'prometheus-alerts': [{ id: 'prom', url: prom.url, interval: '1s', timeout: '2s' }],
    },
    notify: { minSeverity: 'high', ratePerMinute: 6 },
    pages: [{ id: 'p', title: 'P', panels: [{ id: 'a', type: 'alertlist' }] }],
  });
  dir = mkdtempSync(join(tmpdir(), 'wb-incidents-it-'));
  store = openStore({ file: join(dir, 'wallboard.db'), retentionMs: 3_600_000 });
  tracker = createIncidentTracker({ db: store.db, board, now: Date.now });
  sources = [...board.sources.alertmanager.map(createAlertmanagerSource), ...board.sources['prometheus-alerts'].map(createPrometheusAlertsSource)];
});

afterAll(async () => {
  await stopAll();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('incidents from real Prometheus and Alertmanager', () => {
  it('turns a firing Prometheus rule into one critical incident and one notification', async () => {
    const inc = await waitFor('AlwaysFiring as an incident', async () => {
      await step();
      return incidentNamed('AlwaysFiring');
    });
    expect(inc).toMatchObject({ kind: 'alert', severity: 'critical', brand: 'bizoholic', status: 'open', silenced: false, title: 'AlwaysFiring: Always firing, for tests' });
    // both Alertmanagers and Prometheus report it; it is still one incident
    await waitFor('both Alertmanagers to report AlwaysFiring', async () => {
      const lists = await Promise.all([am1, am2].map((am) => getJson<{ labels: Record<string, string> }[]>(`${am.url}/api/v2/alerts`)));
      return lists.every((l) => l.some((a) => a.labels.alertname === 'AlwaysFiring'));
    });
    await step();
    expect(tracker.list().filter((i) => i.labels.alertname === 'AlwaysFiring')).toHaveLength(1);
    const told = notifications.filter((n) => n.incidentIds.includes(inc.id));
    expect(told).toMatchObject([{ kind: 'open', severity: 'critical', brand: 'bizoholic' }]);
  });

  it('silences the alert in every Alertmanager reporting it, and shows it silenced once Alertmanager says so', async () => {
    const inc = incidentNamed('AlwaysFiring') as Incident;
    const r = await tracker.silence(inc.id, 10 * 60_000, 'wallboard integration test');
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.incident.silenceIds).toHaveLength(2);
    expect(r.incident.silenced).toBe(false);

    for (const am of [am1, am2]) {
      const silences = await getJson<AmSilence[]>(`${am.url}/api/v2/silences`);
      const ours = silences.find((s) => r.incident.silenceIds.includes(s.id));
      expect(ours).toBeDefined();
      expect(ours).toMatchObject({ createdBy: 'wallboard-it', comment: 'wallboard integration test', status: { state: 'active' } });
      expect(ours!.matchers).toContainEqual({ name: 'alertname', value: 'AlwaysFiring', isRegex: false, isEqual: true });
    }

    await waitFor('the incident to turn silenced', async () => {
      await step();
      return tracker.get(inc.id)?.silenced === true;
    });
    expect(tracker.get(inc.id)).toMatchObject({ status: 'open', silenced: true });
  });

  it('unsilence expires the silences and the alert is no longer silenced', async () => {
    const inc = incidentNamed('AlwaysFiring') as Incident;
    const ids = tracker.get(inc.id)?.silenceIds ?? [];
    const r = await tracker.unsilence(inc.id);
    expect(r).toMatchObject({ ok: true, incident: { silenceIds: [] } });
    for (const am of [am1, am2]) {
      const silences = await getJson<AmSilence[]>(`${am.url}/api/v2/silences`);
      for (const s of silences.filter((x) => ids.includes(x.id))) expect(s.status.state).toBe('expired');
    }
    await waitFor('the incident to turn unsilenced', async () => {
      await step();
      return tracker.get(inc.id)?.silenced === false;
    });
  });

  it('makes an unreachable Alertmanager one pipeline incident, keeping its alerts and the other Alertmanager\'s alerts open', async () => {
    // an alert only am1 knows, posted straight to its API
    const posted = await httpSend('POST', `${am1.url}/api/v2/alerts`, [
      { labels: { alertname: 'OnlyInAm1', severity: 'warning', instance: 'x' }, annotations: { summary: 'only am1 has it' }, endsAt: new Date(Date.now() + 3_600_000).toISOString() },
    ]);
    expect(posted.ok && posted.status).toBe(200);
    const only = await waitFor('OnlyInAm1 as an incident', async () => {
      await step();
      return incidentNamed('OnlyInAm1');
    });
    const always = incidentNamed('AlwaysFiring') as Incident;

    am1.kill();
    await waitUntilDown(am1);
    const blind = await step();
    const pipeline = blind.transitions.filter((t) => t.incident.kind === 'pipeline');
    expect(pipeline.map((t) => [t.to, t.incident.ref])).toEqual([['open', 'am1']]);
    expect(pipeline[0]!.incident.title).toMatch(/^Alertmanager am1 unreachable — wall is showing data \d+s old$/);
    expect(blind.notified.filter((n) => n.kind === 'pipeline')).toHaveLength(1);

    // a few more polls while it is down: still one pipeline incident, told once, nothing resolved
    for (let i = 0; i < 3; i++) {
      const s = await step();
      expect(s.transitions.filter((t) => t.to === 'resolved')).toEqual([]);
    }
    const open = tracker.list();
    expect(open.filter((i) => i.kind === 'pipeline').map((i) => i.ref)).toEqual(['am1']);
    expect(open.map((i) => i.id)).toEqual(expect.arrayContaining([always.id, only.id]));
    expect(notifications.filter((n) => n.kind === 'pipeline')).toHaveLength(1);
  });
});
