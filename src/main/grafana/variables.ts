// Template variables: each kind resolved to a selection, in dashboard order so a variable can use
// the ones before it (chained variables). Query variables ask Prometheus through an injected
// client; without one the dashboard's saved selection is used and the summary says so.
import { readVariable, type GrafanaVariable } from './dashboard';
import { interpolate, type VariableSelection } from './interpolate';
import type { Notes } from './notes';
import { applyRegex, parseRegex, resultText, sortValues, splitCustom } from './variable-values';
import { expandMacros, type MacroContext } from '../engine/query-macros';

export interface PromSeries {
  metric: Record<string, string>;
  value: string;
  /** s: the sample's time, as Prometheus answers it. */
  t?: number;
  /** A scalar or string answer: no series, only a value. */
  scalar?: boolean;
}

/** What variable resolution needs of Prometheus. Methods reject with a one-line reason. */
export interface VariableClient {
  /** Values of `label`, optionally only on series matching `match` (a selector). */
  labelValues(label: string, match?: string): Promise<string[]>;
  labelNames(match?: string): Promise<string[]>;
  /** Instant query. */
  query(expr: string): Promise<PromSeries[]>;
}

export interface ResolvedVariable {
  name: string;
  type: string;
  selection: VariableSelection;
  /** Every value the variable offers (repeats expand over the selected ones). */
  options: string[];
  /** For `datasource` variables: the plugin id (prometheus, loki, …). */
  plugin?: string;
}

export interface ResolveInput {
  list: unknown[];
  client?: VariableClient;
  /** --var NAME=VALUE, several values per name allowed. */
  overrides: ReadonlyMap<string, string[]>;
  notes: Notes;
  /** Grafana's macros in variable queries ($__range, $__interval) take the imported board's values. */
  macros?: MacroContext;
  /** Datasource names the dashboard states the plugin of (lower-cased name → plugin id). */
  datasourceNames?: ReadonlyMap<string, string>;
}

const ALL = '$__all';

/** Prometheus answered that one query is wrong (HTTP 400/422, bad_data); it is reachable. */
export class QueryRejected extends Error {}

function asStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(asStrings);
  return [];
}

/** Saved current value(s) of a variable. */
function savedCurrent(v: GrafanaVariable): string[] {
  const cur = v.current;
  if (cur !== null && typeof cur === 'object' && 'value' in cur) return asStrings((cur as { value: unknown }).value);
  return asStrings(cur);
}

/** Saved option values (what Grafana last saw), All excluded. */
function savedOptions(v: GrafanaVariable): string[] {
  const out: string[] = [];
  for (const o of v.options) {
    if (o !== null && typeof o === 'object' && 'value' in o) out.push(...asStrings((o as { value: unknown }).value));
  }
  return out.filter((x) => x !== ALL);
}

/**
 * The variable's query as text. Grafana 10+ saves the query editor's fields
 * (`{qryType, label, metric, labelFilters, varQuery}`) and may leave `query` empty; those become
 * the classic function they stand for.
 */
function queryText(v: GrafanaVariable): string {
  if (typeof v.query === 'string') return v.query;
  if (v.query !== null && typeof v.query === 'object') {
    const o = v.query as Record<string, unknown>;
    const q = o['query'];
    if (typeof q === 'string' && q.trim() !== '') return q;
    const str = (k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
    const filters = Array.isArray(o['labelFilters'])
      ? (o['labelFilters'] as unknown[])
          .map((f) => (f !== null && typeof f === 'object' ? (f as Record<string, unknown>) : {}))
          .filter((f) => typeof f['label'] === 'string' && typeof f['value'] === 'string')
          .map((f) => `${f['label'] as string}${typeof f['op'] === 'string' ? f['op'] : '='}"${f['value'] as string}"`)
      : [];
    const selector = str('metric') + (filters.length > 0 ? `{${filters.join(',')}}` : '');
    switch (o['qryType']) {
      case 0:
        return `label_names(${selector})`;
      case 1:
        if (str('label') !== '') return selector === '' ? `label_values(${str('label')})` : `label_values(${selector}, ${str('label')})`;
        break;
      case 2:
        return `metrics(${str('metric')})`;
      case 3:
        if (str('varQuery') !== '') return `query_result(${str('varQuery')})`;
        break;
      default:
        break;
    }
  }
  return v.definition ?? '';
}

const FUNC_RE = /^\s*(label_values|label_names|metrics|query_result)\s*\(([\s\S]*)\)\s*$/;

/** Runs a query variable's query: label_values, label_names, metrics, query_result or a bare expression. */
export async function runVariableQuery(query: string, client: VariableClient): Promise<string[]> {
  const m = FUNC_RE.exec(query);
  if (!m) return (await client.query(query)).map(resultText);
  const fn = m[1] as string;
  const arg = (m[2] as string).trim();
  switch (fn) {
    case 'label_values': {
      const comma = arg.lastIndexOf(',');
      if (comma < 0) return client.labelValues(arg);
      const match = arg.slice(0, comma).trim();
      return client.labelValues(arg.slice(comma + 1).trim(), match === '' ? undefined : match);
    }
    case 'label_names':
      return client.labelNames(arg === '' ? undefined : arg);
    case 'metrics': {
      const re = parseRegex(arg);
      return (await client.labelValues('__name__')).filter((n) => !re || re.test(n));
    }
    default:
      return (await client.query(arg)).map(resultText);
  }
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

/** The options a variable offers: asked of Prometheus for query variables when a client is given. */
async function optionsOf(v: GrafanaVariable, text: string, input: ResolveInput): Promise<string[]> {
  switch (v.type) {
    case 'query': {
      if (!input.client) return savedOptions(v);
      const raw = await runVariableQuery(text, input.client);
      return sortValues(uniq(applyRegex(raw, parseRegex(v.regex))), v.sort);
    }
    case 'custom':
    case 'interval':
      return splitCustom(text);
    case 'constant':
      return [text];
    case 'textbox':
      return [savedCurrent(v)[0] ?? text];
    case 'datasource': {
      const saved = savedCurrent(v);
      return saved.length > 0 ? saved : [text];
    }
    default:
      return savedOptions(v);
  }
}

/** Selection: --var, else the saved current value(s) when still offered, else the first option (All when included). */
function select(v: GrafanaVariable, options: string[], override: string[] | undefined, checked: boolean, notes: Notes): VariableSelection {
  const regex = v.multi === true || v.includeAll === true;
  const base = { regex, ...(typeof v.allValue === 'string' && v.allValue !== '' ? { allValue: v.allValue } : {}) };
  const wanted = override ?? savedCurrent(v);
  if (wanted.some((w) => w === ALL || w === 'All') && (v.includeAll === true || override !== undefined)) {
    return { ...base, values: options, all: true };
  }
  if (v.type === 'interval' && wanted[0] === '$__auto_interval_' + v.name) return { ...base, values: ['$__interval'], all: false };
  const kept = override ?? (checked ? wanted.filter((w) => options.includes(w)) : wanted);
  if (kept.length > 0) return { ...base, values: v.multi === true || override ? kept : kept.slice(0, 1), all: false };
  // why: Grafana puts All first among an includeAll variable's options, so with no saved value still offered it selects All
  if (v.includeAll === true) return { ...base, values: options, all: true };
  if (options.length > 0) return { ...base, values: [options[0] as string], all: false };
  notes.approximated(`variable $${v.name}`, `has no value (${checked ? 'Prometheus offers none' : 'no --prometheus, no saved value'}): it is empty; pass --var ${v.name}=VALUE`);
  return { ...base, values: [''], all: false };
}

const OTHER_DATASOURCES = /loki|elastic|influx|mysql|postgres|graphite|cloudwatch|tempo|jaeger|zipkin|mssql|opentsdb|testdata|splunk|datadog|clickhouse/i;

/** Whether a query variable's datasource is Prometheus (or left to the default, taken to be Prometheus). */
function queriesPrometheus(v: GrafanaVariable, resolved: ReadonlyMap<string, ResolvedVariable>, names: ReadonlyMap<string, string>): boolean {
  const ds = v.datasource;
  let text = '';
  if (typeof ds === 'string') text = ds;
  else if (ds !== null && typeof ds === 'object') {
    const o = ds as Record<string, unknown>;
    text = typeof o['type'] === 'string' ? o['type'] : typeof o['uid'] === 'string' ? o['uid'] : '';
  }
  const stated = names.get(text.toLowerCase());
  if (stated !== undefined) return !OTHER_DATASOURCES.test(stated);
  if (OTHER_DATASOURCES.test(text)) return false;
  // why: `$ds` / `${ds}` is a datasource variable resolved before this one (export inputs like ${DS_LOKI} are named above)
  const ref = /^\$\{?(\w+)\}?$/.exec(text);
  return !OTHER_DATASOURCES.test(ref ? (resolved.get(ref[1] as string)?.plugin ?? '') : '');
}

/** Resolves every variable in order; rejects (with a one-line reason) when Prometheus fails. */
export async function resolveVariables(input: ResolveInput): Promise<Map<string, ResolvedVariable>> {
  const out = new Map<string, ResolvedVariable>();
  const selections = new Map<string, VariableSelection>();
  for (const raw of input.list) {
    const v = readVariable(raw);
    if (!v) continue;
    if (v.type === 'adhoc') {
      input.notes.approximated(`variable $${v.name}`, 'ad hoc filters are not applied');
      continue;
    }
    const interpolated = interpolate(queryText(v), selections).text;
    const text = input.macros && v.type === 'query' ? expandMacros(interpolated, input.macros) : interpolated;
    let options: string[];
    const prometheus = v.type !== 'query' || queriesPrometheus(v, out, input.datasourceNames ?? new Map());
    // whether the options came from Prometheus, so a saved value it no longer offers is dropped
    let asked = v.type === 'query' && input.client !== undefined && prometheus;
    try {
      options = prometheus ? await optionsOf(v, text, input) : savedOptions(v);
    } catch (err) {
      if (!(err instanceof QueryRejected)) throw new Error(`variable $${v.name}: ${(err as Error).message}`, { cause: err });
      input.notes.approximated(`variable $${v.name}`, `${err.message}; its saved value is used`);
      options = savedOptions(v);
      asked = false;
    }
    if (!prometheus) input.notes.approximated(`variable $${v.name}`, 'reads a datasource that is not Prometheus: its saved value is used');
    const selection = select(v, options, input.overrides.get(v.name), asked, input.notes);
    const empty = selection.values.length === 1 && selection.values[0] === '';
    if (v.type === 'query' && !input.client && !empty) input.notes.approximated(`variable $${v.name}`, 'not resolved (no --prometheus): its saved value is used');
    selections.set(v.name, selection);
    out.set(v.name, { name: v.name, type: v.type, selection, options, ...(v.type === 'datasource' ? { plugin: text.toLowerCase() } : {}) });
  }
  for (const name of input.overrides.keys()) {
    if (!out.has(name)) throw new Error(`--var ${name}: the dashboard has no variable "${name}" (it has: ${[...out.keys()].join(', ') || 'none'})`);
  }
  return out;
}

export function selectionsOf(vars: ReadonlyMap<string, ResolvedVariable>): Map<string, VariableSelection> {
  return new Map([...vars].map(([k, v]) => [k, v.selection]));
}
