// Prometheus's own alert list (/api/v1/alerts): pending and firing alerts straight from the rule
// evaluator, for setups without an Alertmanager. The only place that knows that shape.
import { z } from 'zod';
import type { Board } from '../../../../shared/config-schema';
import type { PrometheusAlertsSourceConfig } from '../../../../shared/source-schemas';
import type { AlertRecord } from '../../../../shared/model';
import { httpSource, type Source } from '../source';
import { httpJson, joinUrl, quote, sourceHttpOptions } from '../http';
import { alertSeverity } from '../severity';
import { untrustedRecord } from '../untrusted-text';
import { alertFingerprint } from '../alert-fingerprint';

const MAX_TEXT = 1024;

const labels = z.record(z.string(), z.string());
const response = z.object({
  status: z.literal('success'),
  data: z.object({
    alerts: z.array(
      z.object({
        labels,
        annotations: labels.default({}),
        state: z.enum(['pending', 'firing', 'inactive']),
        activeAt: z.string().optional(),
      }),
    ),
  }),
});

export function mapPrometheusAlerts(source: string, data: unknown, now: number): { ok: true; alerts: AlertRecord[] } | { ok: false; reason: string } {
  const parsed = response.safeParse(data);
  if (!parsed.success) return { ok: false, reason: `not a Prometheus alert list: ${quote(z.prettifyError(parsed.error))}` };
  const alerts: AlertRecord[] = [];
  for (const a of parsed.data.data.alerts) {
    if (a.state === 'inactive') continue;
    const activeAt = a.activeAt ? Date.parse(a.activeAt) : NaN;
    alerts.push({
      fingerprint: alertFingerprint(a.labels),
      source,
      labels: untrustedRecord(a.labels, MAX_TEXT),
      annotations: untrustedRecord(a.annotations, MAX_TEXT),
      state: a.state,
      severity: alertSeverity(a.labels),
      startsAt: Number.isFinite(activeAt) ? activeAt : now,
      silencedBy: [],
      inhibitedBy: [],
    });
  }
  return { ok: true, alerts };
}

export function createPrometheusAlertsSource(cfg: PrometheusAlertsSourceConfig): Source {
  return httpSource(cfg, 'prometheus-alerts', async (batch, ctx) => {
    const r = await httpJson(joinUrl(cfg.url, '/api/v1/alerts'), sourceHttpOptions(cfg, ctx.signal));
    if (!r.ok) batch.status = { ok: false, reason: r.reason };
    else {
      const m = mapPrometheusAlerts(cfg.id, r.data, ctx.now);
      if (m.ok) batch.alerts = m.alerts;
      else batch.status = { ok: false, reason: m.reason };
    }
  });
}

export function createPrometheusAlertsSources(board: Board): Source[] {
  return board.sources['prometheus-alerts'].map(createPrometheusAlertsSource);
}
