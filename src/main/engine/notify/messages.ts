// Routes (which settings apply to a brand) and the words of each notification.
import type { NotifySettings, Severity } from '../../../shared/config-schema';
import type { IncidentKind } from '../../../shared/model';
import { severityRank, SEVERITIES_BY_RANK } from '../../../shared/severity-rank';
import type { HeldItem } from './policy-types';

export interface EffectiveRoute {
  minSeverity: Severity;
  resolved: boolean;
  sound?: Partial<Record<Severity, string>>;
}

/**
 * The route of a brand: the route naming it, else a route naming no brand, else the global
 * settings. A route replaces the global minSeverity/resolved (so one brand can ask for warnings
 * while the rest of the wall only pages on high).
 */
export function routeFor(settings: NotifySettings, brand: string | undefined): EffectiveRoute {
  const r = (brand !== undefined ? settings.routes.find((x) => x.brand === brand) : undefined) ?? settings.routes.find((x) => x.brand === undefined);
  if (!r) return { minSeverity: settings.minSeverity, resolved: settings.resolved };
  return { minSeverity: r.minSeverity, resolved: r.resolved, ...(r.sound ? { sound: r.sound } : {}) };
}

export function soundFor(settings: NotifySettings, brand: string | undefined, severity: Severity): string | undefined {
  return routeFor(settings, brand).sound?.[severity];
}

const KIND_WORD: Record<IncidentKind, string> = {
  alert: 'alert',
  health: 'health check',
  threshold: 'threshold',
  anomaly: 'anomaly',
  pipeline: 'monitoring pipeline',
};

/** "critical alert in bizoholic" */
export function describe(severity: Severity, kind: IncidentKind, brand: string | undefined): string {
  return `${severity} ${KIND_WORD[kind]}${brand !== undefined ? ` in ${brand}` : ''}`;
}

export interface SummaryText {
  title: string;
  body: string;
  severity: Severity;
  /** Per severity and brand, as listed in the body; with the overflow they add up to the title's number. */
  groups: { severity: Severity; brand?: string; count: number }[];
}

/** "7 new alerts" / "3 critical in bizoholic, 2 warning in acme, 2 high" plus the worst titles. */
export function summaryText(items: HeldItem[], overflow: number): SummaryText {
  const counts = new Map<string, { severity: Severity; brand?: string; count: number }>();
  for (const it of items) {
    const k = `${it.severity}\u0000${it.brand ?? ''}`;
    const g = counts.get(k) ?? { severity: it.severity, ...(it.brand !== undefined ? { brand: it.brand } : {}), count: 0 };
    g.count += 1;
    counts.set(k, g);
  }
  const groups = [...counts.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.count - a.count || (a.brand ?? '').localeCompare(b.brand ?? ''));
  const total = items.length + overflow;
  const parts = groups.map((g) => `${g.count} ${g.severity}${g.brand !== undefined ? ` in ${g.brand}` : ''}`);
  if (overflow > 0) parts.push(`${overflow} more not listed`);
  const worst = SEVERITIES_BY_RANK.find((s) => items.some((i) => i.severity === s)) ?? 'info';
  const top = [...items].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.at - b.at).slice(0, 3);
  const lines = top.map((i) => `• ${i.title}`);
  if (items.length > top.length) lines.push(`… and ${total - top.length} more`);
  return {
    title: `${total} new alerts`,
    body: `${parts.join(', ')}\n${lines.join('\n')}`,
    severity: worst,
    groups,
  };
}
