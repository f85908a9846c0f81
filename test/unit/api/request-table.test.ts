// The REQUESTS table drives the HTTP client, the HTTP server and the IPC validation: every request
// must reach the engine with the same args over real HTTP, and anything not in the table is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, type EngineEvents, type EngineRequests, type RequestName } from '../../../src/shared/api';
import { fromHttp, toHttp } from '../../../src/shared/api-http';
import { parseRequest } from '../../../src/main/request-schemas';
import { startServer, type RunningServer } from '../../../src/main/server/index';
import { createHttpClient } from '../../../src/renderer/api/http-client';
import type { Engine } from '../../../src/main/engine/index';

// why typed by RequestName: a request added to the table without a sample here is a compile error
const SAMPLES: { [K in RequestName]: EngineRequests[K]['args'] } = {
  board: {},
  query: { panels: ['a', 'b c'], from: 1_000, to: 2_000, maxPoints: 300 },
  snapshot: { at: 1_700_000_000_000 },
  status: {},
  incidents: { at: 5, includeResolved: true },
  timeline: { from: 1_000, to: 86_401_000 },
  ack: { id: 'inc/1 x', note: 'on it', by: 'ann' },
  snooze: { id: 'inc-2', until: 1_700_000_600_000 },
  silence: { id: 'inc-3', duration: 3_600_000, comment: 'maintenance' },
  unsilence: { id: 'inc-4' },
};

/** An engine that records what reached it and answers `{ name }`. */
function recordingEngine(calls: { name: string; args: unknown }[]): Engine {
  return {
    async request(name, args) {
      calls.push({ name, args });
      return { name } as never;
    },
    on: <E extends keyof EngineEvents>(_e: E, _l: (p: EngineEvents[E]) => void) => () => undefined,
    healthy: () => true,
    metricsText: () => '',
  } as Partial<Engine> as Engine;
}

describe('the request table over HTTP', () => {
  const calls: { name: string; args: unknown }[] = [];
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine: recordingEngine(calls), host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());

  it.each(REQUEST_NAMES)('%s reaches the engine with the args the client sent', async (name) => {
    calls.length = 0;
    const client = createHttpClient({ baseUrl: server.url });
    await expect(client.request(name, SAMPLES[name] as never)).resolves.toEqual({ name });
    expect(calls).toEqual([{ name, args: SAMPLES[name] }]);
  });

  it('keeps the README paths: query parameters for GET, the incident id in the path for actions', () => {
    expect(toHttp('query', SAMPLES.query)).toEqual({ method: 'GET', path: '/api/query', query: { panels: 'a,b c', from: '1000', to: '2000', maxPoints: '300' } });
    expect(toHttp('incidents', { includeResolved: false })).toEqual({ method: 'GET', path: '/api/incidents', query: {} });
    expect(toHttp('ack', SAMPLES.ack)).toEqual({ method: 'POST', path: '/api/incidents/inc%2F1%20x/ack', query: {}, body: { note: 'on it', by: 'ann' } });
    expect(toHttp('unsilence', SAMPLES.unsilence)).toEqual({ method: 'POST', path: '/api/incidents/inc-4/unsilence', query: {}, body: {} });
  });

  it('ignores query parameters a route does not declare (the token) and reads a missing flag as false', () => {
    const q = new URLSearchParams('token=secret&at=7');
    expect(fromHttp('GET', '/api/incidents', q, undefined)).toEqual({ name: 'incidents', rawArgs: { at: '7', includeResolved: false } });
    expect(parseRequest('incidents', { at: '7', includeResolved: false })).toEqual({ ok: true, request: { name: 'incidents', args: { at: 7, includeResolved: false } } });
  });

  // why: the server refuses a POST body that is not declared JSON (cross-site protection, 415)
  const JSON_BODY = { 'content-type': 'application/json' };

  it('answers 404 for a path or verb that is not in the table, and 400 with the reason for bad args', async () => {
    const nope = await fetch(`${server.url}/api/incidents/x/delete`, { method: 'POST', headers: JSON_BODY, body: '{}' });
    expect(nope.status).toBe(404);
    expect(await nope.json()).toEqual({ error: 'no such endpoint: POST /api/incidents/x/delete' });
    expect((await fetch(`${server.url}/api/ack`)).status).toBe(404);
    const bad = await fetch(`${server.url}/api/incidents/x/snooze`, { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ until: 5, extra: 1 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/extra/);
    const notObject = await fetch(`${server.url}/api/incidents/x/silence`, { method: 'POST', headers: JSON_BODY, body: '[1]' });
    expect(notObject.status).toBe(400);
  });
});

describe('parseRequest, the validation IPC and HTTP share', () => {
  it('accepts every sample as it is', () => {
    for (const name of REQUEST_NAMES) expect(parseRequest(name, SAMPLES[name])).toEqual({ ok: true, request: { name, args: SAMPLES[name] } });
  });

  it('refuses a name that is not a request, naming the requests there are', () => {
    for (const name of ['delete', 'toString', '__proto__', 42, undefined]) {
      const r = parseRequest(name, {});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/^unknown request .*: the requests are board, query, snapshot, status, incidents, timeline, ack, snooze, silence, unsilence$/);
    }
  });

  it('refuses bad args with the field and the reason', () => {
    const cases: [RequestName, unknown, RegExp][] = [
      ['query', { panels: ['a'], from: 5, to: 1, maxPoints: 10 }, /from must not be after to/],
      ['query', { panels: [], from: 1, to: 5 }, /^panels: /],
      ['silence', { id: 'x', duration: -1, comment: 'c' }, /^duration: /],
      ['snooze', { id: 'x', until: 1, extra: true }, /extra/],
      ['ack', { note: 'no id' }, /^id: /],
      ['unsilence', 'x', /^request: /],
    ];
    for (const [name, args, why] of cases) {
      const r = parseRequest(name, args);
      expect(r.ok ? 'accepted' : r.error).toMatch(why);
    }
  });

  it('drops an empty acknowledgement note, as the HTTP route always did', () => {
    expect(parseRequest('ack', { id: 'x', note: '' })).toEqual({ ok: true, request: { name: 'ack', args: { id: 'x' } } });
  });
});

describe('the event table', () => {
  it('lists the events SSE and IPC forward', () => {
    expect(EVENT_NAMES).toEqual(['update', 'status', 'config', 'notification', 'focus']);
  });
});
