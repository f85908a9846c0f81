// A Prometheus HTTP API stub for charts that need data a real Prometheus only has by chance (a hole,
// a single sample): `answer` gets each request's path and form (query string or POSTed form) and
// returns the `data` of a success answer, or undefined for 404. buildinfo is answered here.
import { startHealthServer, type ServerHandle } from '../integration/servers';

export function startPrometheusStub(answer: (path: string, form: URLSearchParams) => unknown): Promise<ServerHandle> {
  return startHealthServer((req, res) => {
    let body = '';
    req.on('data', (b: Buffer) => (body += b.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const form = new URLSearchParams(req.method === 'POST' ? body : url.search);
      const data = url.pathname === '/api/v1/status/buildinfo' ? { version: '2.42.0' } : answer(url.pathname, form);
      if (data === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data }));
    });
  });
}
