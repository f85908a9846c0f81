// Which kind of datasource a panel or target reads: only Prometheus queries can be imported.
// Grafana writes datasources as null (the default), a name, `${DS_X}` (an export input),
// `$ds` (a datasource variable) or `{type, uid}`.
import { readVariable, type GrafanaDashboard } from './dashboard';
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

function choiceNames(raw: unknown): string[] {
  if (raw === null || typeof raw !== 'object') return [];
  const o = raw as Record<string, unknown>;
  return [o['text'], o['value']].flatMap((x) => (Array.isArray(x) ? x : [x])).filter((x): x is string => typeof x === 'string' && x !== '' && !x.startsWith('$'));
}

/**
 * Datasource names whose plugin the dashboard itself states, lower-cased name → plugin id: the saved
 * choice and options of a datasource variable (`{type: datasource, query: prometheus, current: {text:
 * "Postgres Overview"}}`: a Prometheus datasource whatever its name says) and an export input's label.
 */
export function namedDatasources(d: Pick<GrafanaDashboard, 'templating' | '__inputs'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of d.templating?.list ?? []) {
    const v = readVariable(raw);
    const plugin = typeof v?.query === 'string' ? v.query.toLowerCase() : '';
    if (v?.type !== 'datasource' || plugin === '') continue;
    for (const name of [...choiceNames(v.current), ...v.options.flatMap(choiceNames)]) out.set(name.toLowerCase(), plugin);
  }
  for (const i of d.__inputs ?? []) if (i.label && i.pluginId) out.set(i.label.toLowerCase(), i.pluginId.toLowerCase());
  return out;
}

/** A datasource name's plugin: as the dashboard states it, else guessed from the name (`prom…`, `loki…`). */
export function kindOfName(name: string, known: ReadonlyMap<string, string>): DatasourceKind {
  const lower = name.toLowerCase();
  const stated = known.get(lower);
  if (stated) return stated;
  if (lower.includes('prom') || lower.includes('thanos') || lower.includes('mimir') || lower.includes('cortex') || lower.includes('victoria')) return 'prometheus';
  return OTHER_PLUGINS.find((p) => lower.includes(p)) ?? 'default';
}

export function datasourceClassifier(d: GrafanaDashboard, vars: ReadonlyMap<string, ResolvedVariable>): (ref: unknown) => DatasourceKind {
  const known = namedDatasources(d);
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
    return kindOfName(name, known);
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
