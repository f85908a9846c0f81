// A loopback HTTP proxy in front of a real upstream that injects faults on demand: added delay,
// 5xx answers, connection resets, a body of a different schema, or refusing connections (as if the
// upstream were killed). Bounded: every delayed request is released when the proxy closes.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = { kind: 'pass' } | { kind: 'delay'; ms: number } | { kind: 'status'; code: number } | { kind: 'reset' } | { kind: 'schema' } | { kind: 'down' };

export interface FaultProxy {
  url: string;
  set(f: Fault): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let fault: Fault = { kind: 'pass' };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const target = new URL(upstream);

  const forward = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const f = fault;
    switch (f.kind) {
      case 'pass':
        return forward(req, res);
      case 'delay': {
        const t = setTimeout(() => {
          timers.delete(t);
          forward(req, res);
        }, f.ms);
        timers.add(t);
        return;
      }
      case 'status':
        res.writeHead(f.code, { 'content-type': 'text/plain' }).end(`injected ${f.code}\n`);
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'schema':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { result: 'not a list', resultType: 42 } }));
        return;
      case 'down':
        req.socket.destroy();
        return;
    }
  };

  let server = http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const stopListening = (): Promise<void> =>
    new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });

  return {
    url: `http://127.0.0.1:${port}`,
    async set(f) {
      const wasDown = fault.kind === 'down';
      fault = f;
      // 'down' really stops listening, so connections are refused as with a killed upstream
      if (f.kind === 'down' && !wasDown) await stopListening();
      if (f.kind !== 'down' && wasDown) {
        server = http.createServer(handler);
        server.on('connection', (s) => {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
        });
        await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      }
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (fault.kind !== 'down') await stopListening();
    },
  };
}
