// REST mapping of the Engine API. Inputs are validated with zod here, on the main side; the
// renderer is a client like any other and is not trusted to send well-formed requests.
import { z } from 'zod';
import type { EngineApi, EngineRequests, RequestName } from '../../shared/api';

const ms = z.coerce.number().int().nonnegative();
const MAX_POINTS = 10_000;

type Parsed = { [K in RequestName]: { name: K; args: EngineRequests[K]['args'] } }[RequestName];

const getRoutes: Record<string, (q: URLSearchParams) => Parsed> = {
  '/api/board': () => ({ name: 'board', args: {} }),
  '/api/status': () => ({ name: 'status', args: {} }),
  '/api/query': (q) => {
    const a = z
      .object({
        panels: z.string().min(1).transform((s) => s.split(',').filter(Boolean)),
        from: ms,
        to: ms,
        maxPoints: z.coerce.number().int().min(2).max(MAX_POINTS).default(1000),
      })
      .refine((v) => v.from <= v.to, 'from must not be after to')
      .parse(Object.fromEntries(q));
    return { name: 'query', args: a };
  },
  '/api/snapshot': (q) => {
    const at = q.get('at');
    return { name: 'snapshot', args: at === null ? {} : { at: ms.parse(at) } };
  },
  '/api/incidents': (q) => {
    const at = q.get('at');
    return { name: 'incidents', args: { ...(at === null ? {} : { at: ms.parse(at) }), includeResolved: q.get('includeResolved') === '1' } };
  },
};

const id = z.string().min(1).max(200);
const postRoutes: Record<string, (incidentId: string, body: unknown) => Parsed> = {
  ack: (i, b) => {
    const a = z.object({ note: z.string().max(2000).optional(), by: z.string().max(200).optional() }).strict().parse(b ?? {});
    return { name: 'ack', args: { id: id.parse(i), ...(a.note ? { note: a.note } : {}), ...(a.by ? { by: a.by } : {}) } };
  },
  snooze: (i, b) => ({ name: 'snooze', args: { id: id.parse(i), ...z.object({ until: ms }).strict().parse(b) } }),
  silence: (i, b) => ({
    name: 'silence',
    args: { id: id.parse(i), ...z.object({ duration: z.number().int().positive(), comment: z.string().min(1).max(2000) }).strict().parse(b) },
  }),
  unsilence: (i) => ({ name: 'unsilence', args: { id: id.parse(i) } }),
};

/** The request an HTTP call maps to, or undefined when no route matches. Throws a ZodError on bad input. */
export function parseApiRequest(method: string, path: string, query: URLSearchParams, body: unknown): Parsed | undefined {
  if (method === 'GET') return getRoutes[path]?.(query);
  const m = /^\/api\/incidents\/([^/]+)\/(ack|snooze|silence|unsilence)$/.exec(path);
  if (method === 'POST' && m) return postRoutes[m[2] as string]?.(decodeURIComponent(m[1] as string), body);
  return undefined;
}

export async function callEngine(engine: EngineApi, parsed: Parsed): Promise<unknown> {
  return engine.request(parsed.name, parsed.args as never);
}

export function formatZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
}
