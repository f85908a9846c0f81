// Alertmanager v2 silences: create one from an alert's labels, expire it. Errors are values.
import { z } from 'zod';
import type { AlertmanagerSourceConfig } from '../../../shared/source-schemas';
import type { Labels } from '../../../shared/model';
import { httpSend, joinUrl, quote, sourceHttpOptions, statusReason, toJson } from '../sources/http';

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface SilenceSpec {
  matchers: Matcher[];
  /** unix ms */
  startsAt: number;
  /** unix ms */
  endsAt: number;
  createdBy: string;
  comment: string;
}

export type SilenceOutcome = { ok: true; id: string } | { ok: false; reason: string };
export type ExpireOutcome = { ok: true; alreadyGone: boolean } | { ok: false; reason: string };

/**
 * Exact matchers for every label of the alert, so the silence covers this alert and nothing else.
 * Internal labels (`__name__`, `__alerts_path__` …) and empty values are left out: Alertmanager
 * never shows the former on an alert, and an empty-value matcher would match the label's absence.
 */
export function matchersFor(labels: Labels): Matcher[] {
  return Object.keys(labels)
    .filter((name) => !name.startsWith('__') && labels[name] !== '')
    .sort()
    .map((name) => ({ name, value: labels[name] as string, isRegex: false, isEqual: true }));
}

const postResponse = z.object({ silenceID: z.string().min(1) });

/** POST /api/v2/silences; the new silence id. */
export async function createSilence(cfg: AlertmanagerSourceConfig, spec: SilenceSpec): Promise<SilenceOutcome> {
  if (spec.matchers.length === 0) return { ok: false, reason: 'the alert has no labels to match' };
  if (!(spec.endsAt > spec.startsAt)) return { ok: false, reason: 'a silence must end after it starts' };
  const body = {
    matchers: spec.matchers,
    startsAt: new Date(spec.startsAt).toISOString(),
    endsAt: new Date(spec.endsAt).toISOString(),
    createdBy: spec.createdBy,
    comment: spec.comment,
  };
  const r = toJson(await httpSend('POST', joinUrl(cfg.url, '/api/v2/silences'), body, sourceHttpOptions(cfg)));
  if (!r.ok) return { ok: false, reason: `${cfg.id}: ${r.reason}` };
  const parsed = postResponse.safeParse(r.data);
  if (!parsed.success) return { ok: false, reason: `${cfg.id}: unexpected response, no silenceID` };
  return { ok: true, id: parsed.data.silenceID };
}

/** DELETE /api/v2/silence/{id}. A silence that is already expired or unknown counts as gone. */
export async function expireSilence(cfg: AlertmanagerSourceConfig, id: string): Promise<ExpireOutcome> {
  const url = joinUrl(cfg.url, `/api/v2/silence/${encodeURIComponent(id)}`);
  const r = await httpSend('DELETE', url, undefined, sourceHttpOptions(cfg));
  if (!r.ok) return { ok: false, reason: `${cfg.id}: ${r.reason}` };
  if (r.status >= 200 && r.status < 300) return { ok: true, alreadyGone: false };
  // why: Alertmanager answers 404 for an unknown id and 500 "already expired" for an expired one
  if (r.status === 404 || /already expired/i.test(r.body)) return { ok: true, alreadyGone: true };
  return { ok: false, reason: `${cfg.id}: ${statusReason(r.status, quote(r.body))}` };
}
