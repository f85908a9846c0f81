// A Grafana dashboard → a board: read the export, resolve variables, expand repeats, map panels, cut
// into pages, and write YAML that the board loader accepts. Pure apart from the injected client.
import { stringify } from 'yaml';
import type { BoardInput } from '../../shared/config-schema';
import { parseDuration } from '../../shared/duration';
import { parseBoardText } from '../engine/config/load';
import { readDashboard, type GrafanaDashboard } from './dashboard';
import { datasourceClassifier, namedDatasources } from './datasource';
import { dashboardSections } from './layout';
import { Notes } from './notes';
import { paginate } from './paginate';
import { mapPanel, type MappedPanel, type PanelInput } from './panel-map';
import { expandRepeats } from './repeat';
import { SOURCE_INTERVAL_MS } from './source';
import { resolveVariables, selectionsOf, type VariableClient } from './variables';

export interface ImportOptions {
  /** Written into the board's Prometheus source. */
  prometheusUrl: string;
  /** Resolves query variables; absent: saved values are used. */
  client?: VariableClient;
  brandLabel?: string;
  vars: ReadonlyMap<string, string[]>;
}

export type ImportResult = { ok: true; yaml: string; board: BoardInput; notes: Notes } | { ok: false; reason: string };

export const DEFAULT_PROMETHEUS_URL = 'http://127.0.0.1:9090';
const SOURCE_ID = 'prometheus';
const PALETTE = ['#4c78a8', '#e4572e', '#17becf', '#9467bd', '#2ca02c', '#ff7f0e', '#bcbd22', '#8c564b', '#e377c2', '#7f7f7f'];

/** A board id from any text: lower-case letters, digits and dashes. */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return s === '' ? fallback : s;
}

function uniqueIds(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

/** `now-6h` → `6h`: the dashboard's time range becomes the board's $__range. */
export function timeRangeOf(d: GrafanaDashboard): string | undefined {
  const m = /^now-(\d+)([smhdw])$/.exec(d.time?.from ?? '');
  if (!m || (d.time?.to ?? 'now') !== 'now') return undefined;
  const n = Number(m[1]);
  return m[2] === 'w' ? `${n * 7}d` : `${n}${m[2] as string}`;
}

/** `${env:X}` in imported text would be read as a secret reference by the loader: defuse it. */
function defuseEnv<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\$\{env:/g, '$ {env:') as T;
  if (Array.isArray(value)) return value.map(defuseEnv) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, defuseEnv(v)])) as T;
  return value;
}

function pageTitle(dashboard: string, sections: (string | undefined)[], index: number, count: number): string {
  const named = sections.filter((s): s is string => s !== undefined && s.trim() !== '');
  if (named.length > 0) return `${dashboard} — ${named.join(' · ')}`;
  return count > 1 ? `${dashboard} (${index + 1}/${count})` : dashboard;
}

export async function importDashboard(json: unknown, opts: ImportOptions): Promise<ImportResult> {
  const read = readDashboard(json);
  if (!read.ok) return read;
  const d = read.dashboard;
  const notes = new Notes();
  let vars;
  try {
    const rangeMs = parseDuration(timeRangeOf(d) ?? '1h') ?? 3_600_000;
    const macros = { stepMs: SOURCE_INTERVAL_MS, scrapeIntervalMs: SOURCE_INTERVAL_MS, rangeMs };
    vars = await resolveVariables({ list: d.templating?.list ?? [], ...(opts.client ? { client: opts.client } : {}), overrides: opts.vars, notes, macros, datasourceNames: namedDatasources(d) });
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const selections = selectionsOf(vars);
  const classify = datasourceClassifier(d, vars);
  const sections = expandRepeats(dashboardSections(d), selections, notes);
  const brandValues = new Map<string, string>();
  const nextId = uniqueIds();
  const mapped = sections.map((s) => ({
    title: s.title,
    panels: s.panels.map((p) => {
      const r = mapPanel(p.panel, { selections: p.selections, notes, datasource: classify, ...(opts.brandLabel ? { brandLabel: opts.brandLabel } : {}) });
      let panel: MappedPanel = r.panel;
      if (r.brandValue !== undefined) {
        const id = slug(r.brandValue, 'brand');
        brandValues.set(id, r.brandValue);
        panel = { ...panel, brand: id };
      }
      return { item: panel, cell: p.cell };
    }),
  }));
  let plans = paginate(mapped);
  if (plans.length === 0) {
    plans = [{ sections: [], panels: [{ item: { type: 'text', title: d.title, text: 'This Grafana dashboard has no panels.' }, cell: { x: 0, y: 0, w: 24, h: 4 } }] }];
  }
  const pageIds = uniqueIds();
  const pages = plans.map((plan, i) => {
    const title = pageTitle(d.title, plan.sections, i, plans.length);
    return {
      id: pageIds(slug(plan.sections.find((s) => s !== undefined) ?? (plans.length > 1 ? `page-${i + 1}` : d.title), `page-${i + 1}`)),
      title,
      panels: plan.panels.map(({ item, cell }): PanelInput => ({ id: nextId(slug(item.title ?? '', 'panel')), ...item, grid: cell })),
    };
  });
  const range = timeRangeOf(d);
  const board = defuseEnv({
    title: d.title,
    ...(range ? { timeRange: range } : {}),
    ...(brandValues.size > 0 ? { brands: [...brandValues].map(([id, name], i) => ({ id, name, color: PALETTE[i % PALETTE.length] as string })) } : {}),
    sources: { prometheus: [{ id: SOURCE_ID, url: opts.prometheusUrl, interval: `${SOURCE_INTERVAL_MS / 1000}s` }] },
    pages,
  }) as unknown as BoardInput;
  const header = `# Imported from the Grafana dashboard "${d.title.replace(/\n/g, ' ')}"${d.uid ? ` (uid ${d.uid})` : ''} by wallboard import-grafana.\n`;
  const yaml = header + stringify(board, { lineWidth: 0 });
  // why: the promise is a board check-config accepts; a mapping bug must fail here, not on the wall
  const check = parseBoardText(yaml, 'imported board', {});
  if (!check.ok) return { ok: false, reason: `internal error: the imported board does not validate: ${check.problems[0]?.message ?? ''}` };
  return { ok: true, yaml, board, notes };
}
