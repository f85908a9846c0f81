// The name a series is drawn with: the panel's legend format, or Prometheus' own notation.
import type { Labels } from '../../../shared/model';

/**
 * `{{instance}}` → that label's value (empty when missing). Without a legend: `name{a="1"}`; with no
 * labels at all, `title` (the panel's title reads better on a wall than PromQL) or else the query.
 */
export function seriesName(labels: Labels, query: string, legend?: string, title?: string): string {
  if (legend !== undefined && legend !== '') {
    return legend.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  }
  const metric = labels['__name__'] ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  if (!metric && rest.length === 0) return title ?? query;
  return rest.length ? `${metric}{${rest.join(', ')}}` : metric;
}
