// The Grafana dashboard export as far as the importer reads it. Lenient on purpose: exports from
// schemaVersion 14 to today carry fields of every type and many we ignore, so each field falls
// back to "absent" when it has a shape we do not expect, and unknown fields pass through.
import { z } from 'zod';

/** A number, or a numeric string (old exports write `"decimals": "2"`, `"min": "0"`). */
export const num = z
  .union([z.number().refine(Number.isFinite), z.string().trim().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i).transform(Number)])
  .optional()
  .catch(undefined);
const str = z.string().optional().catch(undefined);
const bool = z.boolean().optional().catch(undefined);
/** Anything; the reader decides. */
const any = z.unknown().optional();

export const gridPosSchema = z.looseObject({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type GridPos = z.infer<typeof gridPosSchema>;

export const targetSchema = z.looseObject({
  refId: str,
  expr: str,
  legendFormat: str,
  hide: bool,
  datasource: any,
  instant: bool,
  format: str,
  interval: str,
});
export type GrafanaTarget = z.infer<typeof targetSchema>;

const thresholdStep = z.looseObject({ color: z.string().catch(''), value: num.nullable().catch(null) });
export type ThresholdStep = z.infer<typeof thresholdStep>;

const fieldDefaults = z
  .looseObject({
    unit: str,
    decimals: num,
    min: num,
    max: num,
    thresholds: z.looseObject({ mode: str, steps: z.array(thresholdStep).catch([]) }).optional().catch(undefined),
    mappings: z.array(z.unknown()).optional().catch(undefined),
    custom: z
      .looseObject({
        fillOpacity: num,
        stacking: z.looseObject({ mode: str }).optional().catch(undefined),
        thresholdsStyle: z.looseObject({ mode: str }).optional().catch(undefined),
        drawStyle: str,
        axisPlacement: str,
      })
      .optional()
      .catch(undefined),
  })
  .optional()
  .catch(undefined);

/** Old graph panels' y axes: the first one carries unit, decimals, min and max. */
const yaxis = z.looseObject({ format: str, decimals: num, min: num, max: num, logBase: num, show: bool });

/** Old graph panels' threshold lines. */
const graphThreshold = z.looseObject({ value: num, colorMode: str, op: str, fillColor: str, lineColor: str });
export type GraphThreshold = z.infer<typeof graphThreshold>;

export const panelSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).optional().catch(undefined),
  type: z.string().catch('unknown'),
  title: z.string().catch(''),
  description: str,
  gridPos: gridPosSchema.optional().catch(undefined),
  /** Old layout: width in 12ths, height in px. */
  span: num,
  height: z.union([z.number(), z.string()]).optional().catch(undefined),
  datasource: any,
  targets: z.array(z.unknown()).catch([]),
  repeat: str,
  repeatDirection: str,
  /** Set on the copies Grafana saved of a repeated panel: the importer expands repeats itself. */
  repeatPanelId: z.union([z.number(), z.string()]).optional().catch(undefined),
  repeatIteration: z.union([z.number(), z.string()]).optional().catch(undefined),
  maxPerRow: num,
  collapsed: bool,
  panels: z.array(z.unknown()).optional().catch(undefined),
  fieldConfig: z.looseObject({ defaults: fieldDefaults, overrides: z.array(z.unknown()).optional().catch(undefined) }).optional().catch(undefined),
  transformations: z.array(z.unknown()).optional().catch(undefined),
  /** Old graph panels' per-series overrides (`{alias, transform, yaxis, …}`). */
  seriesOverrides: z.array(z.unknown()).optional().catch(undefined),
  /** Minimum interval (`"5m"`, `"$iv"`): Grafana's $__interval is never below it. */
  interval: str,
  options: z.record(z.string(), z.unknown()).optional().catch(undefined),
  // old graph / singlestat
  yaxes: z.array(yaxis.catch({})).optional().catch(undefined),
  format: str,
  decimals: num,
  thresholds: any,
  colors: z.array(z.string()).optional().catch(undefined),
  stack: bool,
  fill: num,
  percentage: bool,
  bars: bool,
  lines: bool,
  points: bool,
  /** Old graph's x axis: `time`, or `series` (one bar per series' reduced value) / `histogram`. */
  xaxis: z.looseObject({ mode: str, values: z.array(z.unknown()).optional().catch(undefined) }).optional().catch(undefined),
  gauge: z.looseObject({ show: bool, minValue: num, maxValue: num }).optional().catch(undefined),
  colorValue: bool,
  colorBackground: bool,
  valueName: str,
  /** Old singlestat value mappings: 1 = valueMaps, 2 = rangeMaps. */
  valueMaps: z.array(z.unknown()).optional().catch(undefined),
  rangeMaps: z.array(z.unknown()).optional().catch(undefined),
  mappingType: num,
  // text
  content: str,
  mode: str,
  libraryPanel: any,
});
export type GrafanaPanel = z.infer<typeof panelSchema>;

export const oldRowSchema = z.looseObject({
  title: z.string().catch(''),
  showTitle: bool,
  collapse: bool,
  repeat: str,
  repeatIteration: z.union([z.number(), z.string()]).optional().catch(undefined),
  height: z.union([z.number(), z.string()]).optional().catch(undefined),
  panels: z.array(z.unknown()).catch([]),
});
export type GrafanaOldRow = z.infer<typeof oldRowSchema>;

export const variableSchema = z.looseObject({
  type: z.string().catch('unknown'),
  name: z.string(),
  label: str,
  query: any,
  definition: str,
  regex: str,
  multi: bool,
  includeAll: bool,
  allValue: z.string().nullable().optional().catch(undefined),
  current: any,
  options: z.array(z.unknown()).catch([]),
  sort: num,
  datasource: any,
  hide: num,
});
export type GrafanaVariable = z.infer<typeof variableSchema>;

const dashboardSchema = z.looseObject({
  title: z.string().catch('Imported dashboard'),
  uid: str,
  schemaVersion: num,
  panels: z.array(z.unknown()).optional().catch(undefined),
  rows: z.array(z.unknown()).optional().catch(undefined),
  templating: z.looseObject({ list: z.array(z.unknown()).catch([]) }).optional().catch(undefined),
  time: z.looseObject({ from: str, to: str }).optional().catch(undefined),
  __inputs: z.array(z.looseObject({ name: str, label: str, type: str, pluginId: str })).optional().catch(undefined),
  /** Library panels' models, in exports "for sharing externally", by library panel uid. */
  __elements: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
export type GrafanaDashboard = z.infer<typeof dashboardSchema>;

export type ReadResult = { ok: true; dashboard: GrafanaDashboard } | { ok: false; reason: string };

/** The dashboard inside an export, with or without the `{"dashboard": …}` wrapper of the HTTP API. */
export function readDashboard(json: unknown): ReadResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: 'not a Grafana dashboard: the JSON is not an object' };
  const wrapped = (json as Record<string, unknown>)['dashboard'];
  const body = wrapped !== null && typeof wrapped === 'object' && !Array.isArray(wrapped) ? wrapped : json;
  const rec = body as Record<string, unknown>;
  if (!Array.isArray(rec['panels']) && !Array.isArray(rec['rows'])) {
    return { ok: false, reason: 'not a Grafana dashboard: it has neither "panels" nor "rows" (export it with Share → Export → Save to file)' };
  }
  const parsed = dashboardSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: `not a Grafana dashboard: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}` };
  return { ok: true, dashboard: parsed.data };
}

/** A reader of one kind of record: undefined when the entry is not an object at all. */
function reader<T>(schema: z.ZodType<T>): (raw: unknown) => T | undefined {
  return (raw) => {
    const r = schema.safeParse(raw);
    return r.success ? r.data : undefined;
  };
}

export const readPanel = reader(panelSchema);
export const readTarget = reader(targetSchema);
export const readVariable = reader(variableSchema);
export const readOldRow = reader(oldRowSchema);

/** Old graph panels' `thresholds` list; entries that are not threshold lines are dropped. */
export function readGraphThresholds(raw: unknown): GraphThreshold[] {
  return Array.isArray(raw) ? raw.map(reader(graphThreshold)).filter((t) => t !== undefined) : [];
}
