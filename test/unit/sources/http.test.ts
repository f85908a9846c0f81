import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, httpJson, httpSend, joinUrl, parseJsonBody, toJson } from '../../../src/main/engine/sources/http';
import { closedPort, startStub, type Stub } from './stub-server';
import { makeSelfSigned, type SelfSigned } from './self-signed';

describe('httpGet', () => {
  let stub: Stub;
  beforeAll(async () => {
    stub = await startStub((req) => {
      switch (req.path) {
        case '/ok':
          return { body: '{"a":1}' };
        case '/503':
          return { status: 503, body: `Service Unavailable ${'x'.repeat(500)}` };
        case '/html':
          return { status: 200, body: '<html>oops</html>' };
        case '/truncated':
          return { body: '{"status":"success","data":{"resultType":"vec' };
        case '/huge':
          // no content-length: the cap must hold while streaming
          return { body: Buffer.alloc(3 * 1024 * 1024, 'a'), headers: { 'transfer-encoding': 'chunked' } };
        case '/hang':
          return 'hang';
        case '/destroy':
          return 'destroy';
        case '/echo':
          return { body: JSON.stringify({ method: req.method, auth: req.headers.authorization ?? null, body: req.body, x: req.headers['x-team'] ?? null }) };
        default:
          return { status: 404, body: 'not found' };
      }
    });
  });
  afterAll(() => stub.close());

  it('returns status, body and duration of a 2xx response', async () => {
    const r = await httpGet(`${stub.url}/ok`);
    expect(r.ok && r.status).toBe(200);
    expect(r.ok && r.body).toBe('{"a":1}');
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('names a refused connection with its address', async () => {
    const port = await closedPort();
    const r = await httpGet(`http://127.0.0.1:${port}/`);
    expect(r).toMatchObject({ ok: false, reason: `connection refused (ECONNREFUSED 127.0.0.1:${port})` });
  });

  it('times out a server that never answers', async () => {
    const r = await httpGet(`${stub.url}/hang`, { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, reason: 'timed out after 300ms' });
    const r2 = await httpGet(`${stub.url}/hang`, { timeoutMs: 1000 });
    expect(r2).toMatchObject({ ok: false, reason: 'timed out after 1s' });
  });

  it('stops at the abort signal', async () => {
    const ac = new AbortController();
    const p = httpGet(`${stub.url}/hang`, { signal: ac.signal, timeoutMs: 10_000 });
    setTimeout(() => ac.abort(), 50);
    expect(await p).toMatchObject({ ok: false, reason: 'aborted' });
    expect(await httpGet(`${stub.url}/ok`, { signal: ac.signal })).toMatchObject({ ok: false, reason: 'aborted' });
  });

  it('abandons a body larger than the cap while streaming', async () => {
    const r = await httpGet(`${stub.url}/huge`, { maxBodyBytes: 1024 * 1024 });
    expect(r).toMatchObject({ ok: false, reason: 'response larger than 1 MiB' });
    const ok = await httpGet(`${stub.url}/huge`, { maxBodyBytes: 4 * 1024 * 1024 });
    expect(ok.ok && ok.body.length).toBe(3 * 1024 * 1024);
  });

  it('reports a connection closed by the server', async () => {
    const r = await httpGet(`${stub.url}/destroy`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/connection|socket hang up/);
  });

  it('sends bearer tokens, basic auth, headers and JSON bodies', async () => {
    const bearer = await httpJson(`${stub.url}/echo`, { bearerToken: 't0k', headers: { 'x-team': 'noc' } });
    expect(bearer).toMatchObject({ ok: true, data: { auth: 'Bearer t0k', x: 'noc' } });
    const basic = await httpJson(`${stub.url}/echo`, { basicAuth: { username: 'u', password: 'p' } });
    expect(basic).toMatchObject({ ok: true, data: { auth: `Basic ${Buffer.from('u:p').toString('base64')}` } });
    const sent = toJson(await httpSend('POST', `${stub.url}/echo`, { comment: 'hi' }));
    expect(sent).toMatchObject({ ok: true, data: { method: 'POST', body: '{"comment":"hi"}' } });
    const del = toJson(await httpSend('DELETE', `${stub.url}/echo`, undefined));
    expect(del).toMatchObject({ ok: true, data: { method: 'DELETE', body: '' } });
  });
});

describe('httpJson', () => {
  let stub: Stub;
  beforeAll(async () => {
    stub = await startStub((req) =>
      req.path === '/503' ? { status: 503, body: `Service Unavailable ${'x'.repeat(500)}` } : req.path === '/html' ? { body: '<html>oops</html>' } : { body: '{"status":"success","data":{"resultType":"vec' },
    );
  });
  afterAll(() => stub.close());

  it('turns a non-2xx status into "HTTP 503: <first 200 chars>"', async () => {
    const r = await httpJson(`${stub.url}/503`);
    expect(r.ok).toBe(false);
    const reason = r.ok ? '' : r.reason;
    expect(reason.startsWith('HTTP 503: Service Unavailable xxx')).toBe(true);
    expect(reason.length).toBeLessThanOrEqual('HTTP 503: '.length + 201);
  });

  it('says a body is not JSON, and where', async () => {
    const r = await httpJson(`${stub.url}/html`);
    expect(!r.ok && r.reason).toMatch(/^not JSON: .*(position 0|'<')/);
  });

  it('says a body is truncated JSON', async () => {
    const r = await httpJson(`${stub.url}/truncated`);
    expect(!r.ok && r.reason).toMatch(/^truncated JSON: /);
  });
});

describe('parseJsonBody and joinUrl', () => {
  it('names an empty body', () => {
    expect(parseJsonBody('  ')).toEqual({ ok: false, reason: 'not JSON: empty body' });
  });
  it('keeps a path prefix of the base URL', () => {
    expect(joinUrl('http://h:9090/prom/', '/api/v1/query')).toBe('http://h:9090/prom/api/v1/query');
    expect(joinUrl('http://h:9093', '/api/v2/alerts', { active: 'true' })).toBe('http://h:9093/api/v2/alerts?active=true');
  });
});

describe('https with a self-signed certificate', () => {
  let tls: SelfSigned;
  let stub: Stub;
  beforeAll(async () => {
    tls = makeSelfSigned(3);
    stub = await startStub(() => ({ body: '{"status":"healthy"}' }), { key: tls.key, cert: tls.cert });
  });
  afterAll(async () => {
    await stub.close();
    tls.cleanup();
  });

  it('is refused without a CA or the insecure flag', async () => {
    const r = await httpGet(stub.url);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^TLS: self-signed certificate/);
  });

  it('is trusted through a custom CA file and reports when the certificate expires', async () => {
    const r = await httpGet(stub.url, { tls: { ca: tls.certPath } });
    expect(r.ok && r.cert?.validTo).toBe(tls.notAfter);
  });

  it('is accepted with insecureSkipVerify, still reporting the expiry', async () => {
    const r = await httpGet(stub.url, { tls: { insecureSkipVerify: true } });
    expect(r.ok && r.cert?.validTo).toBe(tls.notAfter);
  });

  it('names a missing CA file', async () => {
    const r = await httpGet(stub.url, { tls: { ca: `${tls.dir}/missing.pem` } });
    expect(!r.ok && r.reason).toMatch(/^cannot read CA file .*missing\.pem/);
  });
});
