// The incident model: diffs what the engine observed against the open incidents, keeps their
// lifecycle (open → acknowledged → resolved) in SQLite, and answers ack/snooze/silence/list.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Board } from '../../../shared/config-schema';
import type { Incident, IncidentKind } from '../../../shared/model';
import {
  alertCandidates,
  anomalyCandidate,
  healthCandidate,
  incidentKey,
  pipelineCandidate,
  wallFaultCandidate,
  thresholdCandidate,
  type Candidate,
} from './candidates';
import { severityRank } from '../../../shared/severity-rank';
import { thresholdRefs } from './threshold-observations';
import { createIncidentRepo, type StoredIncident } from './incident-repo';
import { createSilenceActions, defaultSilenceClient, type SilenceClient } from './silence-actions';
import type { ActionResult, IncidentTracker, IncidentTransition, ObserveInput } from './types';

export interface TrackerOptions {
  /** The store's handle (store.db); migration 002 must have run. */
  db: Database.Database;
  /** The running board; a function when it can be hot-reloaded. */
  board: Board | (() => Board);
  now: () => number;
  /** Who acknowledges when the request names nobody. */
  author?: string;
  /** Called for every transition, including those of ack (observe/tick also return theirs). */
  onTransition?: (t: IncidentTransition) => void;
  /** Alertmanager silence calls; injected by tests, real HTTP by default. */
  silenceClient?: SilenceClient;
}

type Active = Map<string, StoredIncident>;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The Incident a candidate describes, keeping the lifecycle fields of `prev`. */
function fromCandidate(c: Candidate, prev: Incident | undefined, id: string, at: number): Incident {
  const inc: Incident = {
    id,
    kind: c.kind,
    ref: c.ref,
    title: c.title,
    severity: c.severity,
    labels: c.labels,
    annotations: c.annotations,
    status: prev?.status ?? 'open',
    openedAt: prev?.openedAt ?? at,
    silenced: c.silenced,
    silenceIds: prev?.silenceIds ?? [],
  };
  if (c.brand !== undefined) inc.brand = c.brand;
  if (c.panelId !== undefined) inc.panelId = c.panelId;
  if (prev?.ack) inc.ack = prev.ack;
  if (prev?.snoozedUntil !== undefined) inc.snoozedUntil = prev.snoozedUntil;
  return inc;
}

export function createIncidentTracker(opts: TrackerOptions): IncidentTracker {
  const repo = createIncidentRepo(opts.db);
  const board = (): Board => (typeof opts.board === 'function' ? opts.board() : opts.board);
  const emit = (ts: IncidentTransition[]): IncidentTransition[] => {
    for (const t of ts) opts.onTransition?.(t);
    return ts;
  };
  const snapshot = (i: Incident): Incident => structuredClone(i);

  function apply(active: Active, kind: IncidentKind, ref: string, c: Candidate | null, at: number, out: IncidentTransition[]): void {
    const key = incidentKey(kind, ref);
    const cur = active.get(key);
    if (c === null) {
      if (!cur) return;
      const from = cur.incident.status;
      cur.incident = { ...cur.incident, status: 'resolved', resolvedAt: at };
      const seq = repo.write(cur, at, 'resolved', from);
      out.push({ seq, incident: snapshot(cur.incident), from, to: 'resolved', at });
      active.delete(key);
      return;
    }
    if (!cur) {
      // why: a ref that was resolved and fires again is a new incident; the old one stays as history
      const s: StoredIncident = {
        incident: fromCandidate(c, undefined, randomUUID(), at),
        sources: c.sources,
        silences: [],
        escalatedAt: at,
        peakSeverity: c.severity,
      };
      const seq = repo.write(s, at, 'open', null);
      out.push({ seq, incident: snapshot(s.incident), from: null, to: 'open', at });
      active.set(key, s);
      return;
    }
    const prev = cur.incident;
    const next = fromCandidate(c, prev, prev.id, at);
    cur.incident = next;
    const sourcesChanged = !sameJson(cur.sources, c.sources);
    cur.sources = c.sources;
    // why: against the peak, so a value oscillating across a threshold pages once, not every rise
    if (severityRank(next.severity) > severityRank(cur.peakSeverity)) {
      cur.escalatedAt = at;
      cur.peakSeverity = next.severity;
      const seq = repo.write(cur, at, 'escalation', prev.status, 'severity');
      out.push({ seq, incident: snapshot(next), from: prev.status, to: 'escalation', at, reason: 'severity' });
    } else if (
      next.severity !== prev.severity ||
      next.silenced !== prev.silenced ||
      next.brand !== prev.brand ||
      next.panelId !== prev.panelId ||
      !sameJson(next.labels, prev.labels)
    ) {
      repo.write(cur, at, 'update', prev.status);
    } else if (sourcesChanged || next.title !== prev.title || !sameJson(next.annotations, prev.annotations)) {
      // why: titles carry live text ("data 2m old"); not worth a history row per poll
      repo.touch(cur);
    }
  }

  function observe(input: ObserveInput): IncidentTransition[] {
    const out: IncidentTransition[] = [];
    const at = input.at;
    repo.transaction(() => {
      const active: Active = new Map(repo.active().map((s) => [incidentKey(s.incident.kind, s.incident.ref), s]));
      // pipeline first: alert resolution below needs to know which sources are blind now
      for (const s of input.sources ?? []) {
        const c = pipelineCandidate(s);
        if (c !== 'ignore') apply(active, 'pipeline', s.sourceId, c, at, out);
      }
      if (input.alerts) {
        const brands = new Set(board().brands.map((b) => b.id));
        const covered = input.alertSources ? new Set(input.alertSources) : undefined;
        const silenceBlind = new Set(board().sources['prometheus-alerts'].map((s) => s.id));
        const cands = alertCandidates(input.alerts, brands, silenceBlind);
        for (const c of cands.values()) {
          const cur = active.get(incidentKey('alert', c.ref));
          // why: with a partial report, the sources it does not cover still report what they did
          if (cur && covered) c.sources = [...new Set([...c.sources, ...cur.sources.filter((x) => !covered.has(x))])];
          apply(active, 'alert', c.ref, c, at, out);
        }
        const blind = new Set([...active.values()].filter((s) => s.incident.kind === 'pipeline').map((s) => s.incident.ref));
        for (const s of [...active.values()]) {
          if (s.incident.kind !== 'alert' || cands.has(s.incident.ref)) continue;
          const others = covered ? s.sources.filter((x) => !covered.has(x)) : [];
          if (others.length > 0) {
            if (others.length !== s.sources.length) repo.touch({ ...s, sources: others });
            s.sources = others;
            continue;
          }
          // why: an alert missing because its only Alertmanager is unreachable is unknown, not resolved
          if (s.sources.length > 0 && s.sources.every((src) => blind.has(src))) continue;
          apply(active, 'alert', s.incident.ref, null, at, out);
        }
      }
      for (const h of input.health ?? []) apply(active, 'health', h.targetId, healthCandidate(h), at, out);
      for (const t of input.thresholds ?? []) {
        const c = thresholdCandidate(t);
        if (c !== 'unknown') apply(active, 'threshold', t.panelId, c, at, out);
      }
      if (input.thresholds) {
        // why: nothing would ever observe these again, and an open incident escalates forever
        const refs = thresholdRefs(board());
        for (const s of [...active.values()]) if (s.incident.kind === 'threshold' && !refs.has(s.incident.ref)) apply(active, 'threshold', s.incident.ref, null, at, out);
      }
      for (const a of input.anomalies ?? []) apply(active, 'anomaly', a.ref, anomalyCandidate(a), at, out);
      for (const f of input.wallFaults ?? []) apply(active, 'pipeline', f.ref, wallFaultCandidate(f), at, out);
    });
    return emit(out);
  }

  function tick(now: number): IncidentTransition[] {
    const every = board().notify.escalateAfter; // ms
    const out: IncidentTransition[] = [];
    repo.transaction(() => {
      for (const s of repo.active()) {
        const i = s.incident;
        if (i.status !== 'open' || i.severity !== 'critical' || i.silenced) continue;
        if (i.snoozedUntil !== undefined && i.snoozedUntil > now) continue;
        if (now - s.escalatedAt < every) continue;
        s.escalatedAt = now;
        const seq = repo.write(s, now, 'escalation', i.status, 'timer');
        out.push({ seq, incident: snapshot(i), from: i.status, to: 'escalation', at: now, reason: 'timer' });
      }
    });
    return emit(out);
  }

  function find(id: string): StoredIncident | ActionResult {
    const s = repo.byId(id);
    if (!s) return { ok: false, status: 404, reason: `no incident "${id}"` };
    if (s.incident.status === 'resolved') return { ok: false, status: 400, reason: `incident "${id}" is already resolved` };
    return s;
  }

  function ack(id: string, note?: string, by?: string): ActionResult {
    const found = find(id);
    if ('ok' in found) return found;
    const at = opts.now();
    const from = found.incident.status;
    found.incident = {
      ...found.incident,
      status: 'acknowledged',
      ack: { by: by ?? opts.author ?? 'wallboard', at, ...(note !== undefined && note !== '' ? { note } : {}) },
    };
    const seq = repo.write(found, at, from === 'acknowledged' ? 'update' : 'acknowledged', from);
    if (from !== 'acknowledged') emit([{ seq, incident: snapshot(found.incident), from, to: 'acknowledged', at }]);
    return { ok: true, incident: snapshot(found.incident) };
  }

  function snooze(id: string, until: number): ActionResult {
    const found = find(id);
    if ('ok' in found) return found;
    if (!Number.isFinite(until)) return { ok: false, status: 400, reason: 'until must be a time in unix ms' };
    const at = opts.now();
    const { snoozedUntil: _old, ...rest } = found.incident;
    // why: a time in the past ends the snooze instead of being an error
    found.incident = until > at ? { ...rest, snoozedUntil: until } : rest;
    repo.write(found, at, 'update', found.incident.status);
    return { ok: true, incident: snapshot(found.incident) };
  }

  const silences = createSilenceActions({
    repo,
    board,
    now: opts.now,
    client: opts.silenceClient ?? defaultSilenceClient,
  });

  return {
    observe,
    tick,
    ack,
    snooze,
    silence: silences.silence,
    unsilence: silences.unsilence,
    get: (id) => {
      const s = repo.byId(id);
      return s ? snapshot(s.incident) : undefined;
    },
    list: (o = {}) => (o.at !== undefined ? repo.listAt(o.at, o.includeResolved ?? false) : repo.listCurrent(o.includeResolved ?? false)),
    prune: (before) => repo.prune(before),
  };
}
