// The zod schema of every request's args, and parseRequest: the one validation both the HTTP
// server and the Electron IPC handler run on the main side (the renderer is not trusted to send
// well-formed requests). The `satisfies` below makes a request without a schema, or a schema whose
// output is not the request's args type, a compile error. Kept apart from src/shared/api.ts so zod
// stays out of the renderer bundle.
import { z } from 'zod';
import { REQUEST_NAMES, isRequestName, type EngineApi, type EngineRequests, type RequestName } from '../shared/api';

// why coerce: query parameters arrive as text; the same schema reads numbers sent over IPC
// why: Number('') is 0, so an empty `from=` would silently mean 1970; it is refused instead
const ms = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number<unknown>().int().nonnegative()); // unix ms
const MAX_POINTS = 10_000;
const id = z.string().min(1).max(200);
const none = z.object({});

const REQUEST_SCHEMAS = {
  board: none,
  query: z
    .object({
      // why: a panel named twice is answered once (a repeated id was a 1,300× response amplifier)
      panels: z.array(z.string().min(1)).min(1).transform((ids) => [...new Set(ids)]),
      from: ms,
      to: ms,
      maxPoints: z.coerce.number().int().min(2).max(MAX_POINTS).default(1000),
    })
    .refine((v) => v.from <= v.to, 'from must not be after to'),
  snapshot: z.object({ at: ms.exactOptional() }),
  status: none,
  incidents: z.object({ at: ms.exactOptional(), includeResolved: z.boolean().exactOptional() }),
  timeline: z.object({ from: ms, to: ms }).refine((v) => v.from <= v.to, 'from must not be after to'),
  ack: z
    .object({ id, note: z.string().max(2000).exactOptional(), by: z.string().max(200).exactOptional() })
    .strict()
    // why: an empty note or author is no note or author
    .transform(({ id, note, by }) => ({ id, ...(note ? { note } : {}), ...(by ? { by } : {}) })),
  snooze: z.object({ id, until: ms }).strict(),
  silence: z.object({ id, duration: z.number().int().positive(), comment: z.string().min(1).max(2000) }).strict(),
  unsilence: z.object({ id }).strict(),
} satisfies { [K in RequestName]: z.ZodType<EngineRequests[K]['args']> };

/** A validated request, ready for `engine.request(name, args)`. */
export type ParsedRequest = { [K in RequestName]: { name: K; args: EngineRequests[K]['args'] } }[RequestName];

export type ParseResult = { ok: true; request: ParsedRequest } | { ok: false; error: string };

/** Validates a request by name: an unknown name or bad args is an error value with the reason. */
export function parseRequest(name: unknown, rawArgs: unknown): ParseResult {
  if (!isRequestName(name)) return { ok: false, error: `unknown request ${JSON.stringify(name) ?? String(name)}: the requests are ${REQUEST_NAMES.join(', ')}` };
  const r = REQUEST_SCHEMAS[name].safeParse(rawArgs ?? {});
  if (!r.success) return { ok: false, error: formatZodError(r.error) };
  return { ok: true, request: { name, args: r.data } as ParsedRequest };
}

/** Runs a validated request; the one place the name/args pairing is handed to the engine. */
export function callEngine(engine: EngineApi, r: ParsedRequest): Promise<unknown> {
  // why the cast: TypeScript cannot correlate the name and args of a union member by itself
  return engine.request(r.name, r.args as never);
}

function formatZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
}
