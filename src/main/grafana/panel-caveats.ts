// What a Grafana panel does that the wall does not carry over, in words for the import summary:
// transformations, field overrides and old graph series overrides. The wall shows the queries'
// own results; these lines say what differs from the Grafana original and why.
import type { GrafanaPanel } from './dashboard';

export function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A short text of a property value: scalars as written, objects by their mode or kind. */
function valueText(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  const r = record(v);
  const mode = r?.['mode'] ?? r?.['fixedColor'];
  return typeof mode === 'string' ? mode : '…';
}

const COSMETIC = new Set(['color', 'links', 'custom.lineWidth', 'custom.fillOpacity', 'custom.hideFrom', 'custom.lineStyle']);

/** `byName "iowait": unit=s, custom.transform=negative-Y`. */
function overrideText(raw: unknown): string | undefined {
  const o = record(raw);
  if (!o) return undefined;
  const matcher = record(o['matcher']);
  const target = `${typeof matcher?.['id'] === 'string' ? matcher['id'] : 'field'} ${JSON.stringify(valueText(matcher?.['options']))}`;
  // why: colours and links change how a series looks, not what it says; listing them would bury the rest
  const props = (Array.isArray(o['properties']) ? o['properties'].map(record) : []).filter((p): p is Record<string, unknown> => p !== undefined && !COSMETIC.has(String(p['id'])));
  const what = props.map((p) => `${typeof p['id'] === 'string' ? p['id'] : '?'}=${valueText(p['value'])}`);
  return what.length > 0 ? `${target}: ${what.join(', ')}` : undefined;
}

export function panelCaveats(p: GrafanaPanel): string[] {
  const out: string[] = [];
  const transformations = (p.transformations ?? []).map((t) => record(t)?.['id']).filter((id): id is string => typeof id === 'string');
  if (transformations.length > 0) out.push(`transformations skipped (${transformations.join(', ')}): the wall shows the queries' own results`);
  const overrides = (p.fieldConfig?.overrides ?? []).map(overrideText).filter((t): t is string => t !== undefined);
  if (overrides.length > 0) out.push(`field overrides not applied (${overrides.join('; ')})`);
  const series = (p.seriesOverrides ?? [])
    .map(record)
    .filter((o) => o !== undefined)
    .map((o) => {
      const keys = Object.keys(o).filter((k) => k !== 'alias' && k !== '$$hashKey');
      return keys.length > 0 ? `${String(o['alias'] ?? '?')}: ${keys.map((k) => `${k}=${valueText(o[k])}`).join(', ')}` : undefined;
    })
    .filter((t): t is string => t !== undefined);
  if (series.length > 0) out.push(`series overrides not applied (${series.join('; ')})`);
  return out;
}
