// Which kind of datasource a panel or target reads: only Prometheus queries can be imported.
// Grafana writes datasources as null (the default), a name, `${DS_X}` (an export input),
// `$ds` (a datasource variable) or `{type, uid}`.
import type { GrafanaDashboard } from './dashboard';
import type { ResolvedVariable } from './variables';
import { own } from './own';

/** Plugin id (`prometheus`, `loki`, …), `mixed`, or `default` when the dashboard leaves it open. */
export type DatasourceKind = string;

const SPECIAL: Record<string, string> = {
  '-- mixed --': 'mixed',
  '-- grafana --': 'grafana',
  '-- dashboard --': 'dashboard',
  grafana: 'grafana',
};

const OTHER_PLUGINS = ['loki', 'influx', 'elastic', 'mysql', 'postgres', 'graphite', 'cloudwatch', 'tempo', 'jaeger', 'zipkin', 'mssql', 'opentsdb', 'testdata', 'stackdriver', 'azure', 'clickhouse', 'splunk', 'datadog'];

export function datasourceClassifier(d: GrafanaDashboard, vars: ReadonlyMap<string, ResolvedVariable>): (ref: unknown) => DatasourceKind {
  const inputs = new Map((d.__inputs ?? []).filter((i) => i.name !== undefined).map((i) => [i.name as string, (i.pluginId ?? 'prometheus').toLowerCase()]));
  const byName = (name: string): DatasourceKind => {
    const special = own(SPECIAL, name.toLowerCase());
    if (special) return special;
    const ref = /^\$\{?(\w+)(?::\w+)?\}?$/.exec(name);
    if (ref) {
      const input = inputs.get(ref[1] as string);
      if (input) return input;
      const v = vars.get(ref[1] as string);
      if (v?.plugin) return v.plugin;
      return 'default';
    }
    const lower = name.toLowerCase();
    if (lower.includes('prom') || lower.includes('thanos') || lower.includes('mimir') || lower.includes('cortex') || lower.includes('victoria')) return 'prometheus';
    return OTHER_PLUGINS.find((p) => lower.includes(p)) ?? 'default';
  };
  return (ref) => {
    if (ref === null || ref === undefined || ref === '') return 'default';
    if (typeof ref === 'string') return byName(ref);
    if (typeof ref === 'object') {
      const o = ref as Record<string, unknown>;
      const uid = typeof o['uid'] === 'string' ? o['uid'] : undefined;
      const type = typeof o['type'] === 'string' ? o['type'].toLowerCase() : undefined;
      const byUid = uid !== undefined ? own(SPECIAL, uid.toLowerCase()) : undefined;
      if (byUid) return byUid;
      if (type === 'datasource') return uid === '-- Mixed --' ? 'mixed' : 'grafana';
      if (type !== undefined) return type;
      if (uid !== undefined) return byName(uid);
    }
    return 'default';
  };
}

/** A kind whose queries are PromQL (the default datasource is assumed to be Prometheus). */
export function isPrometheus(kind: DatasourceKind): boolean {
  return kind === 'prometheus' || kind === 'default' || kind === 'mixed';
}
