// What each kind of observation says should be open: a Candidate per (kind, ref), or null = resolved.
// Pure mapping; the tracker diffs candidates against the open incidents.
import type { AlertRecord, HealthResult, Incident, IncidentKind, SourceStatus } from '../../../shared/model';
import { formatAge } from '../../../shared/duration';
import { SOURCE_KINDS } from '../../../shared/source-kinds';
import { maxSeverity } from '../../../shared/severity-rank';
import type { AnomalyObservation, ThresholdObservation, WallFault } from './types';

/** The fields of an Incident that an observation decides; the lifecycle fields are the tracker's. */
export interface Candidate extends Pick<Incident, 'kind' | 'ref' | 'title' | 'severity' | 'brand' | 'panelId' | 'labels' | 'annotations' | 'silenced'> {
  /** Alert sources reporting it (alerts only). */
  sources: string[];
}

/** Anomaly scores at or above this are warnings; below are info. */
export const ANOMALY_WARNING_SCORE = 0.9;


export function incidentKey(kind: IncidentKind, ref: string): string {
  return `${kind}\u0000${ref}`;
}


function alertTitle(a: AlertRecord): string {
  const name = a.labels.alertname;
  const summary = a.annotations.summary ?? a.annotations.title;
  if (summary && name && !summary.includes(name)) return `${name}: ${summary}`;
  return summary ?? name ?? `alert ${a.fingerprint}`;
}

function isSilenced(a: AlertRecord): boolean {
  return a.silencedBy.length > 0 || a.state === 'suppressed';
}

/**
 * Open alert candidates by fingerprint. The same alert from several sources (an HA pair of
 * Alertmanagers, or Prometheus' own list next to an Alertmanager: both fingerprint alike) is one
 * candidate: worst severity, silenced only when every reporter that knows silences says so (a
 * silence on one of two independent Alertmanagers still leaves the other notifying).
 * `silenceBlind`: sources that cannot know of silences (Prometheus' /api/v1/alerts); they abstain.
 */
export function alertCandidates(alerts: AlertRecord[], brands: ReadonlySet<string>, silenceBlind: ReadonlySet<string> = new Set()): Map<string, Candidate> {
  const out = new Map<string, Candidate>();
  // per fingerprint: undefined until a source that knows silences reports it
  const silencedVote = new Map<string, boolean>();
  for (const a of alerts) {
    // why: pending has not fired yet and resolved is over; neither is an open incident
    if (a.state !== 'firing' && a.state !== 'suppressed') continue;
    if (!silenceBlind.has(a.source)) silencedVote.set(a.fingerprint, (silencedVote.get(a.fingerprint) ?? true) && isSilenced(a));
    const prev = out.get(a.fingerprint);
    if (prev) {
      prev.severity = maxSeverity(prev.severity, a.severity);
      if (!prev.sources.includes(a.source)) prev.sources.push(a.source);
      continue;
    }
    const brand = a.labels.brand;
    const c: Candidate = {
      kind: 'alert',
      ref: a.fingerprint,
      title: alertTitle(a),
      severity: a.severity,
      labels: { ...a.labels },
      annotations: { ...a.annotations },
      silenced: false,
      sources: [a.source],
    };
    if (brand !== undefined && brands.has(brand)) c.brand = brand;
    out.set(a.fingerprint, c);
  }
  for (const [fp, c] of out) c.silenced = silencedVote.get(fp) ?? false;
  return out;
}

/** unhealthy → high, degraded → warning, healthy → null. Uses the debounced `state`. */
export function healthCandidate(h: HealthResult): Candidate | null {
  if (h.state === 'healthy') return null;
  const name = h.name ?? h.targetId;
  const why = h.error ?? (h.failures.length ? h.failures.join('; ') : undefined);
  const c: Candidate = {
    kind: 'health',
    ref: h.targetId,
    title: `${name} ${h.state}${why ? `: ${why}` : ''}`,
    severity: h.state === 'unhealthy' ? 'high' : 'warning',
    labels: { target: h.targetId, source: h.source },
    annotations: {
      ...(h.httpStatus !== undefined ? { httpStatus: String(h.httpStatus) } : {}),
      ...(h.latencyMs !== null ? { latencyMs: String(h.latencyMs) } : {}),
      ...(h.failures.length ? { failures: h.failures.join('; ') } : {}),
      ...(h.error !== undefined ? { error: h.error } : {}),
    },
    silenced: false,
    sources: [],
  };
  if (h.brand !== undefined) c.brand = h.brand;
  return c;
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3)));
}

/** A crossed threshold → candidate; none crossed → null; no data → 'unknown' (leave it as it is). */
export function thresholdCandidate(t: ThresholdObservation): Candidate | null | 'unknown' {
  if (t.value === null) return 'unknown';
  if (t.severity === undefined) return null;
  const c: Candidate = {
    kind: 'threshold',
    ref: t.panelId,
    title: `${t.title} crossed the ${t.severity} threshold (${formatValue(t.value)})`,
    severity: t.severity,
    panelId: t.panelId,
    labels: { panel: t.panelId, ...(t.alsoPanels?.length ? { panels: [t.panelId, ...t.alsoPanels].join(', ') } : {}) },
    annotations: { value: String(t.value) },
    silenced: false,
    sources: [],
  };
  if (t.brand !== undefined) c.brand = t.brand;
  return c;
}

export function anomalyCandidate(a: AnomalyObservation): Candidate | null {
  if (!a.flagged) return null;
  const c: Candidate = {
    kind: 'anomaly',
    ref: a.ref,
    title: `${a.title}: unusual${a.explanation ? ` — ${a.explanation}` : ''}`,
    severity: a.severity ?? (a.score >= ANOMALY_WARNING_SCORE ? 'warning' : 'info'),
    labels: { series: a.ref },
    annotations: { score: String(a.score), ...(a.explanation ? { explanation: a.explanation } : {}) },
    silenced: false,
    sources: [],
  };
  if (a.panelId !== undefined) c.panelId = a.panelId;
  if (a.brand !== undefined) c.brand = a.brand;
  return c;
}


/**
 * "Monitoring blind": a down or stale source → one pipeline incident per source, whatever the
 * number of panels it feeds. Health-check sources are skipped: a failing check is the service's
 * own health incident, not blindness. Severity is high for both down and stale, so a source that
 * flips between them stays one notification.
 */
export function pipelineCandidate(s: SourceStatus): Candidate | null | 'ignore' {
  if (!SOURCE_KINDS[s.kind].pipeline) return 'ignore';
  if (s.state === 'ok') return null;
  const what = `${SOURCE_KINDS[s.kind].name} ${s.sourceId}`;
  const age = s.dataAgeMs !== undefined ? `wall is showing data ${formatAge(s.dataAgeMs)} old` : 'no data on the wall yet';
  const title = s.state === 'down' ? `${what} unreachable — ${age}` : `${what} is stale — ${age}`;
  return {
    kind: 'pipeline',
    ref: s.sourceId,
    title,
    severity: 'high',
    labels: { source: s.sourceId, kind: s.kind },
    annotations: {
      state: s.state,
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
      ...(s.dataAgeMs !== undefined ? { dataAgeMs: String(s.dataAgeMs) } : {}),
    },
    silenced: false,
    sources: [],
  };
}

/** The wall itself failing (its renderer or browser keeps crashing): the people watching it are blind. */
export function wallFaultCandidate(f: WallFault): Candidate | null {
  if (f.title === undefined) return null;
  return { kind: 'pipeline', ref: f.ref, title: f.title, severity: 'high', labels: { source: f.ref, kind: 'wall' }, annotations: {}, silenced: false, sources: [] };
}
