// Alertmanager v2: the only place that knows the shape of /api/v2/alerts and /api/v2/silences.
import { z } from 'zod';
import type { Board } from '../../../../shared/config-schema';
import type { AlertmanagerSourceConfig } from '../../../../shared/source-schemas';
import type { AlertRecord, SilenceRecord } from '../../../../shared/model';
import { httpSource, type Source } from '../source';
import { httpJson, joinUrl, quote, sourceHttpOptions } from '../http';
import { alertSeverity } from '../severity';
import { untrustedRecord, untrustedText } from '../untrusted-text';

/** Untrusted strings copied into our model are cut to this many characters. */
const MAX_TEXT = 1024;

const labels = z.record(z.string(), z.string());

const amAlert = z.object({
  fingerprint: z.string(),
  labels,
  annotations: labels.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()).default([]),
    inhibitedBy: z.array(z.string()).default([]),
  }),
});

const amSilence = z.object({
  id: z.string(),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean().default(true) })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string().default(''),
  comment: z.string().default(''),
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
});

const cut = (s: string): string => untrustedText(s, MAX_TEXT);
const cutAll = (r: Record<string, string>): Record<string, string> => untrustedRecord(r, MAX_TEXT);

/** One /api/v2/alerts body → AlertRecords, or why it is not one. */
export function mapAlertmanagerAlerts(source: string, data: unknown, now: number): { ok: true; alerts: AlertRecord[] } | { ok: false; reason: string } {
  const parsed = z.array(amAlert).safeParse(data);
  if (!parsed.success) return { ok: false, reason: `not an Alertmanager alert list: ${quote(z.prettifyError(parsed.error))}` };
  const alerts = parsed.data.map((a): AlertRecord => {
    const endsAt = a.endsAt ? Date.parse(a.endsAt) : NaN;
    const rec: AlertRecord = {
      fingerprint: a.fingerprint,
      source,
      labels: cutAll(a.labels),
      annotations: cutAll(a.annotations),
      // why: "unprocessed" is an alert just received and not yet matched against silences: it fires
      state: a.status.state === 'suppressed' ? 'suppressed' : 'firing',
      severity: alertSeverity(a.labels),
      startsAt: Date.parse(a.startsAt),
      silencedBy: a.status.silencedBy,
      inhibitedBy: a.status.inhibitedBy,
    };
    // why: an active alert's endsAt is Alertmanager's resolve timeout, a guess; only a past one is a fact
    if (Number.isFinite(endsAt) && endsAt <= now) rec.endsAt = endsAt;
    if (a.generatorURL) rec.generatorURL = cut(a.generatorURL);
    return rec;
  });
  return { ok: true, alerts };
}

/** One /api/v2/silences body → SilenceRecords; expired ones older than `keepExpiredAfter` are dropped. */
export function mapAlertmanagerSilences(
  source: string,
  data: unknown,
  keepExpiredAfter: number,
): { ok: true; silences: SilenceRecord[] } | { ok: false; reason: string } {
  const parsed = z.array(amSilence).safeParse(data);
  if (!parsed.success) return { ok: false, reason: `not an Alertmanager silence list: ${quote(z.prettifyError(parsed.error))}` };
  const silences: SilenceRecord[] = [];
  for (const s of parsed.data) {
    const endsAt = Date.parse(s.endsAt);
    if (s.status.state === 'expired' && endsAt < keepExpiredAfter) continue;
    silences.push({
      id: s.id,
      source,
      matchers: s.matchers.map((m) => ({ name: cut(m.name), value: cut(m.value), isRegex: m.isRegex, isEqual: m.isEqual })),
      startsAt: Date.parse(s.startsAt),
      endsAt,
      createdBy: cut(s.createdBy),
      comment: cut(s.comment),
      state: s.status.state,
    });
  }
  return { ok: true, silences };
}

export function createAlertmanagerSource(cfg: AlertmanagerSourceConfig): Source {
  return httpSource(cfg, 'alertmanager', async (batch, ctx) => {
    const http = sourceHttpOptions(cfg, ctx.signal);
    const query = { active: 'true', silenced: 'true', inhibited: 'true', unprocessed: 'true' };
    const [ar, sr] = await Promise.all([
      httpJson(joinUrl(cfg.url, '/api/v2/alerts', query), http),
      httpJson(joinUrl(cfg.url, '/api/v2/silences'), http),
    ]);
    const reasons: string[] = [];
    if (ar.ok) {
      const m = mapAlertmanagerAlerts(cfg.id, ar.data, ctx.now);
      if (m.ok) batch.alerts = m.alerts;
      else reasons.push(m.reason);
    } else reasons.push(ar.reason);
    if (sr.ok) {
      const m = mapAlertmanagerSilences(cfg.id, sr.data, ctx.now - ctx.board.retention);
      if (m.ok) batch.silences = m.silences;
      else reasons.push(`silences: ${m.reason}`);
    } else if (ar.ok) reasons.push(`silences: ${sr.reason}`);
    if (reasons.length > 0) batch.status = { ok: false, reason: reasons[0] as string };
  });
}

export function createAlertmanagerSources(board: Board): Source[] {
  return board.sources.alertmanager.map(createAlertmanagerSource);
}
