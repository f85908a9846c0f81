// The board file: what it may say. Types are inferred from this schema; nothing else defines them.
// Shared by main and renderer, so no Node and no DOM here.
import { parseCondition } from './health-condition';
import { z } from 'zod';
import { kioskSettings, updateSettings } from './desktop-schema';
import { duration } from './duration-schema';
import { PANEL_TYPES, isQueryPanel } from './panel-types';
import { SOURCE_KINDS, SOURCE_KIND_NAMES, type SourceKind, type SourceKindInfo } from './source-kinds';

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'an id is letters, digits, "-" or "_" and starts with a letter or digit');

export const SEVERITIES = ['critical', 'high', 'warning', 'info'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

const color = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour is #rrggbb');

const tls = z
  .object({
    ca: z.string().optional().describe('path to a PEM file of CA certificates to trust'),
    insecureSkipVerify: z.boolean().default(false).describe('accept any certificate: only for testing'),
  })
  .strict();

const basicAuth = z.object({ username: z.string(), password: z.string() }).strict();

const httpSource = {
  id,
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  interval: duration.default(15_000),
  timeout: duration.default(10_000),
  headers: z.record(z.string(), z.string()).default({}),
  basicAuth: basicAuth.optional(),
  bearerToken: z.string().optional(),
  tls: tls.optional(),
  maxBodyBytes: z.number().int().positive().default(32 * 1024 * 1024),
};

export const prometheusSource = z
  .object({
    ...httpSource,
    maxSeries: z.number().int().positive().default(5000),
    scrapeInterval: duration
      .optional()
      .describe("how often Prometheus scrapes the targets (Grafana's datasource \"scrape interval\"); $__rate_interval uses it; the poll interval when absent"),
  })
  .strict();
export const alertmanagerSource = z
  .object({ ...httpSource, author: z.string().default('wallboard') })
  .strict();
export const prometheusAlertsSource = z.object(httpSource).strict();

// why: the same parser the health source evaluates with, so check-config refuses what would always fail
const condition = z.string().superRefine((text, ctx) => {
  const p = parseCondition(text);
  if (!p.ok) ctx.addIssue({ code: 'custom', message: p.reason });
});

export const healthSource = z
  .object({
    ...httpSource,
    interval: duration.default(30_000),
    timeout: duration.default(5_000),
    brand: id.optional(),
    name: z.string().optional(),
    conditions: z.array(condition).default(['[STATUS] == 200']),
    failAfter: z.number().int().positive().default(3),
    recoverAfter: z.number().int().positive().default(2),
  })
  .strict();

export const demoSource = z
  .object({ id, seed: z.number().int().default(42), interval: duration.default(15_000) })
  .strict();

/** Every config the board may list under `sources:` has an id and a poll interval (ms). */
interface SourceConfigBase {
  id: string;
  interval: number;
}

/** The board-file schema of each source kind (what it is: source-kinds.ts); a kind without one is a compile error. */
const SOURCE_SCHEMAS = {
  prometheus: prometheusSource,
  alertmanager: alertmanagerSource,
  'prometheus-alerts': prometheusAlertsSource,
  health: healthSource,
  demo: demoSource,
} satisfies { [K in SourceKind]: z.ZodType<SourceConfigBase> };

type SourceLists = { [K in SourceKind]: z.ZodDefault<z.ZodArray<(typeof SOURCE_SCHEMAS)[K]>> };
const sourcesSchema = z.object(Object.fromEntries(SOURCE_KIND_NAMES.map((k) => [k, z.array(SOURCE_SCHEMAS[k]).default([])])) as SourceLists);
const noSources = Object.fromEntries(SOURCE_KIND_NAMES.map((k) => [k, []])) as unknown as z.output<typeof sourcesSchema>;

export const threshold = z.object({ value: z.number(), severity }).strict();

export const detectSettings = z.union([
  z.literal(false),
  z
    .object({
      method: z.enum(['auto', 'zscore', 'seasonal', 'changepoint']).default('auto'),
      sensitivity: z.enum(['low', 'medium', 'high']).default('medium'),
      notify: z.boolean().default(false),
    })
    .strict(),
]);

export const UNITS = [
  'short', 'none', 'percent', 'percentunit', 'bytes', 's', 'ms', 'reqps', 'currency', 'usd', 'eur', 'inr',
  // why: the units Grafana dashboards use most, so an import keeps them (names are Grafana's unit ids)
  'decbytes', 'bits', 'bps', 'Bps', 'ns', 'us', 'ops', 'celsius',
] as const;

const grid = z
  .object({
    x: z.number().int().min(0).max(23),
    y: z.number().int().min(0),
    w: z.number().int().min(1).max(24),
    h: z.number().int().min(1),
  })
  .strict();

export const panel = z
  .object({
    id,
    type: z.enum(PANEL_TYPES),
    title: z.string().optional(),
    brand: id.optional(),
    query: z.string().min(1).optional(),
    /** Extra queries drawn in the same panel (timeseries). */
    queries: z.array(z.object({ query: z.string().min(1), legend: z.string().optional() }).strict()).optional(),
    source: id.optional(),
    legend: z.string().optional().describe('legend format, e.g. "{{instance}}"'),
    unit: z.enum(UNITS).default('short'),
    decimals: z.number().int().min(0).max(6).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    thresholds: z.array(threshold).default([]),
    /** `below`: lower values are worse (a success rate); a threshold is crossed at value ≤ it. */
    worse: z.enum(['above', 'below']).optional(),
    /** A trend forecast of the headline value reaching `value`, shown as "<label> in 3h 10m". */
    forecast: z.object({ value: z.number(), label: z.string().min(1) }).strict().optional(),
    /** Timeseries: series drawn stacked (each on top of the ones before). */
    stack: z.boolean().optional(),
    /** Timeseries: opacity of the area under each line, 0 (none) to 1. */
    fill: z.number().min(0).max(1).optional(),
    targets: z.array(id).optional(),
    filter: z
      .object({ brand: id.optional(), severity: severity.optional(), source: id.optional() })
      .strict()
      .optional(),
    text: z.string().optional(),
    grid: grid.optional(),
    detect: detectSettings.optional(),
  })
  .strict();

export const page = z
  .object({
    id,
    title: z.string(),
    dwell: duration.default(30_000),
    panels: z.array(panel).min(1),
  })
  .strict();

export const brand = z.object({ id, name: z.string(), color: color.default('#4c78a8') }).strict();

const notifyRoute = z
  .object({
    brand: id.optional(),
    minSeverity: severity.default('high'),
    sound: z.partialRecord(severity, z.string()).optional(),
    resolved: z.boolean().default(true),
  })
  .strict();

export const notifySettings = z
  .object({
    minSeverity: severity.default('high'),
    resolved: z.boolean().default(true),
    quietHours: z
      .object({ from: z.string().regex(/^\d\d:\d\d$/), to: z.string().regex(/^\d\d:\d\d$/) })
      .strict()
      .optional(),
    ratePerMinute: z.number().int().positive().default(6),
    escalateAfter: duration.default(300_000),
    routes: z.array(notifyRoute).default([]),
  })
  .strict();

export const boardSchema = z
  .object({
    title: z.string().default('Wallboard'),
    retention: duration.default(86_400_000),
    timeRange: duration
      .default(3_600_000)
      .describe('the time range queries mean by $__range (Grafana\'s dashboard time range)'),
    storage: z
      .object({
        significantDigits: z
          .number()
          .int()
          .min(3)
          .max(17)
          .default(5)
          .describe(
            'Significant digits the buffer keeps per sample (3..17). 17 is lossless; the default 5 keeps the relative error ≤ 5e-5, invisible on a wall that shows 3–4 digits, at ~1.5 bytes/sample on disk (see test/bench/store-bench.ts). A change applies on reload, to data written from then on.',
          ),
      })
      .strict()
      .default({ significantDigits: 5 })
      .describe('How the offline buffer keeps samples.'),
    timezone: z.string().optional(),
    theme: z.enum(['dark', 'light']).default('dark'),
    brands: z.array(brand).default([]),
    sources: sourcesSchema.strict().default(noSources),
    detect: detectSettings.default({ method: 'auto', sensitivity: 'medium', notify: false }),
    notify: notifySettings.default({
      minSeverity: 'high',
      resolved: true,
      ratePerMinute: 6,
      escalateAfter: 300_000,
      routes: [],
    }),
    pages: z.array(page).min(1, 'a board needs at least one page'),
    /** Desktop app only (serve ignores them): kiosk walls and updates. */
    kiosk: kioskSettings.optional(),
    updates: updateSettings.optional(),
  })
  .strict();

export type Board = z.infer<typeof boardSchema>;
export type BoardInput = z.input<typeof boardSchema>;
export type Page = z.infer<typeof page>;
export type Panel = z.infer<typeof panel>;
export type Brand = z.infer<typeof brand>;
export type PrometheusSourceConfig = z.infer<typeof prometheusSource>;
export type AlertmanagerSourceConfig = z.infer<typeof alertmanagerSource>;
export type PrometheusAlertsSourceConfig = z.infer<typeof prometheusAlertsSource>;
export type HealthSourceConfig = z.infer<typeof healthSource>;
export type DemoSourceConfig = z.infer<typeof demoSource>;
export type DetectSettings = z.infer<typeof detectSettings>;
export type NotifySettings = z.infer<typeof notifySettings>;
export type Threshold = z.infer<typeof threshold>;
export type { SourceKind } from './source-kinds';

/** Every query a panel draws, with the Prometheus (or demo) source that answers it. */
export interface PanelQuery {
  panelId: string;
  source: string;
  query: string;
  legend?: string;
}

/** A source the board lists, with its kind. */
export interface BoardSource {
  id: string;
  kind: SourceKind;
  /** ms */
  interval: number;
}

/** The board's sources whose kind passes `test` (see source-kinds.ts), in board-file order. */
export function sourcesThat(board: Board, test: (k: SourceKindInfo) => boolean): BoardSource[] {
  return SOURCE_KIND_NAMES.filter((k) => test(SOURCE_KINDS[k])).flatMap((kind) => {
    const list: readonly SourceConfigBase[] = board.sources[kind];
    return list.map((s) => ({ id: s.id, kind, interval: s.interval }));
  });
}

const answersQueries = (k: SourceKindInfo): boolean => k.metrics;
const METRIC_KINDS = SOURCE_KIND_NAMES.filter((k) => SOURCE_KINDS[k].metrics);

/** The queries of one panel; the source defaults to the only metric source when the panel names none. */
const queriesOf = new WeakMap<Board, WeakMap<Panel, readonly PanelQuery[]>>();

/** Built once per board and panel object (boards are never changed in place: a reload parses a new
 *  one); why: snapshot(at) asks for every panel's queries twice per call. */
export function panelQueries(board: Board, p: Panel): readonly PanelQuery[] {
  let perPanel = queriesOf.get(board);
  if (!perPanel) queriesOf.set(board, (perPanel = new WeakMap()));
  let out = perPanel.get(p);
  if (!out) perPanel.set(p, (out = buildPanelQueries(board, p)));
  return out;
}

function buildPanelQueries(board: Board, p: Panel): PanelQuery[] {
  const source = p.source ?? sourcesThat(board, answersQueries)[0]?.id;
  if (source === undefined) return [];
  const out: PanelQuery[] = [];
  if (p.query) out.push({ panelId: p.id, source, query: p.query, ...(p.legend ? { legend: p.legend } : {}) });
  for (const q of p.queries ?? []) {
    out.push({ panelId: p.id, source, query: q.query, ...(q.legend ? { legend: q.legend } : {}) });
  }
  return out;
}

/** Cross-field checks zod cannot express per field: references between sections. Each issue has a path. */
export function boardReferenceIssues(board: Board): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const brands = new Set(board.brands.map((b) => b.id));
  const metricSources = new Set(sourcesThat(board, answersQueries).map((s) => s.id));
  const health = new Set(sourcesThat(board, (k) => k.health === 'self').map((s) => s.id));
  const simulatesHealth = sourcesThat(board, (k) => k.health === 'simulated').length > 0;
  const allIds = new Map<string, (string | number)[]>();
  for (const [kind, list] of Object.entries(board.sources)) {
    list.forEach((s, i) => {
      if (allIds.has(s.id)) issues.push({ path: ['sources', kind, i, 'id'], message: `source id "${s.id}" is used twice` });
      allIds.set(s.id, ['sources', kind, i]);
    });
  }
  board.sources.health.forEach((h, i) => {
    if (h.brand && !brands.has(h.brand)) issues.push({ path: ['sources', 'health', i, 'brand'], message: `unknown brand "${h.brand}"; brands are: ${[...brands].join(', ') || '(none)'}` });
  });
  const panelIds = new Set<string>();
  board.pages.forEach((pg, pi) => {
    pg.panels.forEach((p, i) => {
      const at = ['pages', pi, 'panels', i];
      if (panelIds.has(p.id)) issues.push({ path: [...at, 'id'], message: `panel id "${p.id}" is used twice` });
      panelIds.add(p.id);
      if (p.brand && !brands.has(p.brand)) issues.push({ path: [...at, 'brand'], message: `unknown brand "${p.brand}"; brands are: ${[...brands].join(', ') || '(none)'}` });
      if (p.source && !metricSources.has(p.source)) issues.push({ path: [...at, 'source'], message: `unknown metric source "${p.source}"; ${METRIC_KINDS.join('/')} sources are: ${[...metricSources].join(', ') || '(none)'}` });
      const needsQuery = isQueryPanel(p);
      if (needsQuery && !p.query && !p.queries?.length) issues.push({ path: at, message: `a ${p.type} panel needs a "query"` });
      if (needsQuery && metricSources.size === 0) issues.push({ path: at, message: `a query panel needs a ${METRIC_KINDS.join(' or ')} source under "sources"` });
      if (needsQuery && !p.source && metricSources.size > 1) issues.push({ path: at, message: `several metric sources exist; name one with "source:" (${[...metricSources].join(', ')})` });
      (p.targets ?? []).forEach((t, ti) => {
        // why: a source that simulates health targets (demo) reports ones the board does not list
        if (!health.has(t) && !simulatesHealth) issues.push({ path: [...at, 'targets', ti], message: `unknown health target "${t}"; health sources are: ${[...health].join(', ') || '(none)'}` });
      });
    });
  });
  const pageIds = new Set(board.pages.map((p) => p.id));
  for (const [display, list] of Object.entries(board.kiosk?.pages ?? {})) {
    list.forEach((pid, i) => {
      if (!pageIds.has(pid)) issues.push({ path: ['kiosk', 'pages', display, i], message: `unknown page "${pid}"; pages are: ${[...pageIds].join(', ')}` });
    });
  }
  return issues;
}
