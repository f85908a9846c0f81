// Grafana's per-series settings → the board's series overrides: new-style field overrides
// (`fieldConfig.overrides`, matched byName / byRegexp / byFrameRefID / byNames / byType) and old graph
// `seriesOverrides` (matched by alias). What has a counterpart is applied (colour, name, negative-Y,
// out of the stack, hidden, fill, legend unit and decimals, bars or line, the right y axis with its
// unit/min/max; min/max/unit/decimals of every series on the panel itself); the rest is returned in
// words, with why, for the import summary.
import type { SeriesOverride, ValueMappingEntry } from '../../shared/config-schema';
import { num, type GrafanaPanel } from './dashboard';
import { grafanaColor } from './colors';
import { record } from './panel-caveats';
import { mapUnit } from './units';
import { readMappings } from './value-mappings';

type Props = Omit<SeriesOverride, 'match' | 'query'>;
type Matcher = { match: string } | { query: number } | 'all';

/** Fields of the panel itself, from overrides that cover every series it draws. */
export interface PanelLevel {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
}

export interface OverrideMapping {
  overrides: SeriesOverride[];
  panel: PanelLevel;
  /** Unit, decimals, min and max of the right y axis, from the overrides that put series there. */
  rightAxis: PanelLevel;
  /** Value mappings an override of every series (or a stat's one) sets: they replace the panel's. */
  mappings?: ValueMappingEntry[];
  /** What was not applied, and why. */
  notApplied: string[];
}

export interface OverrideContext {
  /** refId of each query the panel keeps, in board order (`query` first). */
  refIds: readonly (string | undefined)[];
  /** The board panel type: only a timeseries draws several series. */
  type: string;
  /** Grafana stacks the panel (normal or percent). */
  stacked: boolean;
  /** The panel's queries are multiplied to reach its unit: per-series units would read wrong. */
  scaled: boolean;
  /** How the panel draws its series. */
  draw: 'line' | 'bars' | 'points';
}

// why: how a line is stroked, its points, links and tooltips change how it looks, not what it says
const COSMETIC = new Set([
  'links', 'custom.lineWidth', 'custom.lineStyle', 'custom.lineInterpolation', 'custom.pointSize', 'custom.showPoints',
  'custom.gradientMode', 'custom.spanNulls', 'custom.insertNulls', 'custom.barAlignment', 'custom.hideFrom.tooltip',
  'linewidth', 'dashes', 'dashLength', 'spaceLength', 'lines', 'points', 'pointradius', 'zindex', 'fillGradient',
  'steppedLine', 'nullPointMode', '$$hashKey', 'alias', 'color.mode',
]);

const escapeRegex = (s: string): string => s.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');

/** A Grafana name or regex as a board `match` (Grafana's own rules: a bare byRegexp is anchored). */
function nameMatch(name: string): string {
  return /^\/.*\/[a-z]*$/s.test(name) ? `/^${escapeRegex(name)}$/` : name;
}
function regexMatch(re: string): string | undefined {
  const src = /^\/.*\/[gimsuy]*$/s.test(re) ? re : `/^(?:${re})$/`;
  try {
    const m = /^\/(.*)\/([gimsuy]*)$/s.exec(src) as RegExpExecArray;
    new RegExp(m[1] as string, (m[2] as string).replace('g', ''));
    return src;
  } catch {
    return undefined;
  }
}

function matchersOf(matcher: Record<string, unknown> | undefined, refIds: OverrideContext['refIds']): Matcher[] | string {
  const id = matcher?.['id'];
  const opts = matcher?.['options'];
  if (id === 'byName' && typeof opts === 'string') return [{ match: nameMatch(opts) }];
  if (id === 'byRegexp' && typeof opts === 'string') {
    const m = regexMatch(opts);
    return m ? [{ match: m }] : `regex ${JSON.stringify(opts)} is not valid`;
  }
  if (id === 'byNames') {
    const o = record(opts);
    if (o?.['mode'] === 'exclude') return 'an "exclude" name list has no counterpart';
    const names = Array.isArray(o?.['names']) ? o['names'].filter((n): n is string => typeof n === 'string') : [];
    return names.map((n) => ({ match: nameMatch(n) }));
  }
  if (id === 'byFrameRefID' && typeof opts === 'string') {
    // why: a hidden query's refId matches nothing on the wall, as in Grafana
    const i = refIds.indexOf(opts);
    return i < 0 ? [] : refIds.length === 1 ? ['all'] : [{ query: i }];
  }
  if (id === 'byType' && opts === 'number') return ['all'];
  return `matcher ${typeof id === 'string' ? id : '?'} has no counterpart (series are matched by name or query)`;
}

/** Grafana's "this series is on the right axis": `custom.axisPlacement: right`, old `yaxis: 2`. */
function isRight(key: string, value: unknown): boolean {
  return key === 'yaxis' ? value === 2 || value === '2' : value === 'right';
}

/** Reads one property into `props` or `panel`; returns why it is not applied, or undefined. */
function applyProp(key: string, value: unknown, props: Props, panel: PanelLevel | undefined, ctx: OverrideContext, right?: PanelLevel): string | undefined {
  const v = record(value);
  switch (key) {
    case 'color': {
      const fixed = typeof value === 'string' ? value : v?.['mode'] === 'fixed' ? v['fixedColor'] : undefined;
      const hex = typeof fixed === 'string' ? grafanaColor(fixed) : undefined;
      if (hex) props.color = hex;
      return hex ? undefined : `colour ${typeof fixed === 'string' ? fixed : String(v?.['mode'] ?? '?')} has no fixed value`;
    }
    case 'displayName':
    case 'displayNameFromDS':
    case 'alias':
      if (typeof value !== 'string' || value.includes('${')) return 'a templated display name is not resolved';
      props.name = value;
      return undefined;
    case 'custom.transform':
    case 'transform':
      if (value !== 'negative-Y') return `transform ${String(value)} has no counterpart`;
      props.negate = true;
      return undefined;
    case 'custom.stacking':
    case 'stack': {
      const off = value === false || v?.['mode'] === 'none';
      if (off && ctx.stacked) props.stack = false;
      return !off && !ctx.stacked ? 'stacking some series of an unstacked panel has no counterpart' : undefined;
    }
    case 'custom.hideFrom':
      if (v?.['viz'] === true) props.hide = true;
      else if (v?.['legend'] === true) return 'hidden from the legend only: the wall lists every drawn series';
      return undefined;
    case 'hiddenSeries':
      if (value === true) props.hide = true;
      return undefined;
    case 'legend':
      return value === false ? 'hidden from the legend only: the wall lists every drawn series' : undefined;
    case 'custom.fillOpacity':
    case 'fill':
      if (typeof value !== 'number') return undefined;
      props.fill = Math.min(1, Math.max(0, key === 'fill' ? value / 10 : value / 100));
      return undefined;
    case 'unit':
    case 'decimals':
    case 'min':
    case 'max':
      return fieldProp(key, value, props, panel, ctx, right);
    case 'custom.axisPlacement':
    case 'yaxis':
      if (isRight(key, value)) props.axis = 'right';
      return value === 'hidden' ? 'its axis hidden: read against the left axis, which is drawn' : undefined;
    case 'custom.drawStyle':
    case 'bars': {
      const draw = value === 'bars' || value === true ? 'bars' : value === 'line' || value === false ? 'line' : value === 'points' && key === 'custom.drawStyle' ? 'points' : undefined;
      if (draw === undefined) return `draw style ${String(value)} drawn as ${ctx.draw === 'line' ? 'a line' : ctx.draw}`;
      if (draw !== ctx.draw) props.draw = draw;
      return undefined;
    }
    default:
      return COSMETIC.has(key) ? undefined : `${key} has no counterpart`;
  }
}

function fieldProp(key: 'unit' | 'decimals' | 'min' | 'max', value: unknown, props: Props, panel: PanelLevel | undefined, ctx: OverrideContext, right?: PanelLevel): string | undefined {
  if (key === 'unit') {
    if (typeof value !== 'string') return undefined;
    if (panel) panel.unit = value;
    else {
      const u = mapUnit(value);
      if (ctx.scaled || u.factor !== undefined || u.approximation) return `unit ${value} for some series: their values would need rescaling`;
      // why: the right axis reads in its series' unit, and they read in the axis'
      if (right) right.unit = u.unit;
      else props.unit = u.unit;
    }
    return undefined;
  }
  // why: the same reading of a number as every other dashboard field (old exports write "2" for 2)
  const n = num.parse(value);
  if (n === undefined) return undefined;
  if (panel) {
    panel[key] = n;
    return undefined;
  }
  if (key === 'decimals') {
    const d = Math.min(6, Math.max(0, Math.round(n)));
    if (right) right.decimals = d;
    else props.decimals = d;
    return undefined;
  }
  if (right) {
    right[key] = n;
    return undefined;
  }
  return `${key} of some series: the left axis' range is the panel's (series on the right axis take theirs)`;
}

function describe(target: string, reasons: string[]): string | undefined {
  return reasons.length > 0 ? `${target}: ${reasons.join(', ')}` : undefined;
}

/** Props read from a list of [key, value], into a board override (or the panel, for `all`). */
function collect(m: Matcher, entries: [string, unknown][], ctx: OverrideContext, out: OverrideMapping): string[] {
  const props: Props = {};
  // why: a stat or gauge shows its first series: an override of it (or of all) is the panel's own
  const onPanel = m === 'all' || (ctx.type !== 'timeseries' && 'query' in m && m.query === 0);
  const why: string[] = [];
  // why: unit, decimals, min and max of series put on the right axis are that axis' own
  const right = ctx.type === 'timeseries' && !onPanel && entries.some(([k, v]) => (k === 'custom.axisPlacement' || k === 'yaxis') && isRight(k, v)) ? out.rightAxis : undefined;
  for (const [k, v] of entries) {
    if (ctx.type !== 'timeseries' && !onPanel && !COSMETIC.has(k)) {
      why.push(`${k}: a ${ctx.type} shows one series`);
      continue;
    }
    if (k === 'mappings') {
      // why: the board's mappings are the panel's, so only an override of every series can set them
      if (!onPanel) why.push("value mappings of some series: the panel's apply to every series");
      else {
        const r = readMappings(v);
        out.mappings = r.mappings;
        why.push(...r.notes);
      }
      continue;
    }
    const r = applyProp(k, v, props, onPanel && ['unit', 'decimals', 'min', 'max'].includes(k) ? out.panel : undefined, ctx, right);
    if (r) why.push(r);
  }
  if (Object.keys(props).length > 0) {
    if (ctx.type !== 'timeseries') why.push('series styles: a single value has none');
    else out.overrides.push({ ...(m === 'all' ? { match: '/.*/' } : m), ...props });
  }
  return why;
}

export function mapOverrides(p: GrafanaPanel, ctx: OverrideContext): OverrideMapping {
  const out: OverrideMapping = { overrides: [], panel: {}, rightAxis: {}, notApplied: [] };
  for (const raw of p.fieldConfig?.overrides ?? []) {
    const o = record(raw);
    const matcher = record(o?.['matcher']);
    const target = `${typeof matcher?.['id'] === 'string' ? matcher['id'] : 'field'} ${JSON.stringify(typeof matcher?.['options'] === 'string' ? matcher['options'] : '…')}`;
    const entries = (Array.isArray(o?.['properties']) ? o['properties'].map(record) : [])
      .filter((x) => typeof x?.['id'] === 'string')
      .map((x) => [x?.['id'] as string, x?.['value']] as [string, unknown]);
    const matchers = matchersOf(matcher, ctx.refIds);
    const why = typeof matchers === 'string' ? [matchers] : matchers.flatMap((m) => collect(m, entries, ctx, out));
    const line = describe(target, [...new Set(why)]);
    if (line) out.notApplied.push(line);
  }
  for (const raw of p.seriesOverrides ?? []) {
    const o = record(raw);
    const alias = o?.['alias'];
    if (!o || typeof alias !== 'string' || alias === '') continue;
    // why: an old graph matches a /regex/ alias unanchored and any other alias exactly, as a board match does
    const entries = Object.entries(o).filter(([k]) => k !== 'alias');
    const line = describe(`series "${alias}"`, [...new Set(collect({ match: alias }, entries, ctx, out))]);
    if (line) out.notApplied.push(line);
  }
  return out;
}
