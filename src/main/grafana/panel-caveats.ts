// What a Grafana panel does that the wall does not carry over, in words for the import summary:
// transformations, a stat showing names, the text shown for no data (field and series overrides: series-overrides.ts). The wall shows the queries'
// own results; these lines say what differs from the Grafana original and why.
import type { GrafanaPanel } from './dashboard';

export function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function panelCaveats(p: GrafanaPanel): string[] {
  const transformations = (p.transformations ?? []).map((t) => record(t)?.['id']).filter((id): id is string => typeof id === 'string');
  const out = transformations.length > 0 ? [`transformations skipped (${transformations.join(', ')}): the wall shows the queries' own results`] : [];
  // why: a stat showing only the series' name (a version from `{{ version }}`) would show an unrelated 1 on the wall
  if (p.type === 'stat' && p.options?.['textMode'] === 'name') out.push("text mode \"name\": Grafana shows the series' name (its legend), the wall shows its value");
  // why: "No data" on a wall reads as a fault; the dashboard's author meant e.g. "0 instances down"
  const noValue = record(p.fieldConfig?.defaults)?.['noValue'];
  if (typeof noValue === 'string' && noValue !== '') out.push(`no data is shown as "No data", not as "${noValue}"`);
  return out;
}
