// The display fields of one Grafana panel (unit, decimals, min/max, thresholds, stacking, fill) from
// wherever its schema version keeps them: fieldConfig.defaults (7+), yaxes (graph) or the panel
// itself (singlestat).
import type { Threshold } from '../../shared/config-schema';
import { readGraphThresholds, type GrafanaPanel } from './dashboard';
import { record } from './panel-caveats';
import { mapGraphThresholds, mapSinglestat, mapSteps } from './thresholds';
import { mapUnit, type UnitMapping } from './units';

export interface DisplayFields {
  unit: UnitMapping;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds: Threshold[];
  worse?: 'below';
  stack?: boolean;
  fill?: number;
  /** How the fields differ from what Grafana shows. */
  approximations: string[];
}

const MAX_DECIMALS = 6;

/**
 * Whether Grafana draws the panel's thresholds at all. Every new panel carries Grafana's default
 * steps (green, red at 80): on a timeseries they are hidden unless thresholdsStyle is set, and
 * imported as they are they would raise critical incidents Grafana never showed.
 */
function thresholdsShown(p: GrafanaPanel): boolean {
  if (p.type === 'timeseries') {
    const mode = p.fieldConfig?.defaults?.custom?.thresholdsStyle?.mode;
    return mode !== undefined && mode !== 'off';
  }
  if (p.type === 'stat') return p.options?.['colorMode'] !== 'none';
  if (p.type === 'singlestat') return p.colorValue === true || p.colorBackground === true || p.gauge?.show === true;
  return true;
}

function scaled(v: number | undefined, factor: number | undefined): number | undefined {
  return v === undefined || factor === undefined ? v : v * factor;
}

export function displayFields(p: GrafanaPanel): DisplayFields {
  const approximations: string[] = [];
  const d = p.fieldConfig?.defaults;
  const y0 = p.yaxes?.[0];
  const legacy = p.type === 'graph' || p.type === 'singlestat' || (d === undefined && (y0 !== undefined || p.format !== undefined));
  const unitId = legacy ? (y0?.format ?? p.format ?? d?.unit) : (d?.unit ?? p.format);
  const unit = mapUnit(unitId);
  if (unit.approximation) approximations.push(unit.approximation);
  let decimals = legacy ? (p.decimals ?? y0?.decimals ?? d?.decimals) : (d?.decimals ?? p.decimals);
  if (decimals !== undefined) {
    const clamped = Math.min(MAX_DECIMALS, Math.max(0, Math.round(decimals)));
    if (clamped !== decimals) approximations.push(`decimals ${decimals} shown as ${clamped}`);
    decimals = clamped;
  }
  let min = legacy ? (y0?.min ?? d?.min) : d?.min;
  let max = legacy ? (y0?.max ?? d?.max) : d?.max;
  if (p.type === 'singlestat' && p.gauge?.show === true) {
    min = p.gauge.minValue ?? 0;
    max = p.gauge.maxValue ?? 100;
  }
  // why: a unit factor rescales the query, so bounds and thresholds written in Grafana's unit follow
  min = scaled(min, unit.factor);
  max = scaled(max, unit.factor);
  if (min !== undefined && max !== undefined && min >= max) {
    approximations.push(`min ${min} ≥ max ${max}: bounds dropped`);
    min = undefined;
    max = undefined;
  }

  let th;
  if (!thresholdsShown(p)) th = { thresholds: [] };
  else if (p.type === 'singlestat') th = mapSinglestat(p.thresholds, p.colors);
  else if (d?.thresholds && d.thresholds.steps.length > 0) th = mapSteps(d.thresholds.steps, d.thresholds.mode, min, max);
  else th = mapGraphThresholds(readGraphThresholds(p.thresholds));
  if (th.approximation) approximations.push(th.approximation);
  const thresholds = th.thresholds.map((t) => ({ ...t, value: scaled(t.value, unit.factor) as number }));

  const out: DisplayFields = { unit, thresholds, approximations, ...(th.worse ? { worse: th.worse } : {}) };
  if (decimals !== undefined) out.decimals = decimals;
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  const custom = d?.custom;
  const stackMode = custom?.stacking?.mode;
  if ((stackMode !== undefined && stackMode !== 'none') || p.stack === true) {
    const { lines, others } = unstackedSeries(p);
    // why: a board stacks all or none of a panel's series; stacking a reference line Grafana keeps out
    // of the stack (Node Exporter Full's unfilled "RAM Total") would add a total to its own parts, so
    // draw none stacked; a filled series kept out ("Harware Corrupted", ~0) leaves the stack drawn
    if (others.length > 0) approximations.push(`${others.join(', ')} drawn in the stack (Grafana keeps ${others.length === 1 ? 'it' : 'them'} out)`);
    if (lines.length > 0) approximations.push(`drawn unstacked: ${lines.join(', ')} stay${lines.length === 1 ? 's' : ''} out of the stack in Grafana`);
    else {
      out.stack = true;
      if (stackMode === 'percent' || p.percentage === true) approximations.push('100 % stacking drawn as plain stacking');
    }
  }
  if (custom?.fillOpacity !== undefined) out.fill = Math.min(1, Math.max(0, custom.fillOpacity / 100));
  else if (p.type === 'graph') out.fill = Math.min(1, Math.max(0, (p.fill ?? 1) / 10));
  if (custom?.drawStyle === 'bars' || p.bars === true) approximations.push('bars drawn as lines');
  return out;
}

/**
 * Series a stacked panel keeps out of its stack: old `seriesOverrides` `stack: false` (a line when it
 * also has `fill: 0`), new `custom.stacking` mode none (drawn as its own line).
 */
function unstackedSeries(p: GrafanaPanel): { lines: string[]; others: string[] } {
  const lines: string[] = [];
  const others: string[] = [];
  for (const o of p.seriesOverrides ?? []) {
    const r = record(o);
    if (r?.['stack'] === false) (r['fill'] === 0 ? lines : others).push(String(r['alias'] ?? '?'));
  }
  for (const o of p.fieldConfig?.overrides ?? []) {
    const r = record(o);
    const props = Array.isArray(r?.['properties']) ? r['properties'].map(record) : [];
    const off = props.some((x) => x?.['id'] === 'custom.stacking' && record(x['value'])?.['mode'] === 'none');
    if (off) lines.push(String(record(r?.['matcher'])?.['options'] ?? '?'));
  }
  return { lines, others };
}
