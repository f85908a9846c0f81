// The values of a Grafana template variable, step by step as Grafana computes them: a custom
// variable's list, the regex step, the sort, and the text of a query_result row.
import type { PromSeries } from './variables';

/** `a, b, c` or `key : value, …`; `\,` is a literal comma. */
export function splitCustom(query: string): string[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts
    .map((p) => p.replace(/\\,/g, ',').trim())
    .map((p) => {
      const kv = /^(.*?)\s+:\s+(.*)$/.exec(p);
      return kv ? (kv[2] as string) : p;
    })
    .filter((p) => p !== '');
}

/** `/pattern/flags` as Grafana writes variable regexes; a bare pattern is accepted too. */
export function parseRegex(text: string | undefined): RegExp | undefined {
  if (!text) return undefined;
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(text);
  try {
    return m ? new RegExp(m[1] as string, (m[2] as string).replace('g', '')) : new RegExp(text);
  } catch {
    return undefined;
  }
}

/** Grafana's regex step: keep matching values; a capture group (or the `value` group) is the value. */
export function applyRegex(values: string[], re: RegExp | undefined): string[] {
  if (!re) return values;
  const out: string[] = [];
  for (const v of values) {
    const m = re.exec(v);
    if (!m) continue;
    out.push(m.groups?.['value'] ?? m.groups?.['text'] ?? m[1] ?? m[0]);
  }
  return out;
}

/** Grafana's `sort`: 1/2 alphabetical, 3/4 numerical, 5/6 alphabetical case-insensitive; even = descending. */
export function sortValues(values: string[], sort: number | undefined): string[] {
  if (!sort) return values;
  const out = [...values];
  if (sort === 3 || sort === 4) {
    const n = (s: string): number => {
      const m = /-?\d+(\.\d+)?/.exec(s);
      return m ? Number(m[0]) : Number.NaN;
    };
    out.sort((a, b) => n(a) - n(b) || a.localeCompare(b));
  } else if (sort === 5 || sort === 6) out.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  else out.sort();
  if (sort % 2 === 0) out.reverse();
  return out;
}

/**
 * Grafana's text for a query_result row, exactly as its Prometheus datasource writes it so the
 * dashboard's regex matches: `name{a="b",c="d"} value timestamp_ms`; a scalar is its value alone.
 */
export function resultText(s: PromSeries): string {
  if (s.scalar === true) return s.value;
  const { __name__: name = '', ...labels } = s.metric;
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return `${name}{${inner}} ${s.value}${s.t !== undefined ? ` ${Math.round(s.t * 1000)}` : ''}`;
}
