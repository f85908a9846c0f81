import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LATENCY_QUERY, createHealthSource } from '../../../src/main/engine/sources/health';
import { seriesKey } from '../../../src/shared/model';
import type { BoardInput } from '../../../src/shared/config-schema';
import { closedPort, fixture, startStub, type Stub, type StubReply } from './stub-server';
import { makeSelfSigned, type SelfSigned } from './self-signed';
import { ctxFor, makeBoard } from './board';

type HealthInput = NonNullable<NonNullable<BoardInput['sources']>['health']>[number];
const NOW = 1_800_000_000_000;

function healthSource(cfg: HealthInput, start = NOW) {
  const board = makeBoard({ sources: { health: [cfg] } });
  const source = createHealthSource(board.sources.health[0]!);
  let t = start;
  return { source, poll: (signal?: AbortSignal) => source.poll(ctxFor(board, (t += 30_000), {}, signal)) };
}

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('health source', () => {
  it('reads a 503 with a health body: unhealthy, per-service states, failures with what was seen', async () => {
    stub = await startStub(() => fixture('health', 'unhealthy-503'));
    const { poll } = healthSource({ id: 'shop', url: `${stub.url}/health`, brand: 'acme', name: 'Shop' });
    const b = await poll();
    expect(b.status).toEqual({ ok: true });
    expect(b.health).toHaveLength(1);
    expect(b.health[0]).toMatchObject({
      targetId: 'shop',
      source: 'shop',
      brand: 'acme',
      name: 'Shop',
      observed: 'unhealthy',
      state: 'unhealthy',
      httpStatus: 503,
      failures: ['[STATUS] == 200 (got 503)'],
      services: { db: 'unhealthy', cache: 'healthy' },
    });
    expect(b.health[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(b.samples).toEqual([{ key: seriesKey('shop', LATENCY_QUERY, {}), source: 'shop', query: LATENCY_QUERY, labels: {}, ts: [b.at], values: [b.health[0]!.latencyMs] }]);
  });

  it('debounces: 3 failures to turn unhealthy, 2 successes to recover; observed is each check alone', async () => {
    let reply: StubReply = fixture('health', 'healthy');
    stub = await startStub(() => reply);
    const { poll } = healthSource({ id: 'api', url: stub.url });
    const seen: [string, string][] = [];
    const step = async (r: StubReply): Promise<void> => {
      reply = r;
      const h = (await poll()).health[0]!;
      seen.push([h.observed, h.state]);
    };
    const ok = fixture('health', 'healthy');
    const down = fixture('health', 'unhealthy-503');
    for (const r of [ok, down, down, down, ok, down, ok, ok]) await step(r);
    expect(seen).toEqual([
      ['healthy', 'healthy'],
      ['unhealthy', 'healthy'],
      ['unhealthy', 'healthy'],
      ['unhealthy', 'unhealthy'],
      ['healthy', 'unhealthy'],
      ['unhealthy', 'unhealthy'],
      ['healthy', 'unhealthy'],
      ['healthy', 'healthy'],
    ]);
  });

  it('debounces each service on its own and calls a service down under an ok status degraded', async () => {
    let reply: StubReply = fixture('health', 'healthy');
    stub = await startStub(() => reply);
    const { poll } = healthSource({ id: 'api', url: stub.url, failAfter: 2, recoverAfter: 1 });
    const first = (await poll()).health[0]!;
    expect(first.services).toEqual({ db: 'healthy', cache: 'healthy' });
    reply = fixture('health', 'degraded');
    const second = (await poll()).health[0]!;
    expect(second).toMatchObject({ observed: 'degraded', state: 'healthy', services: { cache: 'healthy' } });
    const third = (await poll()).health[0]!;
    expect(third).toMatchObject({ observed: 'degraded', state: 'degraded', services: { db: 'healthy', cache: 'unhealthy' } });
    reply = { status: 200, body: JSON.stringify({ status: 'ok', services: { db: 'up' } }) };
    const fourth = (await poll()).health[0]!;
    expect(fourth).toMatchObject({ observed: 'healthy', state: 'healthy', services: { db: 'healthy' } });
  });

  it('calls a timeout unhealthy with the reason and no latency sample', async () => {
    stub = await startStub(() => 'hang');
    const { poll } = healthSource({ id: 'slow', url: stub.url, timeout: '200ms' });
    const b = await poll();
    expect(b.health[0]).toMatchObject({ observed: 'unhealthy', latencyMs: null, error: 'timed out after 200ms', failures: ['[STATUS] == 200 (got no response)'] });
    expect(b.samples).toEqual([]);
  });

  it('calls a refused connection unhealthy with the reason', async () => {
    const port = await closedPort();
    const { poll } = healthSource({ id: 'gone', url: `http://127.0.0.1:${port}/health` });
    const h = (await poll()).health[0]!;
    expect(h).toMatchObject({ observed: 'unhealthy', state: 'unhealthy', error: `connection refused (ECONNREFUSED 127.0.0.1:${port})` });
  });

  it('reports nothing about the target when the engine aborts the poll', async () => {
    stub = await startStub(() => 'hang');
    const { poll } = healthSource({ id: 'x', url: stub.url });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const b = await poll(ac.signal);
    expect(b.status).toEqual({ ok: false, reason: 'aborted' });
    expect(b.health).toEqual([]);
  });

  it('judges response time and body conditions', async () => {
    stub = await startStub(() => ({ ...fixture('health', 'healthy'), delayMs: 150 }));
    const { poll } = healthSource({ id: 'x', url: stub.url, conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 100', '[BODY].services.db.status == up'] });
    const h = (await poll()).health[0]!;
    expect(h.failures).toHaveLength(1);
    expect(h.failures[0]).toMatch(/^\[RESPONSE_TIME\] < 100 \(got \d+ms\)$/);
    expect(h.observed).toBe('unhealthy');
  });

  it('keeps at most 1 KiB of any string it copies from the target', async () => {
    stub = await startStub(() => ({ body: JSON.stringify({ status: 'ok', services: { ['n'.repeat(5000)]: 'up' } }) }));
    const { poll } = healthSource({ id: 'x', url: stub.url });
    const h = (await poll()).health[0]!;
    expect(Object.keys(h.services)[0]!.length).toBe(1024);
  });
});

describe('health source over https', () => {
  let tls: SelfSigned;
  let tlsStub: Stub;
  beforeAll(async () => {
    tls = makeSelfSigned(3);
    tlsStub = await startStub(() => fixture('health', 'healthy'), { key: tls.key, cert: tls.cert });
  });
  afterAll(async () => {
    await tlsStub.close();
    tls.cleanup();
  });
  const expiry = ['[STATUS] == 200', '[CERTIFICATE_EXPIRATION] > 48h'];
  // these polls use the real clock: the certificate was made against it

  it('trusts a custom CA and passes a certificate with 3 days left against > 48h', async () => {
    const { poll } = healthSource({ id: 'tls', url: tlsStub.url, conditions: expiry, tls: { ca: tls.certPath } }, Date.now());
    const h = (await poll()).health[0]!;
    expect(h).toMatchObject({ observed: 'healthy', failures: [], certExpiresAt: tls.notAfter });
  });

  it('fails the same certificate against > 96h, saying how long is left', async () => {
    const { poll } = healthSource({ id: 'tls', url: tlsStub.url, conditions: ['[CERTIFICATE_EXPIRATION] > 96h'], tls: { insecureSkipVerify: true } }, Date.now());
    const h = (await poll()).health[0]!;
    expect(h.observed).toBe('unhealthy');
    expect(h.failures[0]).toMatch(/^\[CERTIFICATE_EXPIRATION\] > 96h \(got 2d 2[23]h\)$/);
  });

  it('is unhealthy with a TLS reason when the certificate is not trusted', async () => {
    const { poll } = healthSource({ id: 'tls', url: tlsStub.url, conditions: expiry }, Date.now());
    const h = (await poll()).health[0]!;
    expect(h.observed).toBe('unhealthy');
    expect(h.error).toMatch(/^TLS: self-signed certificate/);
  });
});
