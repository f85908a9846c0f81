// The Prometheus text format (version 0.0.4) for /metrics: one writer of a metric family, so the
// engine, serve's event streams, the kiosk supervisor and the wall-crash counter write it alike.

/** A sample: what follows the family name (`''`, `{a="b"}`, `_sum{a="b"}`) and its value. */
export type MetricRow = readonly [suffix: string, value: number];

/** `# HELP`, `# TYPE` and one line per row; a value that is not finite is written as 0. */
export function metricFamily(name: string, type: 'counter' | 'gauge' | 'summary', help: string, rows: readonly MetricRow[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...rows.map(([suffix, v]) => `${name}${suffix} ${Number.isFinite(v) ? v : 0}`)];
}

/** Families joined as one /metrics text, ending in a newline. */
export function metricsText(families: readonly string[][]): string {
  return families.flat().join('\n') + '\n';
}

/** A label value escaped as the format asks (backslash, double quote, newline). */
export function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
