// `wallboard serve`: the Engine API over HTTP + SSE, the renderer's static files, /healthz and
// /metrics. Loopback by default; any other bind address requires a bearer token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ActionError, type Engine } from '../engine/index';
import { callEngine } from '../request-schemas';
import { parseApiRequest } from './api-routes';
import { guardRequest, SECURITY_HEADERS } from './guard';
import { compress, encodingFor, type Encoding, MIN_COMPRESS_BYTES } from './compress';
import { DEFAULT_LIMITS, limitHint, type ServerLimits } from './limits';
import { SseHub } from './sse';
import { serveStatic } from './static-files';
import { BootCache, IndexHtml, readBootData, streamPage, withBootData } from './boot-page';

export interface ServeOptions {
  engine: Engine;
  host: string;
  port: number;
  token?: string;
  /** Host names besides IP literals, localhost and the bound address that the wall may be reached by. */
  allowedHosts?: readonly string[];
  /** Caps per request and per client (limits.ts); the defaults when absent. */
  limits?: ServerLimits;
  /** Built renderer dir; a placeholder page when absent. */
  rendererDir?: string;
  /** Compress answers to loopback peers too (default false: on loopback compressing costs more time than it saves). */
  compressLoopback?: boolean;
  /** More Prometheus text for /metrics from the face running this server (e.g. the kiosk browser's relaunches). */
  extraMetrics?: () => string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024; // bytes: action bodies are tiny

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const hub = new SseHub(opts.engine, limits);
  const tokenRequired = opts.token !== undefined || !isLoopback(opts.host);
  const indexHtml = opts.rendererDir ? new IndexHtml(opts.rendererDir) : undefined;
  const bootCache = new BootCache();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendJson(res, 500, { error: (err as Error).message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://wallboard.invalid');
    const path = url.pathname;
    if (path === '/healthz') {
      const ok = opts.engine.healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'no source is delivering data\n');
      return;
    }
    const isApi = path.startsWith('/api/') || path === '/metrics';
    const verdict = guardRequest(req, isApi, { boundHost: opts.host, ...(opts.allowedHosts ? { allowedHosts: opts.allowedHosts } : {}) });
    if (!verdict.ok) {
      sendJson(res, verdict.status, { error: verdict.error });
      return;
    }
    if (isApi && tokenRequired && !authorized(req, url, opts.token)) {
      const why = opts.token === undefined ? 'this server is bound to a non-loopback address and has no token: restart it with --token or WALLBOARD_TOKEN' : 'missing or wrong bearer token';
      sendJson(res, 401, { error: why }, { 'www-authenticate': 'Bearer' });
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(opts.engine.metricsText() + hub.metricsText() + (opts.extraMetrics?.() ?? ''));
      return;
    }
    if (path === '/api/events') {
      const last = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? undefined;
      if (hub.clientCount >= limits.maxSseClients) {
        sendJson(res, 503, { error: `too many open event streams (${hub.clientCount}; ${limitHint(limits, 'maxSseClients')}): close other wall tabs` }, { 'retry-after': '30' });
        return;
      }
      hub.attach(res, Array.isArray(last) ? last[0] : last);
      return;
    }
    if (isApi) {
      let parsed;
      try {
        const body = req.method === 'POST' ? await readJson(req) : undefined;
        parsed = parseApiRequest(req.method ?? 'GET', path, url.searchParams, body);
      } catch (err) {
        sendJson(res, 400, { error: (err as Error).message });
        return;
      }
      if (!parsed) {
        sendJson(res, 404, { error: `no such endpoint: ${req.method} ${path}` });
        return;
      }
      if (!parsed.ok) {
        sendJson(res, 400, { error: parsed.error });
        return;
      }
      if (parsed.request.name === 'query' && parsed.request.args.panels.length > limits.maxQueryPanels) {
        sendJson(res, 400, { error: `panels: ${parsed.request.args.panels.length} distinct panels in one query (${limitHint(limits, 'maxQueryPanels')})` });
        return;
      }
      try {
        const text = JSON.stringify(await callEngine(opts.engine, parsed.request));
        const bytes = Buffer.byteLength(text);
        if (bytes > limits.maxResponseBytes) {
          sendJson(res, 413, { error: `the response would be ${bytes} bytes (${limitHint(limits, 'maxResponseBytes')}): ask for fewer panels, a shorter range or a lower maxPoints` });
          return;
        }
        await sendAnswer(req, res, text, encodingFor(req, opts.compressLoopback));
      } catch (err) {
        sendJson(res, err instanceof ActionError ? err.status : 422, { error: (err as Error).message });
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // why only without a token: the page itself is served to anyone who can reach serve (the token
    // travels in its address and then in requests), so board data in it would bypass the token
    const html = !tokenRequired && (path === '/' || path === '/index.html') ? indexHtml?.text() : undefined;
    if (html !== undefined) {
      // why a failed read is no error page: the wall then asks for what it needs itself, and says why
      const eventId = hub.lastEventId;
      const boot = bootCache.get(url.search, eventId, () => readBootData(opts.engine, url.search, eventId, limits));
      const encoding = encodingFor(req, opts.compressLoopback);
      if (encoding) await sendAnswer(req, res, withBootData(html, await boot), encoding, PAGE);
      else await streamPage(req, res, html, boot, { 'content-type': PAGE.type, 'cache-control': PAGE.cache, vary: 'accept-encoding' });
      return;
    }
    await serveStatic(opts.rendererDir, path, req, res, encodingFor(req, opts.compressLoopback));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    async close() {
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function authorized(req: IncomingMessage, url: URL, token: string | undefined): boolean {
  if (token === undefined) return false;
  const header = req.headers.authorization;
  // why: EventSource cannot set headers, so the SSE URL may carry ?token=
  const given = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A 200 answer made for this request (JSON unless `kind` says), compressed with `accepted` when it is big enough to gain. */
async function sendAnswer(req: IncomingMessage, res: ServerResponse, text: string, accepted: Encoding | undefined, kind: { type: string; cache: string } = JSON_ANSWER): Promise<void> {
  const encoding = Buffer.byteLength(text) >= MIN_COMPRESS_BYTES ? accepted : undefined;
  const body = encoding ? await compress(Buffer.from(text), encoding, 'fast') : Buffer.from(text);
  res.writeHead(200, { 'content-type': kind.type, 'cache-control': kind.cache, vary: 'accept-encoding', 'content-length': body.length, ...(encoding ? { 'content-encoding': encoding } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const JSON_ANSWER = { type: 'application/json; charset=utf-8', cache: 'no-store' };
// why no-cache, not no-store: as static-files.ts serves it (revalidated each load; it carries nothing secret)
const PAGE = { type: 'text/html; charset=utf-8', cache: 'no-cache' };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), headers);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}
