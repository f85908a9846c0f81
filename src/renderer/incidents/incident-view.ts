// Pure helpers for showing incidents: order, counts, ages, label lists. No DOM, no React.
import type { Severity } from '../../shared/config-schema';
import type { Incident } from '../../shared/model';
import { severityRank } from '../../shared/severity-rank';

/** Whether a snooze is running at `at` (unix ms). */
export function isSnoozed(i: Incident, at: number): boolean {
  return i.snoozedUntil !== undefined && i.snoozedUntil > at;
}

/** What a person still has to look at: open, not silenced, not snoozed. */
export function needsAttention(i: Incident, at: number): boolean {
  return i.status === 'open' && !i.silenced && !isSnoozed(i, at);
}

/**
 * Drawer order: what needs attention first (worst severity, then newest), then snoozed/silenced
 * open ones, then acknowledged, then resolved.
 */
export function sortIncidents(list: readonly Incident[], at: number): Incident[] {
  const bucket = (i: Incident): number => {
    if (i.status === 'resolved') return 3;
    if (i.status === 'acknowledged') return 2;
    return needsAttention(i, at) ? 0 : 1;
  };
  return [...list].sort(
    (a, b) => bucket(a) - bucket(b) || severityRank(b.severity) - severityRank(a.severity) || b.openedAt - a.openedAt || a.id.localeCompare(b.id),
  );
}

/** Count shown on the toggle: open incidents that need attention, and the worst severity among them. */
export function openCount(list: readonly Incident[], at: number): { count: number; worst: Severity | null } {
  let count = 0;
  let worst: Severity | null = null;
  for (const i of list) {
    if (!needsAttention(i, at)) continue;
    count += 1;
    if (worst === null || severityRank(i.severity) > severityRank(worst)) worst = i.severity;
  }
  return { count, worst };
}

/** Labels worth showing as chips: everything except what the row already shows elsewhere. */
export function labelChips(i: Incident): { name: string; value: string }[] {
  const hidden = new Set(['alertname', 'severity', 'brand']);
  return Object.keys(i.labels)
    .filter((k) => !hidden.has(k))
    .sort()
    .map((name) => ({ name, value: i.labels[name] ?? '' }));
}

/** Summary, description and any other annotation, in that order. */
export function annotationLines(i: Incident): { name: string; value: string }[] {
  const first = ['summary', 'description', 'message'];
  const keys = Object.keys(i.annotations);
  const ordered = [...first.filter((k) => keys.includes(k)), ...keys.filter((k) => !first.includes(k)).sort()];
  return ordered.map((name) => ({ name, value: i.annotations[name] ?? '' }));
}

/** Only alerts come from Alertmanager, so only they can be silenced there. */
export function canSilence(i: Incident): boolean {
  return i.kind === 'alert' && i.status !== 'resolved' && !i.silenced;
}

export function canUnsilence(i: Incident): boolean {
  return i.kind === 'alert' && i.silenced;
}

/** The newest incident that should fill the kiosk banner, and how many more like it are active. */
export function bannerIncident(list: readonly Incident[], at: number): { incident: Incident; more: number } | null {
  const active = list.filter((i) => i.severity === 'critical' && needsAttention(i, at)).sort((a, b) => b.openedAt - a.openedAt);
  const first = active[0];
  return first ? { incident: first, more: active.length - 1 } : null;
}

/**
 * The banner's two lines. An alert's title is "name: summary"; from 5 m the name reads better as the
 * headline, with the summary on the line below (so neither is cut off by the other).
 */
export function bannerText(i: Incident): { headline: string; detail: string | undefined } {
  const summary = i.annotations['summary'] ?? i.annotations['description'];
  const name = i.labels['alertname'];
  if (i.kind === 'alert' && name && summary && i.title.startsWith(name)) return { headline: name, detail: summary };
  return { headline: i.title, detail: summary !== undefined && !i.title.includes(summary) ? summary : undefined };
}
