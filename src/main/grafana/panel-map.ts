// One Grafana panel → one board panel. Prometheus panels of a type we draw keep their queries,
// legends and display fields; anything else becomes a text panel that says what it was and why it
// is not drawn, so nothing disappears silently.
import type { z } from 'zod';
import type { panel as panelSchema } from '../../shared/config-schema';
import { readTarget, type GrafanaPanel } from './dashboard';
import { isPrometheus, type DatasourceKind } from './datasource';
import { interpolate, type Selections, type VariableSelection } from './interpolate';
import type { Notes } from './notes';
import { parseDuration } from '../../shared/duration';
import { grafanaIntervals, promDuration } from '../engine/query-macros';
import { panelCaveats } from './panel-caveats';
import { displayFields, hiddenAxes, rightAxisFields } from './panel-fields';
import { mapOverrides } from './series-overrides';
import { mapValueMappings } from './value-mappings';
import { SOURCE_INTERVAL_MS } from './source';
import { own } from './own';

export type PanelInput = z.input<typeof panelSchema>;
/** A board panel before it gets its id and grid cell. */
export type MappedPanel = Omit<PanelInput, 'id' | 'grid'>;

export interface MapContext {
  selections: Selections;
  notes: Notes;
  datasource: (ref: unknown) => DatasourceKind;
  /** --brand-label: the label whose matcher value names a panel's brand. */
  brandLabel?: string;
}

const TYPES: Record<string, PanelInput['type']> = {
  timeseries: 'timeseries',
  graph: 'timeseries',
  stat: 'stat',
  singlestat: 'stat',
  gauge: 'gauge',
  bargauge: 'gauge',
  text: 'text',
  'grafana-singlestat-panel': 'stat',
  // why: a state timeline of a Prometheus query is its values over time: a line shows the same changes
  'state-timeline': 'timeseries',
  'status-history': 'timeseries',
};

/** Types drawn as a near relative, with how. */
const DRAWN_AS: Record<string, string> = {
  'state-timeline': 'a state timeline drawn as a line chart',
  'status-history': 'a status history drawn as a line chart',
};

const WHY: Record<string, string> = {
  table: 'tables are not drawn on the wall',
  'table-old': 'tables are not drawn on the wall',
  heatmap: 'heatmaps are not drawn on the wall',
  piechart: 'pie charts are not drawn on the wall',
  'grafana-piechart-panel': 'pie charts are not drawn on the wall',
  logs: 'log panels need a log datasource',
  alertlist: "Grafana's own alert list reads Grafana alerting, not Alertmanager: add an alertlist panel with an alertmanager source instead",
  dashlist: 'dashboard lists link to other Grafana dashboards',
  news: 'news feeds need the internet',
};

/** Titles read with the selected values as text, never as a regex. */
export function titleSelections(selections: Selections): Selections {
  const out = new Map<string, VariableSelection>();
  for (const [k, s] of selections) out.set(k, { values: s.all ? ['All'] : s.values, all: false, regex: false });
  return out;
}

/** How the summary names a panel; an untitled one by its Grafana id, so several untitled panels stay apart. */
export function panelSubject(title: string, id?: number | string): string {
  if (title.trim() !== '') return `panel "${title}"`;
  return id !== undefined ? `untitled panel (id ${id})` : 'untitled panel';
}

/** The literal value of `label="…"` (or a regex matcher without specials) in a query. */
export function brandValue(query: string, label: string): string | undefined {
  const re = new RegExp(`[{,]\\s*${label.replace(/\W/g, '')}\\s*(=~?)\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
  for (const m of query.matchAll(re)) {
    const value = m[2] as string;
    if (m[1] === '=' || !/[\\^$.|?*+()[\]{}]/.test(value)) return value;
  }
  return undefined;
}

function textOf(p: GrafanaPanel): string {
  const fromOptions = p.options?.['content'];
  const content = typeof fromOptions === 'string' ? fromOptions : (p.content ?? '');
  const mode = typeof p.options?.['mode'] === 'string' ? p.options['mode'] : p.mode;
  if (mode !== 'html') return content;
  // why: markdown would read a line indented 4 spaces as code, and entities as text
  const text = content
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A query's `$__interval` / `$__rate_interval` under the panel's or target's minimum interval
 * (Grafana's "Min interval", e.g. "5m"): Grafana never lets $__interval fall below it, so where it is
 * above the board's step the macros become that fixed duration. Variables in it are resolved first.
 */
export function withMinInterval(query: string, minInterval: string | undefined, approx: (detail: string) => void): string {
  if (minInterval === undefined || minInterval.trim() === '') return query;
  const min = parseDuration(minInterval.trim().replace(/^>/, ''));
  if (min === undefined) {
    if (!/^\$__/.test(minInterval)) approx(`min interval "${minInterval}" not understood; the board's step is used`);
    return query;
  }
  if (min <= SOURCE_INTERVAL_MS) return query;
  const iv = grafanaIntervals({ stepMs: min, scrapeIntervalMs: SOURCE_INTERVAL_MS, rangeMs: 0 });
  return query
    .replace(/\$(?:\{__rate_interval\}|__rate_interval\b)/g, promDuration(iv.rateIntervalMs))
    .replace(/\$(?:\{__interval\}|__interval\b)/g, promDuration(iv.intervalMs));
}

/** Grafana's reductions of a series to one value, as PromQL range functions. */
const REDUCERS: Record<string, string> = { mean: 'avg_over_time', avg: 'avg_over_time', max: 'max_over_time', min: 'min_over_time' };

/**
 * How a stat or gauge reduces its series (`reduceOptions.calcs`, or an old singlestat's
 * `valueName`): undefined for the last value (what the wall shows), else its name and the PromQL
 * function that computes it, when there is one.
 */
function reducerOf(p: GrafanaPanel): { name: string; fn?: string } | undefined {
  const opts = p.options?.['reduceOptions'];
  const calcs = opts !== null && typeof opts === 'object' ? (opts as { calcs?: unknown }).calcs : undefined;
  const name = Array.isArray(calcs) && typeof calcs[0] === 'string' ? calcs[0] : p.type === 'singlestat' ? p.valueName : undefined;
  if (name === undefined || name === 'lastNotNull' || name === 'last' || name === 'current') return undefined;
  const fn = own(REDUCERS, name);
  return fn !== undefined ? { name, fn } : { name };
}

/** The text panel standing in for a panel that cannot be drawn. */
export function unsupportedPanel(title: string, what: string, why: string, queries: string[]): MappedPanel {
  const lines = [`**Not imported:** ${what} — ${why}.`];
  if (queries.length > 0) lines.push('', ...queries.map((q) => `- \`${q.replace(/`/g, "'")}\``));
  return { type: 'text', title: title || what, text: lines.join('\n') };
}

export function mapPanel(p: GrafanaPanel, ctx: MapContext): { panel: MappedPanel; brandValue?: string } {
  const title = interpolate(p.title, titleSelections(ctx.selections)).text;
  const subject = panelSubject(title, p.id);
  const approx = (detail: string): void => ctx.notes.approximated(subject, detail);
  const type = own(TYPES, p.type);
  const panelKind = ctx.datasource(p.datasource);
  const targets = p.targets.map(readTarget).filter((t) => t !== undefined);
  // why: shown on the stand-in text panel with the variables resolved, so they can be run as they are
  const rawQueries = targets.map((t) => t.expr).filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => interpolate(e, ctx.selections).text);

  // why: a reference whose model the export did not carry (resolved ones lose `libraryPanel`)
  if (p.libraryPanel !== undefined) {
    ctx.notes.skipped(subject, 'a library panel: its model is not in the export');
    return { panel: unsupportedPanel(title, 'a library panel', 'its model is not part of the dashboard export; export it with "Export for sharing externally"', []) };
  }
  if (type === undefined) {
    const why = own(WHY, p.type) ?? 'this panel type has no counterpart on the wall';
    ctx.notes.skipped(subject, `panel type ${p.type}: ${why}`);
    return { panel: unsupportedPanel(title, `Grafana panel type \`${p.type}\``, why, rawQueries) };
  }
  if (type === 'text') {
    ctx.notes.imported.push(subject);
    if ((typeof p.options?.['mode'] === 'string' ? p.options['mode'] : p.mode) === 'html') approx('HTML shown as plain text');
    return { panel: { type: 'text', title, text: interpolate(textOf(p), titleSelections(ctx.selections)).text } };
  }
  if (!isPrometheus(panelKind)) {
    const why = `it reads a datasource of type ${panelKind}; only Prometheus queries are imported`;
    ctx.notes.skipped(subject, why);
    return { panel: unsupportedPanel(title, `a ${p.type} panel`, why, []) };
  }

  const reduce = type === 'stat' || type === 'gauge' ? reducerOf(p) : undefined;
  let reduced = false;
  const kept: { query: string; legend?: string; refId: string | undefined; instant: boolean }[] = [];
  let otherKind: string | undefined;
  for (const t of targets) {
    if (t.hide === true) continue;
    const kind = t.datasource !== undefined ? ctx.datasource(t.datasource) : panelKind;
    if (!isPrometheus(kind) || t.expr === undefined) {
      otherKind = isPrometheus(kind) ? 'non-PromQL' : kind;
      continue;
    }
    if (t.expr.trim() === '') continue;
    const q = interpolate(t.expr, ctx.selections);
    for (const name of q.unknown) approx(`$${name} is not a dashboard variable; left as written`);
    const minInterval = t.interval !== undefined && t.interval !== '' ? t.interval : p.interval;
    const query = withMinInterval(q.text.trim(), minInterval === undefined ? undefined : interpolate(minInterval, ctx.selections).text, approx);
    const legendRaw = t.legendFormat === '__auto' ? undefined : t.legendFormat;
    const legend = legendRaw ? interpolate(legendRaw, titleSelections(ctx.selections)).text : undefined;
    kept.push({ query, ...(legend ? { legend } : {}), refId: t.refId, instant: t.instant === true });
  }
  const plain = displayFields(p);
  const over = mapOverrides(p, { refIds: kept.map((k) => k.refId), type, stacked: plain.stack !== undefined, scaled: plain.unit.factor !== undefined, draw: plain.draw ?? 'line' });
  const f = Object.keys(over.panel).length > 0 ? displayFields(p, over.panel) : plain;
  const queries = kept.map(({ query: raw, legend, instant }) => {
    let query = f.unit.factor !== undefined ? `(${raw}) * ${f.unit.factor}` : raw;
    // why: an instant query has one value, which every reduction leaves as it is
    if (reduce?.fn !== undefined && !instant) {
      query = `${reduce.fn}((${query})[$__range:])`;
      reduced = true;
    }
    return { query, ...(legend ? { legend } : {}) };
  });
  if (otherKind !== undefined) approx(`queries of type ${otherKind} left out`);
  if (queries.length === 0) {
    const why = targets.length === 0 ? 'it has no queries' : 'every query is hidden or not PromQL';
    ctx.notes.skipped(subject, why);
    return { panel: unsupportedPanel(title, `a ${p.type} panel`, why, []) };
  }
  for (const a of f.approximations) approx(a);
  for (const c of panelCaveats(p)) approx(c);
  for (const n of over.notApplied) approx(`override not applied: ${n}`);
  const rightAxis = type === 'timeseries' && over.overrides.some((o) => o.axis === 'right') ? rightAxisFields(p, over.rightAxis, f.unit.unit, approx) : undefined;
  const hideAxes = type === 'timeseries' ? hiddenAxes(p, rightAxis !== undefined) : [];
  const mapped = mapValueMappings(p);
  for (const n of mapped.notes) approx(n);
  const mappings = over.mappings ?? mapped.mappings;
  const drawnAs = own(DRAWN_AS, p.type);
  if (drawnAs) approx(drawnAs);
  if (f.unit.factor !== undefined) approx(`queries multiplied by ${f.unit.factor} to show unit ${f.unit.unit}`);
  if (reduced && reduce) approx(`the ${reduce.name} over the dashboard's range is taken in PromQL (${reduce.fn} of a $__range subquery at Prometheus' evaluation interval)`);
  else if (reduce?.fn === undefined && reduce?.name !== undefined) approx(`shows the last value, not ${reduce.name}`);
  if (type !== 'timeseries' && queries.length > 1) approx(`${queries.length} queries; the ${type} shows the first series`);

  const mappedType: PanelInput['type'] = p.type === 'singlestat' && p.gauge?.show === true ? 'gauge' : type;
  const [first, ...rest] = queries as [{ query: string; legend?: string }, ...{ query: string; legend?: string }[]];
  const out: MappedPanel = {
    type: mappedType,
    title,
    query: first.query,
    ...(first.legend ? { legend: first.legend } : {}),
    ...(rest.length > 0 ? { queries: rest } : {}),
    unit: f.unit.unit,
    ...(f.decimals !== undefined ? { decimals: f.decimals } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.thresholds.length > 0 ? { thresholds: f.thresholds, ...(f.worse ? { worse: f.worse } : {}) } : {}),
    ...(mappedType === 'timeseries' && f.stack ? { stack: f.stack } : {}),
    ...(mappedType === 'timeseries' && f.fill !== undefined ? { fill: f.fill } : {}),
    ...(mappedType === 'timeseries' && over.overrides.length > 0 ? { overrides: over.overrides } : {}),
    ...(mappedType === 'timeseries' && f.draw ? { draw: f.draw } : {}),
    ...(rightAxis ? { rightAxis } : {}),
    ...(hideAxes.length > 0 ? { hideAxes } : {}),
    ...(mappings.length > 0 ? { mappings } : {}),
  };
  ctx.notes.imported.push(subject);
  const brand = ctx.brandLabel ? queries.map((q) => brandValue(q.query, ctx.brandLabel as string)).find((b) => b !== undefined) : undefined;
  return { panel: out, ...(brand !== undefined ? { brandValue: brand } : {}) };
}
