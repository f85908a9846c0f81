// `wallboard serve` as an attacker sees it, with raw HTTP requests (any Host, Origin and
// Content-Type, as curl would send them): DNS rebinding and cross-site requests are refused, limits
// hold, and every response carries the security headers.
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/model';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { startServer, type RunningServer } from '../../src/main/server/index';
import { DEFAULT_LIMITS } from '../../src/main/server/limits';
import { raw } from './raw-http';

describe('serve refuses DNS rebinding and cross-site requests', () => {
  let engine: Engine;
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'wb-sec-')), watch: false });
    engine.start();
    server = await startServer({ engine, host: '127.0.0.1', port: 0, allowedHosts: ['wall.example'] });
    port = server.port;
  });

  afterAll(async () => {
    await server?.close();
    await engine?.stop();
  });

  it('answers the bound address, localhost names and configured hosts', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'wall.example', `WALL.example:${port}`]) {
      const r = await raw(port, { path: '/api/board', headers: { host } });
      expect(r.status, host).toBe(200);
    }
  });

  it('refuses a foreign Host header (a rebound name) on the API and the page', async () => {
    for (const path of ['/api/board', '/api/status', '/metrics', '/api/events', '/']) {
      const r = await raw(port, { path, headers: { host: 'evil.example' } });
      expect(r.status, path).toBe(421);
      expect(r.body).toMatch(/--allowed-host/);
    }
    expect((await raw(port, { path: '/api/board', headers: { host: `attacker.127.0.0.1.nip.io:${port}` } })).status).toBe(421);
  });

  it('refuses a cross-origin read and a cross-site POST, and the incident is not touched', async () => {
    const read = await raw(port, { path: '/api/board', headers: { origin: 'http://evil.example' } });
    expect(read.status).toBe(403);
    const incidents = JSON.parse((await raw(port, { path: '/api/incidents?includeResolved=1' })).body) as Incident[];
    const id = incidents[0]?.id ?? 'no-incident-yet';
    const ack = await raw(port, {
      method: 'POST',
      path: `/api/incidents/${encodeURIComponent(id)}/ack`,
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: '{"by":"evil"}',
    });
    expect(ack.status).toBe(403);
    const snooze = await raw(port, {
      method: 'POST',
      path: `/api/incidents/${encodeURIComponent(id)}/snooze`,
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: '{"until":4102444800000}',
    });
    expect(snooze.status).toBe(403);
    const after = JSON.parse((await raw(port, { path: '/api/incidents?includeResolved=1' })).body) as Incident[];
    expect(after.some((i) => i.ack?.by === 'evil' || (i.snoozedUntil ?? 0) >= 4102444800000)).toBe(false);
  });

  it('requires application/json on a POST body, even from the same origin', async () => {
    const r = await raw(port, {
      method: 'POST',
      path: '/api/incidents/x/ack',
      headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(r.status).toBe(415);
    const ok = await raw(port, {
      method: 'POST',
      path: '/api/incidents/x/ack',
      headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(ok.status).toBe(404); // past the guard: the incident does not exist
  });

  it('sends the security headers on API answers, errors and the page alike', async () => {
    const answers = [
      await raw(port, { path: '/api/board' }),
      await raw(port, { path: '/api/nope' }),
      await raw(port, { path: '/api/query?panels=x&from=1&to=0' }),
      await raw(port, { path: '/api/board', headers: { host: 'evil.example' } }),
      await raw(port, { path: '/' }),
    ];
    for (const r of answers) {
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('reads an empty from= as a bad request, not as 1970', async () => {
    const r = await raw(port, { path: '/api/query?panels=x&from=&to=1000' });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/from/);
    expect((await raw(port, { path: '/api/snapshot?at=' })).status).toBe(400);
  });

  it('answers a panel named 600 times once', async () => {
    const board = JSON.parse((await raw(port, { path: '/api/board' })).body) as { pages: { panels: { id: string }[] }[] };
    const id = board.pages[0]!.panels[0]!.id;
    const to = Date.now();
    const r = await raw(port, { path: `/api/query?panels=${Array(600).fill(id).join(',')}&from=${to - 60_000}&to=${to}&maxPoints=100` });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.body) as { panels: unknown[] }).panels).toHaveLength(1);
  });

  it('caps distinct panels per query with a message naming the limit', async () => {
    const ids = Array.from({ length: DEFAULT_LIMITS.maxQueryPanels + 1 }, (_, i) => `p${i}`).join(',');
    const r = await raw(port, { path: `/api/query?panels=${ids}&from=0&to=1` });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/WALLBOARD_MAX_QUERY_PANELS/);
  });
});

describe('serve limits', () => {
  it('caps response bytes and SSE streams, naming the limit and how to raise it', async () => {
    const engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'wb-sec-')), watch: false });
    const server = await startServer({ engine, host: '127.0.0.1', port: 0, limits: { ...DEFAULT_LIMITS, maxResponseBytes: 200, maxSseClients: 2 } });
    const streams: AbortController[] = [];
    try {
      const big = await raw(server.port, { path: '/api/board' });
      expect(big.status).toBe(413);
      expect(big.body).toMatch(/WALLBOARD_MAX_RESPONSE_BYTES/);
      for (let i = 0; i < 2; i++) {
        const c = new AbortController();
        streams.push(c);
        expect((await fetch(`${server.url}/api/events`, { signal: c.signal })).status).toBe(200);
      }
      const third = await raw(server.port, { path: '/api/events' });
      expect(third.status).toBe(503);
      expect(third.body).toMatch(/WALLBOARD_MAX_SSE_CLIENTS/);
    } finally {
      for (const c of streams) c.abort();
      await server.close();
      await engine.stop();
    }
  });
});

describe('SSE backpressure', () => {
  it('drops a client that stops reading instead of buffering events for it without bound', async () => {
    const { SseHub } = await import('../../src/main/server/sse');
    const { createServer } = await import('node:http');
    const listeners = new Set<(p: unknown) => void>();
    const engine = {
      request: () => Promise.reject(new Error('unused')),
      on: (event: string, l: (p: unknown) => void) => {
        if (event === 'update') listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const hub = new SseHub(engine as never, { maxSseBufferBytes: 1024 * 1024 });
    const server = createServer((_req, res) => hub.attach(res, undefined));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const reader = connect(port, '127.0.0.1');
    reader.write(`GET /api/events HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`);
    reader.pause(); // a frozen tab: the socket stays open and nothing is read
    const closed = new Promise<void>((r) => reader.once('close', () => r()));
    reader.on('error', () => undefined);
    try {
      for (let i = 0; i < 200 && hub.clientCount === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(hub.clientCount).toBe(1);
      const payload = { at: 0, panels: ['x'.repeat(256 * 1024)], health: false, alerts: false, incidents: false };
      // 64 MB of events: far past the 1 MB cap plus what the kernel's socket buffers hold
      for (let i = 0; i < 256 && hub.clientCount > 0; i++) {
        for (const l of listeners) l(payload);
        await new Promise((r) => setImmediate(r));
      }
      expect(hub.clientCount).toBe(0);
      expect(hub.dropped).toBe(1);
      reader.resume();
      await closed;
    } finally {
      reader.destroy();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
