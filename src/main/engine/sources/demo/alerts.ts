// The demo's Alertmanager-style alerts: the complete firing set at t, from demo-incidents.ts.
import type { AlertRecord, Labels } from '../../../../shared/model';
import { DEMO_INCIDENTS, demoIncidentOccurrence } from './incidents';
import { hashString } from './noise';

/** 16 hex digits from the labels, like Alertmanager's fingerprint; stable across polls and restarts. */
export function demoFingerprint(sourceId: string, labels: Labels): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join('\u0000');
  const a = hashString(`${sourceId}\u0001${text}`);
  const b = hashString(`${text}\u0001${sourceId}\u0002${a}`);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Every demo alert firing at t (unix ms); `startsAt` is the start of the current occurrence. */
export function demoAlertsAt(sourceId: string, t: number): AlertRecord[] {
  const out: AlertRecord[] = [];
  for (const incident of DEMO_INCIDENTS) {
    const spec = incident.alert;
    if (!spec) continue;
    const occurrence = demoIncidentOccurrence(incident, t);
    if (!occurrence) continue;
    const labels: Labels = { alertname: spec.alertname, brand: incident.brand, severity: spec.severity, ...spec.labels };
    out.push({
      fingerprint: demoFingerprint(sourceId, labels),
      source: sourceId,
      labels,
      annotations: { summary: spec.summary, description: spec.description },
      state: 'firing',
      severity: spec.severity,
      startsAt: occurrence.start,
      silencedBy: [],
      inhibitedBy: [],
    });
  }
  return out;
}
