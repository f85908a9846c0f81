// How each series of a timeseries is drawn: the panel's defaults with its overrides applied
// (matched by series name, /regex/ or query), in board order so a later override wins.
import type { Panel, SeriesOverride } from '../../shared/config-schema';
import { seriesNameMatcher } from '../../shared/series-name';
import type { Unit } from './axis-format';

export interface SeriesStyle {
  name: string;
  color: string;
  hide: boolean;
  negate: boolean;
  /** Part of the panel's stack (false when the panel does not stack). */
  stacked: boolean;
  unit: Unit;
  decimals?: number;
  /** Area opacity under its line when it differs from the panel's. */
  fill?: number;
  /** Read against the right-hand y axis. */
  right: boolean;
  bars: boolean;
  /** A dot per sample, no line between them. */
  points: boolean;
}

export interface SeriesId {
  name: string;
  query: string;
}

function matches(o: SeriesOverride, s: SeriesId, queries: readonly string[]): boolean {
  if (o.query !== undefined) return queries[o.query] === s.query;
  const m = seriesNameMatcher(o.match as string);
  return typeof m === 'string' ? m === s.name : m.test(s.name);
}

/** The panel's queries in override order: `query` first, then `queries[]`. */
export function panelQueryList(panel: Pick<Panel, 'query' | 'queries'>): string[] {
  return [...(panel.query !== undefined ? [panel.query] : []), ...(panel.queries ?? []).map((q) => q.query)];
}

export interface StyleSpec extends Pick<Panel, 'stack' | 'unit' | 'decimals' | 'draw' | 'rightAxis'> {
  overrides?: readonly SeriesOverride[];
  /** The panel's queries, `query` first (panelQueryList). */
  queries: readonly string[];
}

export function seriesStyles(series: readonly SeriesId[], colors: readonly string[], panel: StyleSpec): SeriesStyle[] {
  const queries = panel.queries;
  return series.map((s, i) => {
    const style: SeriesStyle = {
      name: s.name,
      color: colors[i] as string,
      hide: false,
      negate: false,
      stacked: panel.stack !== undefined && panel.stack !== false,
      unit: panel.unit,
      ...(panel.decimals !== undefined ? { decimals: panel.decimals } : {}),
      right: false,
      bars: panel.draw === 'bars',
      points: panel.draw === 'points',
    };
    let ownUnit = false;
    let ownDecimals = false;
    for (const o of panel.overrides ?? []) {
      if (!matches(o, s, queries)) continue;
      if (o.name !== undefined) style.name = o.name;
      if (o.color !== undefined) style.color = o.color;
      if (o.hide !== undefined) style.hide = o.hide;
      if (o.negate !== undefined) style.negate = o.negate;
      if (o.stack !== undefined) style.stacked = o.stack && panel.stack !== undefined && panel.stack !== false;
      if (o.unit !== undefined) style.unit = o.unit;
      if (o.decimals !== undefined) style.decimals = o.decimals;
      if (o.fill !== undefined) style.fill = o.fill;
      if (o.draw !== undefined) {
        style.bars = o.draw === 'bars';
        style.points = o.draw === 'points';
      }
      if (o.axis !== undefined) style.right = o.axis === 'right';
      ownUnit ||= o.unit !== undefined;
      ownDecimals ||= o.decimals !== undefined;
    }
    // why: a series on the right axis reads in that axis' unit unless an override gives it its own
    if (style.right && !ownUnit && panel.rightAxis?.unit !== undefined) style.unit = panel.rightAxis.unit;
    if (style.right && !ownDecimals && panel.rightAxis?.decimals !== undefined) style.decimals = panel.rightAxis.decimals;
    if (style.hide) style.stacked = false;
    return style;
  });
}
