// The VariableClient over a real Prometheus HTTP API: label values, label names, instant queries.
// Every failure rejects with one line a person can act on (which URL, what went wrong).
import { z } from 'zod';
import { httpJson, joinUrl } from '../engine/sources/http';
import { QueryRejected, type PromSeries, type VariableClient } from './variables';

const TIMEOUT_MS = 10_000;

const stringList = z.object({ status: z.literal('success'), data: z.array(z.string()) });
const vector = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.string(),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()).default({}), value: z.tuple([z.number(), z.string()]) })).or(z.tuple([z.number(), z.string()])),
  }),
});

export function prometheusVariableClient(baseUrl: string): VariableClient {
  async function get<T>(path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
    const url = joinUrl(baseUrl, path, query);
    const r = await httpJson(url, { timeoutMs: TIMEOUT_MS });
    // why: 400/422 is Prometheus answering that this one query is wrong (bad_data): the variable
    // falls back to its saved value; anything else means Prometheus itself cannot be used
    if (!r.ok && (r.status === 400 || r.status === 422)) throw new QueryRejected(`Prometheus rejected the query: ${r.reason}`);
    if (!r.ok) throw new Error(`Prometheus at ${baseUrl} (${path}): ${r.reason}`);
    const parsed = schema.safeParse(r.data);
    if (!parsed.success) throw new Error(`Prometheus at ${baseUrl} answered ${path} with an unexpected body`);
    return parsed.data;
  }
  return {
    async labelValues(label, match) {
      const r = await get(`/api/v1/label/${encodeURIComponent(label)}/values`, match ? { 'match[]': match } : {}, stringList);
      return r.data;
    },
    async labelNames(match) {
      const r = await get('/api/v1/labels', match ? { 'match[]': match } : {}, stringList);
      return r.data;
    },
    async query(expr): Promise<PromSeries[]> {
      const r = await get('/api/v1/query', { query: expr }, vector);
      const result = r.data.result;
      if (!Array.isArray(result[0]) && Array.isArray(result) && (result.length === 0 || typeof result[0] === 'object')) {
        return (result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({ metric: s.metric, value: s.value[1], t: s.value[0] }));
      }
      // why: a scalar answer (e.g. `time()`) is one value without labels
      const [t, value] = result as [number, string];
      return [{ metric: {}, value: String(value), t, scalar: true }];
    },
  };
}
