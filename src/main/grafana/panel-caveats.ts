// What a Grafana panel does that the wall does not carry over, in words for the import summary:
// transformations (field and series overrides: series-overrides.ts). The wall shows the queries'
// own results; these lines say what differs from the Grafana original and why.
import type { GrafanaPanel } from './dashboard';

export function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function panelCaveats(p: GrafanaPanel): string[] {
  const transformations = (p.transformations ?? []).map((t) => record(t)?.['id']).filter((id): id is string => typeof id === 'string');
  return transformations.length > 0 ? [`transformations skipped (${transformations.join(', ')}): the wall shows the queries' own results`] : [];
}
