// A VariableClient over a fixed set of series, answering like Prometheus would; records its calls.
import type { PromSeries, VariableClient } from '../../../src/main/grafana/variables';

export type FakeSeries = Record<string, string>;

/** `{a="1", b=~"x|y"}` matchers of a selector (equality and regex only: what the fixtures use). */
function matches(series: FakeSeries, selector: string): boolean {
  const m = /^\s*([a-zA-Z_:][\w:]*)?\s*(?:\{(.*)\})?\s*$/.exec(selector);
  if (!m) return false;
  if (m[1] && series['__name__'] !== m[1]) return false;
  for (const part of (m[2] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const mm = /^\s*(\w+)\s*(=~|!=|=)\s*"(.*)"\s*$/.exec(part);
    if (!mm) return false;
    const v = series[mm[1] as string] ?? '';
    if (mm[2] === '=' && v !== mm[3]) return false;
    if (mm[2] === '!=' && v === mm[3]) return false;
    if (mm[2] === '=~' && !new RegExp(`^(?:${(mm[3] as string).replace(/\\\\/g, '\\')})$`).test(v)) return false;
  }
  return true;
}

export function fakeClient(series: FakeSeries[], queries: Record<string, PromSeries[]> = {}): VariableClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    labelValues(label, match) {
      calls.push(`labelValues(${label}${match ? `, ${match}` : ''})`);
      const out = new Set<string>();
      for (const s of series) if ((!match || matches(s, match)) && s[label] !== undefined) out.add(s[label] as string);
      return Promise.resolve([...out].sort());
    },
    labelNames(match) {
      calls.push(`labelNames(${match ?? ''})`);
      const out = new Set<string>();
      for (const s of series) if (!match || matches(s, match)) Object.keys(s).forEach((k) => out.add(k));
      return Promise.resolve([...out].sort());
    },
    query(expr) {
      calls.push(`query(${expr})`);
      const r = queries[expr];
      return r ? Promise.resolve(r) : Promise.reject(new Error(`bad_data: unexpected query ${expr}`));
    },
  };
}
