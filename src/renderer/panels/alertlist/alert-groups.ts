// Which alerts an alert list shows and in what order: grouped by brand, then by severity.
import type { Brand, Panel, Severity } from '../../../shared/config-schema';
import type { AlertRecord } from '../../../shared/model';
import { severityRank } from '../../../shared/severity-rank';

/** Labels that name an alert's brand, in order of preference. */
const BRAND_LABELS = ['brand', 'tenant', 'customer'];

export function alertBrand(a: AlertRecord): string | undefined {
  for (const l of BRAND_LABELS) if (a.labels[l]) return a.labels[l];
  return undefined;
}

export interface AlertGroup {
  /** Brand id, or '' for alerts without a brand. */
  brandId: string;
  brand?: Brand;
  /** Count per severity, for the group heading. */
  counts: Partial<Record<Severity, number>>;
  alerts: AlertRecord[];
}

/** Alerts matching the panel's filter (and the brand filter), not resolved. `filter.severity` is a minimum. */
export function filterAlerts(alerts: AlertRecord[], panel: Panel, brandFilter: string | null): AlertRecord[] {
  const brand = panel.filter?.brand ?? panel.brand ?? brandFilter ?? undefined;
  const minRank = panel.filter?.severity ? severityRank(panel.filter.severity) : -Infinity;
  return alerts.filter(
    (a) =>
      a.state !== 'resolved' &&
      severityRank(a.severity) >= minRank &&
      (!panel.filter?.source || a.source === panel.filter.source) &&
      (!brand || alertBrand(a) === brand),
  );
}

/** Groups by brand (board order, then unknown brands, then none), each sorted by severity then newest first. */
export function groupAlerts(alerts: AlertRecord[], brands: Brand[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const id = alertBrand(a) ?? '';
    let g = groups.get(id);
    if (!g) {
      const brand = brands.find((b) => b.id === id);
      g = { brandId: id, ...(brand ? { brand } : {}), counts: {}, alerts: [] };
      groups.set(id, g);
    }
    g.alerts.push(a);
    g.counts[a.severity] = (g.counts[a.severity] ?? 0) + 1;
  }
  const order = (g: AlertGroup): number => {
    const i = brands.findIndex((b) => b.id === g.brandId);
    return i >= 0 ? i : g.brandId ? brands.length : brands.length + 1;
  };
  const list = [...groups.values()].sort((a, b) => order(a) - order(b) || a.brandId.localeCompare(b.brandId));
  for (const g of list) g.alerts.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.startsAt - a.startsAt);
  return list;
}
