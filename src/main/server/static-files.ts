// Serves the built renderer (security headers: guard.ts, set by the server on every response). Paths are resolved inside the root only; anything else is a 404.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

const PLACEHOLDER = `<!doctype html><html><head><meta charset="utf-8"><title>Wallboard</title></head>
<body style="background:#111;color:#ddd;font:24px system-ui;padding:2em">
<h1>Wallboard engine is running</h1><p>The renderer is not built: run <code>npm run build</code>. The API is at <code>/api/board</code>.</p></body></html>`;

export function serveStatic(root: string | undefined, urlPath: string, res: ServerResponse): void {
  if (!root) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PLACEHOLDER);
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) {
    res.writeHead(404).end('not found');
    return;
  }
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // why: hashed asset names may be cached for ever; index.html must always be fresh
  const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'content-length': size, 'cache-control': cache });
  createReadStream(file).pipe(res);
}
