// silence/unsilence of an incident: real Alertmanager silences on every Alertmanager concerned.
// The incident turns `silenced` only when Alertmanager reports it so (next observe), never here.
import type { Board } from '../../../shared/config-schema';
import type { AlertmanagerSourceConfig } from '../../../shared/source-schemas';
import { createSilence, expireSilence, matchersFor, type ExpireOutcome, type SilenceOutcome, type SilenceSpec } from './alertmanager-silences';
import type { IncidentRepo, SilenceRef, StoredIncident } from './incident-repo';
import type { ActionResult } from './types';

export interface SilenceClient {
  create(cfg: AlertmanagerSourceConfig, spec: SilenceSpec): Promise<SilenceOutcome>;
  expire(cfg: AlertmanagerSourceConfig, id: string): Promise<ExpireOutcome>;
}

export const defaultSilenceClient: SilenceClient = { create: createSilence, expire: expireSilence };

interface Deps {
  repo: IncidentRepo;
  board: () => Board;
  now: () => number;
  client: SilenceClient;
}

function withSilences(s: StoredIncident, silences: SilenceRef[]): StoredIncident {
  return { ...s, silences, incident: { ...s.incident, silenceIds: silences.map((x) => x.id) } };
}

export function createSilenceActions(deps: Deps): {
  silence(id: string, durationMs: number, comment: string): Promise<ActionResult>;
  unsilence(id: string): Promise<ActionResult>;
} {
  /** The Alertmanagers that reported the alert; all configured ones when none of them is known. */
  function targets(s: StoredIncident): AlertmanagerSourceConfig[] {
    const all = deps.board().sources.alertmanager;
    const reporting = all.filter((a) => s.sources.includes(a.id));
    return reporting.length > 0 ? reporting : all;
  }

  async function silence(id: string, durationMs: number, comment: string): Promise<ActionResult> {
    const s = deps.repo.byId(id);
    if (!s) return { ok: false, status: 404, reason: `no incident "${id}"` };
    if (s.incident.kind !== 'alert') {
      return { ok: false, status: 400, reason: `only alert incidents can be silenced in Alertmanager; this one is a ${s.incident.kind} incident` };
    }
    if (s.incident.status === 'resolved') return { ok: false, status: 400, reason: `incident "${id}" is already resolved` };
    if (!(Number.isFinite(durationMs) && durationMs > 0)) return { ok: false, status: 400, reason: 'duration must be a positive number of ms' };
    if (comment.trim() === '') return { ok: false, status: 400, reason: 'Alertmanager requires a comment on a silence' };
    const ams = targets(s);
    if (ams.length === 0) return { ok: false, status: 400, reason: 'no Alertmanager is configured under sources.alertmanager' };

    const startsAt = deps.now();
    const matchers = matchersFor(s.incident.labels);
    const results = await Promise.all(
      ams.map(async (cfg) => ({ cfg, r: await deps.client.create(cfg, { matchers, startsAt, endsAt: startsAt + durationMs, createdBy: cfg.author, comment }) })),
    );
    const created: SilenceRef[] = [];
    const warnings: string[] = [];
    for (const { cfg, r } of results) {
      if (r.ok) created.push({ source: cfg.id, id: r.id });
      else warnings.push(r.reason);
    }
    if (created.length === 0) return { ok: false, status: 502, reason: warnings.join('; ') };

    // why: re-read after the awaits; an observe may have changed the incident meanwhile
    const fresh = deps.repo.byId(id) ?? s;
    const next = withSilences(fresh, [...fresh.silences, ...created]);
    deps.repo.write(next, deps.now(), 'update', next.incident.status);
    return { ok: true, incident: structuredClone(next.incident), ...(warnings.length ? { warnings } : {}) };
  }

  async function unsilence(id: string): Promise<ActionResult> {
    const s = deps.repo.byId(id);
    if (!s) return { ok: false, status: 404, reason: `no incident "${id}"` };
    if (s.silences.length === 0) return { ok: true, incident: structuredClone(s.incident) };
    const byId = new Map(deps.board().sources.alertmanager.map((a) => [a.id, a]));
    const results = await Promise.all(
      s.silences.map(async (ref) => {
        const cfg = byId.get(ref.source);
        // why: an Alertmanager removed from the board cannot be asked; forget its silence
        if (!cfg) return { ref, r: { ok: true, alreadyGone: true } as ExpireOutcome };
        return { ref, r: await deps.client.expire(cfg, ref.id) };
      }),
    );
    const failed = results.filter((x) => !x.r.ok);
    const warnings = failed.map((x) => (x.r.ok ? '' : x.r.reason));
    if (failed.length === results.length) return { ok: false, status: 502, reason: warnings.join('; ') };

    const fresh = deps.repo.byId(id) ?? s;
    const gone = new Set(results.filter((x) => x.r.ok).map((x) => x.ref.id));
    const next = withSilences(fresh, fresh.silences.filter((x) => !gone.has(x.id)));
    deps.repo.write(next, deps.now(), 'update', next.incident.status);
    return { ok: true, incident: structuredClone(next.incident), ...(warnings.length ? { warnings } : {}) };
  }

  return { silence, unsilence };
}
