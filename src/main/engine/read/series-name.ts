// The name a series is drawn with: the panel's legend format, or Prometheus' own notation.
import type { Labels } from '../../../shared/model';

/**
 * `{{instance}}` → that label's value (empty when missing). Without a legend, or when it renders empty: `name{a="1"}`; with no
 * labels at all, `title` (the panel's title reads better on a wall than PromQL) or else the query.
 */
export function seriesName(labels: Labels, query: string, legend?: string, title?: string): string {
  if (legend !== undefined && legend !== '') {
    const rendered = legend.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
    // why: `{{pod}}` on a series without that label renders empty; Grafana then names the series as if no
    // legend were set, and an unnamed series on a wall cannot be told from its neighbours
    if (rendered.trim() !== '') return rendered;
  }
  const metric = labels['__name__'] ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  if (!metric && rest.length === 0) return title ?? query;
  return rest.length ? `${metric}{${rest.join(', ')}}` : metric;
}

const named = new WeakMap<Labels, Map<string, string>>();

/** seriesName, kept per labels object (the store hands out one per series, read-only); why: a
 *  snapshot names every series of every panel, and scrubbing asks for snapshots many times a second. */
export function storedSeriesName(series: { labels: Labels; query: string }, legend?: string, title?: string): string {
  let byFormat = named.get(series.labels);
  if (!byFormat) named.set(series.labels, (byFormat = new Map()));
  const k = `${series.query}\0${legend ?? ''}\0${title ?? ''}`;
  let name = byFormat.get(k);
  if (name === undefined) byFormat.set(k, (name = seriesName(series.labels, series.query, legend, title)));
  return name;
}
