// The HTTP form of the Engine API, derived from the REQUESTS table: the client encodes a request
// into a method, path, query and body; the server matches a method and path back to a request
// name and its raw (not yet validated) args. Validation is the main side's job (request-schemas.ts).
import { REQUESTS, REQUEST_NAMES, type EngineRequests, type HttpRoute, type RequestName } from './api';

export interface HttpCall {
  method: HttpRoute['method'];
  path: string;
  query: Record<string, string>;
  /** JSON body (POST only). */
  body?: Record<string, unknown>;
}

/** What an HTTP call asks for: the request name and its args as they came (strings in a query). */
export interface HttpMatch {
  name: RequestName;
  rawArgs: unknown;
}

const PARAM = /:([A-Za-z]\w*)/g;

/** The request as an HTTP call. */
export function toHttp<K extends RequestName>(name: K, args: EngineRequests[K]['args']): HttpCall {
  const route = REQUESTS[name].http;
  const a = args as Readonly<Record<string, unknown>>;
  if (route.method === 'GET') {
    const query: Record<string, string> = {};
    for (const [key, form] of Object.entries(route.query)) {
      const v = a[key];
      if (v === undefined || (form === 'flag' && !v)) continue;
      query[key] = form === 'list' ? (v as readonly string[]).join(',') : form === 'flag' ? '1' : String(v);
    }
    return { method: 'GET', path: route.path, query };
  }
  const body: Record<string, unknown> = { ...a };
  const path = route.path.replace(PARAM, (_m, key: string) => {
    delete body[key];
    return encodeURIComponent(String(a[key]));
  });
  return { method: 'POST', path, query: {}, body };
}

interface PostPattern {
  name: RequestName;
  re: RegExp;
  params: string[];
}

// why: built once from the table; a path's `:param` matches one non-empty segment
const POST_PATTERNS: PostPattern[] = REQUEST_NAMES.flatMap((name) => {
  const route = REQUESTS[name].http;
  if (route.method !== 'POST') return [];
  const params = [...route.path.matchAll(PARAM)].map((m) => m[1] as string);
  const re = new RegExp(`^${route.path.split(PARAM).map((part, i) => (i % 2 ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return [{ name, re, params }];
});

/**
 * The request an HTTP call maps to, or undefined when no route matches. Query parameters the
 * route does not declare (`token`) are ignored; a POST's path parameters win over its body.
 */
export function fromHttp(method: string, path: string, query: URLSearchParams, body: unknown): HttpMatch | undefined {
  if (method === 'GET') {
    const name = REQUEST_NAMES.find((n) => REQUESTS[n].http.path === path);
    const route = name === undefined ? undefined : REQUESTS[name].http;
    if (name === undefined || route?.method !== 'GET') return undefined;
    const rawArgs: Record<string, unknown> = {};
    for (const [key, form] of Object.entries(route.query)) {
      const v = query.get(key);
      if (form === 'flag') rawArgs[key] = v === '1';
      else if (v !== null) rawArgs[key] = form === 'list' ? v.split(',').filter(Boolean) : v;
    }
    return { name, rawArgs };
  }
  if (method !== 'POST') return undefined;
  for (const p of POST_PATTERNS) {
    const m = p.re.exec(path);
    if (!m) continue;
    const params = Object.fromEntries(p.params.map((key, i) => [key, decodeURIComponent(m[i + 1] as string)]));
    // why: a body that is not an object goes to the schema as it is, which refuses it with the reason
    const rawArgs = body === undefined || body === null ? params : isObject(body) ? { ...body, ...params } : body;
    return { name: p.name, rawArgs };
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
