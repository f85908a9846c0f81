// A loopback node:http server for unit tests of sources: the real HTTP path, a scripted upstream.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StubRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** URL query merged with a form body */
  params: URLSearchParams;
  body: string;
}

export interface StubReply {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** ms before the reply is sent */
  delayMs?: number;
}

export type StubHandler = (req: StubRequest) => StubReply | Promise<StubReply> | 'hang' | 'destroy';

export interface Stub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: StubHandler, tls?: { key: Buffer; cert: Buffer }): Promise<Stub> {
  const requests: StubRequest[] = [];
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://stub');
      const body = Buffer.concat(chunks).toString('utf8');
      const params = new URLSearchParams(u.search);
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
      }
      const sreq: StubRequest = { method: req.method ?? 'GET', path: u.pathname, headers: req.headers, params, body };
      requests.push(sreq);
      void Promise.resolve(handler(sreq)).then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'destroy') return req.socket.destroy();
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
          res.end(reply.body ?? '');
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** A recorded response: its verbatim body and the HTTP status it came with. */
export function fixture(dir: 'prometheus' | 'alertmanager' | 'health', name: string): { status: number; body: string } {
  const meta = JSON.parse(readFileSync(join(FIXTURES, dir, '_meta.json'), 'utf8')) as Record<string, { status: number }>;
  const m = meta[`${name}.json`];
  if (!m) throw new Error(`no fixture ${dir}/${name}.json`);
  return { status: m.status, body: readFileSync(join(FIXTURES, dir, `${name}.json`), 'utf8') };
}

/** A closed loopback port: something refuses connections there. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const addr = s.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
