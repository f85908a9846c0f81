// The one HTTP client every source uses. node:http/node:https directly, because global fetch can
// neither trust a custom CA nor skip verification nor report certificate expiry without undici
// internals. Errors are values: every call resolves, with a reason a person can act on.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';

export interface HttpOptions {
  signal?: AbortSignal;
  /** ms, for the whole exchange: connect, headers and body. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  basicAuth?: { username: string; password: string };
  bearerToken?: string;
  tls?: { ca?: string; insecureSkipVerify?: boolean };
  /** bytes; the response is abandoned past this. */
  maxBodyBytes?: number;
}

export type HttpResult =
  | {
      ok: true;
      status: number;
      body: string;
      durationMs: number;
      headers: http.IncomingHttpHeaders;
      /** Peer certificate of an https exchange; validTo is unix ms. */
      cert?: { validTo: number };
    }
  | { ok: false; reason: string; durationMs: number };

export type JsonResult =
  | { ok: true; status: number; data: unknown; durationMs: number; cert?: { validTo: number } }
  | { ok: false; reason: string; durationMs: number; status?: number };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Characters of a body quoted in an error reason: enough to recognise it, too few to flood a wall. */
const QUOTE_CHARS = 200;

/**
 * `10s`, `1.5s`, `250ms`: how a timeout reads in a reason. why not formatDuration (shared/duration.ts,
 * the wall's wording of ages): that floors to two units, and a reason must quote the configured
 * timeout exactly (1.5s, not 1s).
 */
export function formatMs(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** `32 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** First `max` characters of untrusted text, on one line. */
export function quote(text: string, max = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const CODE_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: unable to verify the certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: unknown certificate issuer',
  CERT_HAS_EXPIRED: 'TLS: certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host name',
  EPROTO: 'TLS: protocol error',
};

interface NodeError extends Error {
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: NodeError[];
}

/** "connection refused (ECONNREFUSED 127.0.0.1:9090)" from a socket or TLS error. */
export function describeError(err: unknown): string {
  const e = err as NodeError;
  // why: with autoSelectFamily a refused dual-stack connect is an AggregateError of per-address errors
  const first = e.errors?.[0] ?? e;
  const code = e.code ?? first.code;
  if (code === undefined) return quote(e.message || String(err));
  const text = CODE_TEXT[code] ?? quote(e.message || code);
  const host = first.address ?? first.hostname ?? e.hostname;
  const where = host !== undefined ? ` ${host}${first.port !== undefined ? `:${first.port}` : ''}` : '';
  return `${text} (${code}${where})`;
}

// why: read per request (a few KiB) so a rotated CA file is picked up without a restart
function readCa(path: string): Buffer {
  return readFileSync(path);
}

/** One request. Resolves with any HTTP status; only transport failures are `ok: false`. */
export function httpRequest(
  method: string,
  url: string,
  payload: { contentType: string; data: string | Buffer } | undefined,
  opts: HttpOptions = {},
): Promise<HttpResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return new Promise<HttpResult>((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined = undefined; // why: finish() may run before it is set
    let req: http.ClientRequest | undefined;
    const finish = (r: HttpResult): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const fail = (reason: string): void => {
      finish({ ok: false, reason, durationMs: elapsed() });
      req?.destroy();
    };
    const onAbort = (): void => fail('aborted');

    if (opts.signal?.aborted) return fail('aborted');

    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return fail(`invalid URL "${quote(url, 100)}"`);
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') return fail(`unsupported protocol ${target.protocol}`);

    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'wallboard', ...opts.headers };
    if (opts.basicAuth) {
      const token = Buffer.from(`${opts.basicAuth.username}:${opts.basicAuth.password}`).toString('base64');
      headers.authorization = `Basic ${token}`;
    } else if (opts.bearerToken) {
      headers.authorization = `Bearer ${opts.bearerToken}`;
    }
    if (payload) {
      headers['content-type'] = payload.contentType;
      headers['content-length'] = String(Buffer.byteLength(payload.data));
    }

    const reqOpts: https.RequestOptions = { method, headers, agent: false };
    if (secure) {
      try {
        if (opts.tls?.ca) reqOpts.ca = readCa(opts.tls.ca);
      } catch (err) {
        return fail(`cannot read CA file ${opts.tls?.ca ?? ''}: ${describeError(err)}`);
      }
      reqOpts.rejectUnauthorized = !(opts.tls?.insecureSkipVerify ?? false);
    }

    opts.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => fail(`timed out after ${formatMs(timeoutMs)}`), timeoutMs);

    try {
      req = (secure ? https : http).request(target, reqOpts, (res) => {
        let cert: { validTo: number } | undefined;
        if (secure) {
          const peer = (res.socket as TLSSocket).getPeerCertificate?.();
          const validTo = peer?.valid_to ? Date.parse(peer.valid_to) : NaN;
          if (Number.isFinite(validTo)) cert = { validTo };
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBody) return fail(`response larger than ${formatBytes(maxBody)}`);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBody) return fail(`response larger than ${formatBytes(maxBody)}`);
          chunks.push(chunk);
        });
        res.on('end', () => {
          finish({
            ok: true,
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: elapsed(),
            headers: res.headers,
            ...(cert ? { cert } : {}),
          });
        });
        res.on('error', (err) => fail(describeError(err)));
        // why: a server that closes mid-body emits 'aborted'/'close' without 'end'
        res.on('close', () => {
          if (!res.complete) fail('connection closed before the response was complete');
        });
      });
    } catch (err) {
      return fail(describeError(err));
    }
    req.on('error', (err) => fail(describeError(err)));
    req.end(payload?.data);
  });
}

export function httpGet(url: string, opts: HttpOptions = {}): Promise<HttpResult> {
  return httpRequest('GET', url, undefined, opts);
}

/** POST/PUT/DELETE with an optional JSON body (e.g. Alertmanager silences). */
export function httpSend(method: 'POST' | 'PUT' | 'DELETE', url: string, jsonBody: unknown, opts: HttpOptions = {}): Promise<HttpResult> {
  const payload = jsonBody === undefined ? undefined : { contentType: 'application/json', data: JSON.stringify(jsonBody) };
  return httpRequest(method, url, payload, opts);
}

/** POST an application/x-www-form-urlencoded body (Prometheus queries: no URL length limit). */
export function httpPostForm(url: string, form: Record<string, string>, opts: HttpOptions = {}): Promise<HttpResult> {
  const data = new URLSearchParams(form).toString();
  return httpRequest('POST', url, { contentType: 'application/x-www-form-urlencoded', data }, opts);
}

/** Parses a body as JSON: "not JSON: …" when it is not, "truncated JSON: …" when it stops early. */
export function parseJsonBody(body: string): { ok: true; data: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, data: JSON.parse(body) as unknown };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (body.trim() === '') return { ok: false, reason: 'not JSON: empty body' };
    const pos = /at position (\d+)/.exec(msg);
    // why: V8 says "Expected ',' … at position N" for a cut body; N at the very end means truncated
    const atEnd = pos !== null && Number(pos[1]) >= body.trimEnd().length;
    if (atEnd || /end of (JSON|data)|Unterminated/i.test(msg)) return { ok: false, reason: `truncated JSON: ${quote(msg)}` };
    return { ok: false, reason: `not JSON: ${quote(msg)}` };
  }
}

/** `HTTP 503: <first 200 chars of body>` for a non-2xx response. */
export function statusReason(status: number, body: string): string {
  const text = quote(body);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}

/** A transport result read as JSON. Non-2xx is an error unless `acceptStatus` says otherwise. */
export function toJson(r: HttpResult, acceptStatus: (status: number) => boolean = (s) => s >= 200 && s < 300): JsonResult {
  if (!r.ok) return r;
  if (!acceptStatus(r.status)) return { ok: false, reason: statusReason(r.status, r.body), durationMs: r.durationMs, status: r.status };
  const parsed = parseJsonBody(r.body);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, durationMs: r.durationMs, status: r.status };
  return { ok: true, status: r.status, data: parsed.data, durationMs: r.durationMs, ...(r.cert ? { cert: r.cert } : {}) };
}

export async function httpJson(url: string, opts: HttpOptions = {}): Promise<JsonResult> {
  return toJson(await httpGet(url, opts));
}

/** Appends an API path to a base URL that may carry a path prefix (`http://host/prometheus`). */
export function joinUrl(base: string, path: string, query?: Record<string, string>): string {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
  return u.toString();
}

/** The HttpOptions of a configured source (same fields in every http source config). */
export function sourceHttpOptions(
  cfg: {
    timeout: number;
    headers: Record<string, string>;
    basicAuth?: { username: string; password: string } | undefined;
    bearerToken?: string | undefined;
    tls?: { ca?: string | undefined; insecureSkipVerify: boolean } | undefined;
    maxBodyBytes: number;
  },
  signal?: AbortSignal,
): HttpOptions {
  const o: HttpOptions = { timeoutMs: cfg.timeout, headers: cfg.headers, maxBodyBytes: cfg.maxBodyBytes };
  if (signal) o.signal = signal;
  if (cfg.basicAuth) o.basicAuth = cfg.basicAuth;
  if (cfg.bearerToken !== undefined) o.bearerToken = cfg.bearerToken;
  if (cfg.tls) o.tls = { insecureSkipVerify: cfg.tls.insecureSkipVerify, ...(cfg.tls.ca !== undefined ? { ca: cfg.tls.ca } : {}) };
  return o;
}
