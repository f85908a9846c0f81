// The board file's `sources:` section: one schema per source kind (what each kind is lives in
// source-kinds.ts), and the section built from them. Part of config-schema.ts's board.
import { z } from 'zod';
import { duration } from './duration-schema';
import { parseCondition } from './health-condition';
import { id } from './id-schema';
import { SOURCE_KIND_NAMES, type SourceKind } from './source-kinds';

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
export interface SourceConfigBase {
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
export const sourcesSchema = z.object(Object.fromEntries(SOURCE_KIND_NAMES.map((k) => [k, z.array(SOURCE_SCHEMAS[k]).default([])])) as SourceLists);
export const noSources = Object.fromEntries(SOURCE_KIND_NAMES.map((k) => [k, []])) as unknown as z.output<typeof sourcesSchema>;

export type PrometheusSourceConfig = z.infer<typeof prometheusSource>;
export type AlertmanagerSourceConfig = z.infer<typeof alertmanagerSource>;
export type PrometheusAlertsSourceConfig = z.infer<typeof prometheusAlertsSource>;
export type HealthSourceConfig = z.infer<typeof healthSource>;
export type DemoSourceConfig = z.infer<typeof demoSource>;
