// Parses demo queries: `demo:<brand>_<metric>` with an optional PromQL-like selector,
// e.g. `demo:platform_cpu_percent{host="web-1"}` or `{host!="db-2"}`.
import type { Labels } from '../../../../shared/model';
import { DEMO_METRICS, type DemoMetricSpec } from './metrics';

export interface DemoMatcher {
  name: string;
  value: string;
  equal: boolean;
}

export type ParsedDemoQuery = { ok: true; spec: DemoMetricSpec; matchers: DemoMatcher[] } | { ok: false; reason: string };

const QUERY_RE = /^\s*demo:([A-Za-z0-9_]+)\s*(?:\{([^}]*)\})?\s*$/;
const MATCHER_RE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*$/;

export function knownDemoQueries(): string {
  return [...DEMO_METRICS.keys()].map((m) => `demo:${m}`).join(', ');
}

export function parseDemoQuery(query: string): ParsedDemoQuery {
  const m = QUERY_RE.exec(query);
  if (!m) return { ok: false, reason: `"${query}" is not a demo query; write demo:<brand>_<metric>; known: ${knownDemoQueries()}` };
  const name = m[1] as string;
  const spec = DEMO_METRICS.get(name);
  if (!spec) return { ok: false, reason: `unknown demo metric demo:${name}; known: ${knownDemoQueries()}` };
  const matchers: DemoMatcher[] = [];
  const body = m[2]?.trim() ?? '';
  if (body !== '') {
    for (const part of body.split(',')) {
      if (part.trim() === '') continue; // why: PromQL allows a trailing comma
      const mm = MATCHER_RE.exec(part);
      if (!mm) return { ok: false, reason: `bad label matcher "${part.trim()}" in ${query}; write {label="value"} or {label!="value"}` };
      matchers.push({ name: mm[1] as string, equal: mm[2] === '=', value: mm[3] as string });
    }
  }
  return { ok: true, spec, matchers };
}

export function matchesAll(labels: Labels, matchers: DemoMatcher[]): boolean {
  return matchers.every((mt) => ((labels[mt.name] ?? '') === mt.value) === mt.equal);
}
