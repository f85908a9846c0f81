// `wallboard serve` negotiates compression with the browser: brotli or gzip per Accept-Encoding for
// the renderer's text files and the JSON answers, never for images or the event stream, and every
// compressed response keeps the security headers and decodes to the exact bytes. A loopback peer
// gets nothing compressed (there compressing costs time and saves none), a peer on another address
// does; the negotiation itself is tested on loopback with `compressLoopback`.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { startServer, type RunningServer } from '../../src/main/server/index';
import { SECURITY_HEADERS } from '../../src/main/server/guard';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw bytes as sent (no client-side decoding). */
function get(port: number, path: string, headers: Record<string, string> = {}, host = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(a: Answer): Buffer {
  const enc = a.headers['content-encoding'];
  return enc === 'br' ? brotliDecompressSync(a.body) : enc === 'gzip' ? gunzipSync(a.body) : a.body;
}

describe('serve compresses what the browser accepts', () => {
  let engine: Engine;
  let server: RunningServer;
  let root: string;
  let bundle: Buffer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'wb-zip-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>w</title><script type="module" src="/assets/app.js"></script>');
    // a bundle-like file: 200 KB of varied but repetitive code
    bundle = Buffer.from(Array.from({ length: 4000 }, (_, i) => `export function f${i}(a, b) { return a * ${i} + b; }\n`).join(''));
    writeFileSync(join(root, 'assets', 'app.js'), bundle);
    writeFileSync(join(root, 'assets', 'logo.png'), Buffer.alloc(4096, 7));
    engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'wb-zip-data-')), watch: false });
    engine.start();
    server = await startServer({ engine, host: '127.0.0.1', port: 0, rendererDir: root, compressLoopback: true });
  });

  afterAll(async () => {
    await server?.close();
    await engine?.stop();
  });

  it('sends the bundle as brotli when accepted, smaller, decoding to the same bytes, with the security headers', async () => {
    const a = await get(server.port, '/assets/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(a.status).toBe(200);
    expect(a.headers['content-encoding']).toBe('br');
    expect(a.headers['vary']).toMatch(/accept-encoding/i);
    expect(Number(a.headers['content-length'])).toBe(a.body.length);
    expect(a.body.length).toBeLessThan(bundle.length / 4);
    expect(decoded(a).equals(bundle)).toBe(true);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(a.headers[k], k).toBe(v);
    expect(a.headers['cache-control']).toMatch(/immutable/);
  });

  it('sends gzip when only gzip is accepted, and the plain file when nothing or only refused encodings are', async () => {
    const gz = await get(server.port, '/assets/app.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz).equals(bundle)).toBe(true);
    for (const headers of [{}, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'identity' }]) {
      const plain = await get(server.port, '/assets/app.js', headers);
      expect(plain.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(plain.body.equals(bundle)).toBe(true);
    }
  });

  it('does not compress images, and the page itself stays fresh', async () => {
    const png = await get(server.port, '/assets/logo.png', { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
    const page = await get(server.port, '/', { 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(decoded(page).toString()).toBe(readFileSync(join(root, 'index.html'), 'utf8'));
  });

  it('compresses big JSON answers with the security headers kept, and leaves the event stream alone', async () => {
    const board = await get(server.port, '/api/board', { 'accept-encoding': 'br' });
    expect(board.status).toBe(200);
    expect(JSON.parse(decoded(board).toString())).toHaveProperty('pages');
    const plain = await get(server.port, '/api/board');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(decoded(board).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect(plain.body.length).toBeGreaterThan(1024); // the demo board
    expect(board.headers['content-encoding']).toBe('br');
    expect(board.body.length).toBeLessThan(plain.body.length);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(board.headers[k], k).toBe(v);

    const events = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        resolve(res.headers);
        req.destroy();
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(events['content-type']).toMatch(/text\/event-stream/);
    expect(events['content-encoding']).toBeUndefined();
  });
});

/** This machine's first IPv4 address outside loopback, if it has one. */
function ownAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

describe('serve compresses for peers on another address, not on loopback', () => {
  const accept = { 'accept-encoding': 'gzip, deflate, br' };
  let engine: Engine;
  let root: string;
  let bundle: Buffer;
  const servers: RunningServer[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'wb-zip-peer-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>w</title>');
    bundle = Buffer.from(Array.from({ length: 4000 }, (_, i) => `export function g${i}(a) { return a + ${i}; }\n`).join(''));
    writeFileSync(join(root, 'assets', 'app.js'), bundle);
    engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'wb-zip-peer-data-')), watch: false });
    engine.start();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await engine?.stop();
  });

  it('sends a loopback peer the bundle and a JSON answer uncompressed, though it accepts brotli', async () => {
    const server = await startServer({ engine, host: '127.0.0.1', port: 0, rendererDir: root });
    servers.push(server);
    const js = await get(server.port, '/assets/app.js', accept);
    expect(js.headers['content-encoding']).toBeUndefined();
    expect(js.body.equals(bundle)).toBe(true);
    const board = await get(server.port, '/api/board', accept);
    expect(board.status).toBe(200);
    expect(board.body.length).toBeGreaterThan(1024);
    expect(board.headers['content-encoding']).toBeUndefined();
  });

  // why a condition: the peer must reach serve on an address of this machine that is not loopback
  it.skipIf(ownAddress() === undefined)('sends a peer on another address brotli (serve bound there, with its token)', async () => {
    const host = ownAddress() as string;
    const server = await startServer({ engine, host, port: 0, rendererDir: root, token: 'zip-token' });
    servers.push(server);
    const js = await get(server.port, '/assets/app.js', accept, host);
    expect(js.headers['content-encoding']).toBe('br');
    expect(decoded(js).equals(bundle)).toBe(true);
    const board = await get(server.port, '/api/board', { ...accept, authorization: 'Bearer zip-token' }, host);
    expect(board.status).toBe(200);
    expect(board.headers['content-encoding']).toBe('br');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(board.headers[k], k).toBe(v);
  });
});
