// Grafana's variable syntaxes in a string: $var, ${var}, [[var]], ${var:format}, [[var:format]].
// A value is formatted the way Grafana's Prometheus datasource does: a single-valued variable as
// is, a multi-value or All selection as a regex alternation. Names starting with "__" ($__interval,
// $__rate_interval, …) are Grafana macros: left as written, the engine computes them per query.

/** The selection of one variable, as the importer resolved it. */
export interface VariableSelection {
  /** Selected values; for All, every value. */
  values: string[];
  /** The selection is Grafana's "All". */
  all: boolean;
  /** Replaces the All selection verbatim when set (Grafana's "Custom all value", e.g. `.*`). */
  allValue?: string;
  /** Multi-value or include-All variables format as regex; plain ones verbatim. */
  regex: boolean;
}

export type Selections = ReadonlyMap<string, VariableSelection>;

// Grafana's own pattern (public/app/features/variables/utils.ts, variableRegex)
const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** Regex-escapes for a PromQL double-quoted string: `\.` must be written `\\.` there. */
export function promRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

function alternation(values: string[]): string {
  if (values.length === 1) return promRegexEscape(values[0] as string);
  return `(${values.map(promRegexEscape).join('|')})`;
}

/** The text a variable reference becomes, for Grafana's `format` (undefined: the datasource default). */
export function formatSelection(sel: VariableSelection, format: string | undefined, name = ''): string {
  const v = sel.values;
  if (sel.all && sel.allValue !== undefined && (format === undefined || format === 'regex' || format === 'pipe')) return sel.allValue;
  switch (format) {
    case undefined:
      if (!sel.regex) return v.join(',');
      return v.length === 0 ? '.*' : alternation(v);
    case 'regex':
      return v.length === 0 ? '.*' : alternation(v);
    case 'pipe':
      return v.join('|');
    case 'csv':
    case 'raw':
    case 'text':
      return v.join(',');
    case 'glob':
      return v.length > 1 ? `{${v.join(',')}}` : v.join('');
    case 'json':
      return JSON.stringify(v.length === 1 ? v[0] : v);
    case 'doublequote':
      return v.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return v.map((x) => `'${x.replace(/'/g, "\\'")}'`).join(',');
    case 'percentencode':
      return v.map(encodeURIComponent).join(',');
    case 'queryparam':
      // why: Grafana writes the URL parameters that select the value(s): var-NAME=VALUE, All as All
      return (sel.all ? ['All'] : v).map((x) => `var-${name}=${encodeURIComponent(x)}`).join('&');
    default:
      return v.join(',');
  }
}

const AUTO_INTERVAL = '__auto_interval_';

export interface InterpolateResult {
  text: string;
  /** Variable names referenced but not defined (macros excluded). */
  unknown: string[];
}

/** Replaces every reference to a selected variable; unknown names and `$__` macros stay as written. */
export function interpolate(text: string, selections: Selections): InterpolateResult {
  const unknown = new Set<string>();
  const out = text.replace(VARIABLE_RE, (match, plain?: string, bracket?: string, bracketFmt?: string, braced?: string, _field?: string, bracedFmt?: string) => {
    const name = plain ?? bracket ?? braced ?? '';
    // why: an auto interval variable's value is Grafana's own $__interval (range / auto_count, at least auto_min)
    if (name.startsWith(AUTO_INTERVAL)) return '$__interval';
    if (name.startsWith('__')) return match;
    const sel = selections.get(name);
    if (!sel) {
      // why: `$1` in a regex replacement or a price is not a variable reference
      if (!/^\d+$/.test(name)) unknown.add(name);
      return match;
    }
    return formatSelection(sel, bracketFmt ?? bracedFmt, name);
  });
  return { text: out, unknown: [...unknown] };
}

/** The variable names a text references (macros excluded), in order of first use. */
export function referencedVariables(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(VARIABLE_RE)) {
    const name = m[1] ?? m[2] ?? m[4] ?? '';
    if (name !== '' && !name.startsWith('__')) out.add(name);
  }
  return [...out];
}
