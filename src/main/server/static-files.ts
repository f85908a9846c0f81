// Serves the built renderer (security headers: guard.ts, set by the server on every response). Paths are resolved inside the root only; anything else is a 404.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { compressible, CompressedFiles, type Encoding } from './compress';

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

export type StaticFile = { ok: true; file: string; size: number; mtimeMs: number; type: string; cache: string } | { ok: false; status: 400 | 404 };

/** The file a URL path names inside `root`, or why not; shared by serve and the desktop app's app:// protocol. */
export function staticFile(root: string, urlPath: string): StaticFile {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return { ok: false, status: 404 };
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, status: 404 };
    // why: hashed asset names may be cached for ever; index.html must always be fresh
    const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return { ok: true, file, size: st.size, mtimeMs: st.mtimeMs, type: TYPES[extname(file)] ?? 'application/octet-stream', cache };
  } catch {
    return { ok: false, status: 404 };
  }
}

const compressed = new CompressedFiles();

/** `encoding`: what this request's answer may be compressed with (compress.ts encodingFor), none when undefined. */
export async function serveStatic(root: string | undefined, urlPath: string, req: IncomingMessage, res: ServerResponse, encoding: Encoding | undefined): Promise<void> {
  if (!root) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PLACEHOLDER);
    return;
  }
  const f = staticFile(root, urlPath);
  if (!f.ok) {
    res.writeHead(f.status, { 'content-type': 'text/plain' }).end(f.status === 400 ? 'bad path' : 'not found');
    return;
  }
  const headers = { 'content-type': f.type, 'cache-control': f.cache };
  if (!compressible(f.type)) {
    res.writeHead(200, { ...headers, 'content-length': f.size });
    createReadStream(f.file).pipe(res);
    return;
  }
  // why: the 372 KB bundle is ~100 KB as brotli; compressed once per file, a wall's load costs no CPU for it
  const body = encoding ? await compressed.get(f.file, `${f.size}:${f.mtimeMs}`, encoding, () => readFileSync(f.file)) : readFileSync(f.file);
  res.writeHead(200, { ...headers, vary: 'accept-encoding', 'content-length': body.length, ...(encoding ? { 'content-encoding': encoding } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
