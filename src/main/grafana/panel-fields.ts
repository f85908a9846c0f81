// The display fields of one Grafana panel (unit, decimals, min/max, thresholds, stacking, fill) from
// wherever its schema version keeps them: fieldConfig.defaults (7+), yaxes (graph) or the panel
// itself (singlestat).
import type { Threshold } from '../../shared/config-schema';
import { readGraphThresholds, type GrafanaPanel } from './dashboard';
import type { PanelLevel } from './series-overrides';
import { mapGraphThresholds, mapSinglestat, mapSteps } from './thresholds';
import { mapUnit, type UnitMapping } from './units';

export interface DisplayFields {
  unit: UnitMapping;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds: Threshold[];
  worse?: 'below';
  /** Grafana stacks normally (true) or as shares of the total (percent). */
  stack?: true | 'percent';
  fill?: number;
  /** Grafana draws bars or points (new `custom.drawStyle`, old graph `bars`, `points` without `lines`). */
  draw?: 'bars' | 'points';
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

/** A bound or threshold in the board's unit; absent when the factor takes it past the largest number. */
function scaled(v: number | undefined, factor: number | undefined): number | undefined {
  const out = v === undefined || factor === undefined ? v : v * factor;
  return out !== undefined && Number.isFinite(out) ? out : undefined;
}

/** `over`: unit, decimals, min and max that field overrides set for every series of the panel. */
export function displayFields(p: GrafanaPanel, over: PanelLevel = {}): DisplayFields {
  const approximations: string[] = [];
  const d = p.fieldConfig?.defaults;
  const y0 = p.yaxes?.[0];
  const legacy = p.type === 'graph' || p.type === 'singlestat' || (d === undefined && (y0 !== undefined || p.format !== undefined));
  const unitId = over.unit ?? (legacy ? (y0?.format ?? p.format ?? d?.unit) : (d?.unit ?? p.format));
  const unit = mapUnit(unitId);
  if (unit.approximation) approximations.push(unit.approximation);
  let decimals = over.decimals ?? (legacy ? (p.decimals ?? y0?.decimals ?? d?.decimals) : (d?.decimals ?? p.decimals));
  if (decimals !== undefined) {
    const clamped = Math.min(MAX_DECIMALS, Math.max(0, Math.round(decimals)));
    if (clamped !== decimals) approximations.push(`decimals ${decimals} shown as ${clamped}`);
    decimals = clamped;
  }
  let min = over.min ?? (legacy ? (y0?.min ?? d?.min) : d?.min);
  let max = over.max ?? (legacy ? (y0?.max ?? d?.max) : d?.max);
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
  const thresholds = th.thresholds.flatMap((t) => {
    const value = scaled(t.value, unit.factor);
    return value === undefined ? [] : [{ ...t, value }];
  });

  const out: DisplayFields = { unit, thresholds, approximations, ...(th.worse ? { worse: th.worse } : {}) };
  if (decimals !== undefined) out.decimals = decimals;
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  const custom = d?.custom;
  const stackMode = custom?.stacking?.mode;
  if (stackMode === 'percent' || (stackMode === undefined && p.stack === true && p.percentage === true)) out.stack = 'percent';
  else if ((stackMode !== undefined && stackMode !== 'none') || (stackMode === undefined && p.stack === true)) out.stack = true;
  if (custom?.fillOpacity !== undefined) out.fill = Math.min(1, Math.max(0, custom.fillOpacity / 100));
  else if (p.type === 'graph') out.fill = Math.min(1, Math.max(0, (p.fill ?? 1) / 10));
  const xMode = p.type === 'graph' ? p.xaxis?.mode : undefined;
  if (xMode === 'series' || xMode === 'histogram') {
    // why: the wall's x axis is time; bars over time would read as a time series of bars, which it is not
    const reduced = typeof p.xaxis?.values?.[0] === 'string' ? p.xaxis.values[0] : 'value';
    approximations.push(xMode === 'series' ? `x axis by series (one bar per series' ${reduced}): drawn as lines over time` : 'x axis as a histogram of the values: drawn as the values over time');
  } else if (custom?.drawStyle === 'bars' || (custom?.drawStyle === undefined && p.bars === true)) {
    out.draw = 'bars';
    if (p.type === 'graph' && p.lines === true) approximations.push('bars drawn without the line Grafana draws over them');
  } else if (custom?.drawStyle === 'points' || (custom?.drawStyle === undefined && p.type === 'graph' && p.lines === false && p.bars !== true && p.points === true)) {
    out.draw = 'points';
  } else if (custom?.drawStyle === undefined && p.type === 'graph' && p.lines === false && p.bars !== true) {
    approximations.push('lines, bars and points all off (Grafana draws nothing): drawn as lines');
  }
  return out;
}

export type AxisFields = Pick<DisplayFields, 'decimals' | 'min' | 'max'> & { unit?: UnitMapping['unit'] };

/**
 * The right y axis: what the overrides putting series there set (`over`), else an old graph's second
 * y axis (`yaxes[1]`), else the panel's own bounds (new-style field defaults apply to every series).
 */
export function rightAxisFields(p: GrafanaPanel, over: PanelLevel, panelUnit: string, approx: (detail: string) => void): AxisFields {
  const y1 = p.type === 'graph' ? p.yaxes?.[1] : undefined;
  const d = p.fieldConfig?.defaults;
  const out: AxisFields = {};
  const unitId = over.unit ?? y1?.format;
  if (unitId !== undefined) {
    const u = mapUnit(unitId);
    if (u.factor !== undefined || u.approximation) approx(`right axis unit ${unitId} shown as plain numbers`);
    else if (u.unit !== panelUnit) out.unit = u.unit;
  }
  const decimals = over.decimals ?? y1?.decimals;
  if (decimals !== undefined) out.decimals = Math.min(MAX_DECIMALS, Math.max(0, Math.round(decimals)));
  const min = over.min ?? (y1 ? y1.min : d?.min);
  const max = over.max ?? (y1 ? y1.max : d?.max);
  if (min !== undefined && max !== undefined && min >= max) approx(`right axis min ${min} ≥ max ${max}: bounds dropped`);
  else {
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
  }
  return out;
}

/** The y axes Grafana does not draw: `custom.axisPlacement: hidden` on the panel, an old graph's `yaxes[i].show: false`. */
export function hiddenAxes(p: GrafanaPanel, hasRight: boolean): ('left' | 'right')[] {
  const left = p.type === 'graph' ? p.yaxes?.[0]?.show === false : p.fieldConfig?.defaults?.custom?.axisPlacement === 'hidden';
  const right = hasRight && p.type === 'graph' && p.yaxes?.[1]?.show === false;
  return [...(left ? ['left' as const] : []), ...(right ? ['right' as const] : [])];
}
