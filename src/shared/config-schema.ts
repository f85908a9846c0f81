// The board file: what it may say. Types are inferred from this schema; nothing else defines them.
// Its `sources:` section is source-schemas.ts; checks across sections run after it (board-checks.ts).
// Shared by main and renderer, so no Node and no DOM here.
import { z } from 'zod';
import { kioskSettings, updateSettings } from './desktop-schema';
import { duration } from './duration-schema';
import { id } from './id-schema';
import { PANEL_TYPES } from './panel-types';
import { noSources, sourcesSchema } from './source-schemas';
import { seriesNameMatcher } from './series-name';
import { mappingRegex } from './value-mappings';

export { seriesNameMatcher } from './series-name';

export const SEVERITIES = ['critical', 'high', 'warning', 'info'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

const color = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour is #rrggbb');

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

/** How a timeseries draws its series. */
export const DRAW_STYLES = ['line', 'bars', 'points'] as const;

/** Whether `make` accepts the text (a regex compiles). */
const compiles =
  (make: (s: string) => unknown) =>
  (s: string): boolean => {
    try {
      make(s);
      return true;
    } catch {
      return false;
    }
  };

/**
 * How some series of a timeseries are drawn, differently from the panel's defaults (Grafana's field
 * overrides and graph series overrides). Later entries win over earlier ones.
 */
export const seriesOverride = z
  .object({
    match: z
      .string()
      .min(1)
      .refine(compiles(seriesNameMatcher), 'not a valid /regular expression/')
      .optional()
      .describe('a series name as shown in the legend, or /regex/flags matched against it'),
    query: z.number().int().min(0).optional().describe("the series of one query: 0 = the panel's `query`, 1 = queries[0], …"),
    name: z.string().min(1).optional().describe('shown instead of the series name'),
    color: color.optional(),
    hide: z.boolean().optional().describe('not drawn, and left out of the legend and the stack'),
    negate: z.boolean().optional().describe('drawn below zero (Grafana "negative-Y"); the legend keeps the value'),
    stack: z.boolean().optional().describe('false: drawn as its own line, out of the stack'),
    fill: z.number().min(0).max(1).optional().describe('opacity of the area under its line, 0 (none) to 1'),
    unit: z.enum(UNITS).optional().describe('the unit of its legend value'),
    decimals: z.number().int().min(0).max(6).optional(),
    draw: z.enum(DRAW_STYLES).optional().describe('line, bars or points, where it differs from the panel'),
    axis: z.enum(['left', 'right']).optional().describe('right: read against the right-hand y axis (the panel\'s rightAxis)'),
  })
  .strict()
  .refine((o) => (o.match === undefined) !== (o.query === undefined), 'an override names exactly one of "match" or "query"');

/**
 * A value shown as a text and/or colour (Grafana's value mappings): exactly one of `value`, a range
 * (`from` and/or `to`), `regex` or `special`; first match wins.
 */
export const valueMapping = z
  .object({
    value: z.number().optional().describe('exactly this value'),
    from: z.number().optional().describe('a range from this value (included)'),
    to: z.number().optional().describe('a range up to this value (included)'),
    regex: z
      .string()
      .min(1)
      .refine(compiles(mappingRegex), 'not a valid regular expression')
      .optional()
      .describe('/regex/flags, or a pattern the whole value text must match; "$1" in text is its first group'),
    special: z.enum(['null', 'nan', 'null+nan']).optional().describe('null: no value; nan: not a number'),
    text: z.string().min(1).optional().describe('shown instead of the number (plain text)'),
    color: color.optional().describe('the colour the value is shown in'),
  })
  .strict()
  .refine((m) => [m.value !== undefined, m.from !== undefined || m.to !== undefined, m.regex !== undefined, m.special !== undefined].filter(Boolean).length === 1, 'a mapping names exactly one of "value", a range ("from"/"to"), "regex" or "special"')
  .refine((m) => m.from === undefined || m.to === undefined || m.from <= m.to, '"from" is above "to": this range matches nothing')
  .refine((m) => m.text !== undefined || m.color !== undefined, 'a mapping needs a "text" or a "color" to show');

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
    /** Timeseries: series drawn stacked (each on top of the ones before); `percent`: as shares of their total (0–100 %). */
    stack: z.union([z.boolean(), z.literal('percent')]).optional(),
    /** Timeseries: opacity of the area under each line, 0 (none) to 1. */
    fill: z.number().min(0).max(1).optional(),
    /** Timeseries: per-series display overrides (colour, name, negative-Y, out of the stack, hidden, legend unit). */
    overrides: z.array(seriesOverride).optional(),
    /** Timeseries: series drawn as lines (default), bars (stacked bars when `stack` is set) or points (a dot per sample, no line). */
    draw: z.enum(DRAW_STYLES).optional(),
    /** Timeseries: the right-hand y axis of the series an override puts there (`axis: right`). */
    rightAxis: z
      .object({
        unit: z.enum(UNITS).optional().describe("its unit (and its series' legend unit); the panel's by default"),
        decimals: z.number().int().min(0).max(6).optional(),
        min: z.number().optional(),
        max: z.number().optional(),
      })
      .strict()
      .refine((a) => a.min === undefined || a.max === undefined || a.min < a.max, '"min" must be below "max"')
      .optional(),
    /** Timeseries: y axes not drawn (Grafana's axis placement `hidden`); their series and the grid still are. */
    hideAxes: z.array(z.enum(['left', 'right'])).optional(),
    /** Stat, gauge, timeseries legend: values shown as a text and/or colour, first match wins. */
    mappings: z.array(valueMapping).optional(),
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
export type DetectSettings = z.infer<typeof detectSettings>;
export type NotifySettings = z.infer<typeof notifySettings>;
export type Threshold = z.infer<typeof threshold>;
export type SeriesOverride = z.infer<typeof seriesOverride>;
export type ValueMappingEntry = z.infer<typeof valueMapping>;
export type DrawStyle = (typeof DRAW_STYLES)[number];
export type { SourceKind } from './source-kinds';
