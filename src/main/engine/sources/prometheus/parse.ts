// The only place that knows the shape of Prometheus query responses (/api/v1/query, /api/v1/query_range).
import { z } from 'zod';
import type { Labels } from '../../../../shared/model';
import { parseJsonBody, quote, statusReason, type HttpResult } from '../http';

/** Series of one query result, before they get a source/query key. ts in unix ms, ascending. */
export interface ParsedSeries {
  labels: Labels;
  ts: number[];
  values: number[];
}

/**
 * `ok: false` with `upstream: true` means Prometheus answered but refused the query (bad PromQL,
 * too many series): that query alone is in error. `upstream: false` means Prometheus itself did not
 * answer sensibly (unreachable, not JSON, not the API's shape).
 */
export type ParsedQuery =
  | { ok: true; series: ParsedSeries[]; warnings: string[] }
  | { ok: false; reason: string; upstream: boolean };

const samplePair = z.tuple([z.number(), z.string()]);
const metric = z.record(z.string(), z.string());

const data = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric, value: samplePair })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric, values: z.array(samplePair) })) }),
  z.object({ resultType: z.literal('scalar'), result: samplePair }),
  z.object({ resultType: z.literal('string'), result: samplePair }),
]);

const envelope = z.union([
  z.object({ status: z.literal('success'), data, warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() }),
]);

/** Prometheus writes non-finite values as strings: "NaN", "+Inf", "-Inf". */
export function parseSampleValue(text: string): number | undefined {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  const v = Number(text);
  return Number.isNaN(v) || text.trim() === '' ? undefined : v;
}

/** Labels as one comparable string, to find duplicate label sets. */
function labelIdentity(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

const nf = new Intl.NumberFormat('en-US');

/**
 * One Prometheus response → series. An instant query of a range vector (matrix) keeps its newest
 * point, unless `keepAllPoints` (query_range, where every point is wanted).
 */
export function parseQueryResponse(r: HttpResult, opts: { maxSeries: number; keepAllPoints: boolean }): ParsedQuery {
  if (!r.ok) return { ok: false, reason: r.reason, upstream: false };
  const json = parseJsonBody(r.body);
  if (!json.ok) {
    // why: a proxy in front of Prometheus answers 502/503 with HTML; say which status it was
    const reason = r.status >= 300 ? statusReason(r.status, r.body) : json.reason;
    return { ok: false, reason, upstream: false };
  }
  const env = envelope.safeParse(json.data);
  if (!env.success) {
    if (r.status >= 300) return { ok: false, reason: statusReason(r.status, r.body), upstream: false };
    return { ok: false, reason: `not a Prometheus response: ${quote(z.prettifyError(env.error), 200)}`, upstream: false };
  }
  const e = env.data;
  if (e.status === 'error') {
    const reason = e.error ? quote(e.error, 1024) : `Prometheus error ${e.errorType ?? ''} (HTTP ${r.status})`.trim();
    // why: 5xx with an error body is Prometheus overloaded or timing out, not a bad query
    return { ok: false, reason, upstream: r.status < 500 };
  }

  const d = e.data;
  const raw: { labels: Labels; points: [number, string][] }[] = [];
  switch (d.resultType) {
    case 'vector':
      for (const s of d.result) raw.push({ labels: s.metric, points: [s.value] });
      break;
    case 'matrix':
      for (const s of d.result) {
        const last = s.values[s.values.length - 1];
        raw.push({ labels: s.metric, points: opts.keepAllPoints ? s.values : last ? [last] : [] });
      }
      break;
    case 'scalar':
      raw.push({ labels: {}, points: [d.result] });
      break;
    case 'string':
      return { ok: false, reason: 'the query returns a string, which cannot be drawn', upstream: true };
  }

  if (raw.length > opts.maxSeries) {
    return { ok: false, reason: `query returned ${nf.format(raw.length)} series, over the limit of ${nf.format(opts.maxSeries)}`, upstream: true };
  }
  const seen = new Set<string>();
  const series: ParsedSeries[] = [];
  for (const s of raw) {
    const id = labelIdentity(s.labels);
    if (seen.has(id)) {
      return { ok: false, reason: `query returned the label set ${quote(id, 200)} twice`, upstream: true };
    }
    seen.add(id);
    const ts: number[] = [];
    const values: number[] = [];
    for (const [t, text] of s.points) {
      const v = parseSampleValue(text);
      if (v === undefined) return { ok: false, reason: `not a sample value: "${quote(text, 40)}"`, upstream: false };
      const ms = Math.round(t * 1000);
      // why: the model promises ascending ts; Prometheus sends them so, but never trust a wire
      if (ts.length > 0 && ms <= (ts[ts.length - 1] as number)) continue;
      ts.push(ms);
      values.push(v);
    }
    series.push({ labels: s.labels, ts, values });
  }
  return { ok: true, series, warnings: e.warnings ?? [] };
}
