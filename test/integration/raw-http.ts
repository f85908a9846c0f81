// One HTTP/1.1 request written byte for byte (any Host, Origin, method or body, as curl would send
// it), for tests that play an attacker against the real server.
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Nothing is added or checked by a client library. */
export function raw(port: number, lines: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...lines.headers };
    if (lines.body !== undefined) headers['content-length'] = String(Buffer.byteLength(lines.body));
    const head = [`${lines.method ?? 'GET'} ${lines.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
    sock.end(`${head}\r\n\r\n${lines.body ?? ''}`);
    const chunks: Buffer[] = [];
    sock.on('data', (c) => chunks.push(c));
    sock.setTimeout(10_000, () => sock.destroy(new Error('raw request timed out')));
    sock.on('error', reject);
    sock.on('close', () => {
      // why: chunk sizes count bytes, so the body is split as latin1 (one char per byte) and decoded after
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...hs] = text.slice(0, split).split('\r\n');
      let body = text.slice(split + 4);
      const h = Object.fromEntries(hs.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      if (h['transfer-encoding'] === 'chunked') body = unchunk(body);
      resolve({ status: Number(statusLine?.split(' ')[1]), headers: h, body: Buffer.from(body, 'latin1').toString('utf8') });
    });
  });
}

function unchunk(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const nl = s.indexOf('\r\n', i);
    const size = parseInt(s.slice(i, nl), 16);
    if (!size) return out;
    out += s.slice(nl + 2, nl + 2 + size);
    i = nl + 2 + size + 2;
  }
}

