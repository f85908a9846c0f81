// Hostile input, bounded (fast-check; FAULTS_LONG=1 runs 10x as many cases): the board loader,
// every API route's parameters and bodies against the real server, and every upstream parser.
// No throw, no 500, no answer slower than the deadline. A failure prints its seed and the input.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBoardText } from '../../src/main/engine/config/load';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { mapAlertmanagerAlerts, mapAlertmanagerSilences } from '../../src/main/engine/sources/alertmanager/index';
import { evaluateCondition, parseCondition } from '../../src/main/engine/sources/health/conditions';
import { readHealthBody } from '../../src/main/engine/sources/health/state';
import { mapPrometheusAlerts } from '../../src/main/engine/sources/prometheus-alerts/index';
import { parseQueryResponse } from '../../src/main/engine/sources/prometheus/parse';
import { startServer, type RunningServer } from '../../src/main/server/index';
import { raw } from '../integration/raw-http';
import { waitFor } from '../integration/servers';

const SCALE = process.env.FAULTS_LONG === '1' ? 10 : 1;
const DEADLINE_MS = 5_000; // ms: no API answer may take longer, whatever it was asked

/** JSON-ish values with the shapes upstreams use, and the strings that break parsers. */
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('', 'NaN', '+Inf', '-Inf', '1e309', '-0', '0x10', '__proto__', 'constructor', '\u0000', '\u202E', '{{', '${env:HOME}', '*a', '&a', '!!js/function'),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, nasty, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(nasty, tie('value'), { maxKeys: 5 })),
})).value;

describe('board loader', () => {
  it('answers any text with a board or file:line problems, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), jsonish.map((v) => stringify(v)), fc.constantFrom('a: &a [*a]', '<<: *x', 'a: !!binary ====', '%YAML 9.9\n---', 'a: *b\nb: &b 1')), (text) => {
        const r = parseBoardText(text, 'fuzz.yaml', {});
        if (!r.ok) for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 * SCALE },
    );
  });

  it('answers board-shaped documents with hostile values the same way', () => {
    const board = fc.record({
      title: jsonish,
      sources: fc.record({ prometheus: fc.array(fc.record({ id: nasty, url: nasty, interval: nasty }), { maxLength: 2 }), health: fc.array(fc.record({ id: nasty, url: nasty, conditions: fc.array(nasty, { maxLength: 3 }) }), { maxLength: 2 }) }),
      pages: fc.array(fc.record({ id: nasty, title: nasty, panels: fc.array(fc.record({ id: nasty, type: fc.constantFrom('stat', 'timeseries', 'gauge', 'health', 'alertlist', 'text', 'nope'), query: nasty, thresholds: jsonish }), { maxLength: 3 }) }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(board, (b) => {
        parseBoardText(stringify(b), 'fuzz.yaml', {});
      }),
      { numRuns: 300 * SCALE },
    );
  });
});

describe('upstream parsers', () => {
  it('map any JSON to series, alerts, silences or health, or to a reason, never a throw', () => {
    fc.assert(
      fc.property(jsonish, fc.integer({ min: 100, max: 599 }), (value, status) => {
        const body = JSON.stringify(value) ?? 'null';
        // why: upstream data always arrives through JSON.parse, as here (plain objects, no prototypes to exploit)
        const data: unknown = JSON.parse(body);
        const q = parseQueryResponse({ ok: true, status, body, durationMs: 1, headers: {} }, { maxSeries: 100, keepAllPoints: true });
        if (!q.ok) expect(typeof q.reason).toBe('string');
        // why body, not String(data): a JSON object such as {"toString":0} cannot be made a string, and the throw was the test's own
        const envelope = { status: 'success', data: { resultType: 'matrix', result: [{ metric: data, values: [[1, body]] }] } };
        parseQueryResponse({ ok: true, status: 200, body: JSON.stringify(envelope), durationMs: 1, headers: {} }, { maxSeries: 100, keepAllPoints: false });
        mapAlertmanagerAlerts('am', data, 0);
        mapAlertmanagerAlerts('am', [{ labels: data, annotations: data, status: { state: 'active' }, startsAt: data, fingerprint: 'f' }], 0);
        mapAlertmanagerSilences('am', data, 0);
        mapPrometheusAlerts('p', data, 0);
        mapPrometheusAlerts('p', { status: 'success', data: { alerts: [{ labels: data, annotations: data, state: 'firing', activeAt: data }] } }, 0);
        readHealthBody(data);
      }),
      { numRuns: 500 * SCALE },
    );
  });

  it('parse and evaluate any health condition against any body, or refuse it', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom('[STATUS] == ', '[BODY] == pat(', 'len([BODY].', 'has([BODY]', '[BODY].a == any(', '[RESPONSE_TIME] < '), jsonish, (tail, head, body) => {
        const p = parseCondition(head + tail);
        if (p.ok) evaluateCondition(p.condition, { now: 0, status: 200, responseTimeMs: 5, body: JSON.stringify(body) ?? '' });
      }),
      { numRuns: 500 * SCALE },
    );
  });
});

describe('every API route, against the real server', () => {
  let engine: Engine;
  let server: RunningServer;

  beforeAll(async () => {
    engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'wb-fuzz-')), watch: false });
    engine.start();
    server = await startServer({ engine, host: '127.0.0.1', port: 0 });
    // why: the demo source backfills its day at start; the deadline is about answering, not booting
    await waitFor('the demo source ok', async () => (await engine.request('status', {})).ok || undefined, 60_000, 200);
  });

  afterAll(async () => {
    await server?.close();
    await engine?.stop();
  });

  const param = fc.oneof(fc.constant(''), fc.integer().map(String), fc.constantFrom('-1', '1e308', 'NaN', '9007199254740993', '0', String(Date.now()), 'a,b,a', ',,,'), fc.string({ maxLength: 40 }));
  const path = fc.oneof(
    fc.constantFrom('/api/board', '/api/status', '/api/query', '/api/snapshot', '/api/incidents', '/api/timeline', '/api/events?lastEventId=x', '/metrics', '/api/', '/api/incidents//ack', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../package.json'),
    fc.tuple(fc.constantFrom('ack', 'snooze', 'silence', 'unsilence', 'delete'), fc.string({ maxLength: 30 })).map(([verb, id]) => `/api/incidents/${encodeURIComponent(id)}/${verb}`),
  );

  it('never answers 500, and answers within the deadline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'),
        path,
        fc.dictionary(fc.constantFrom('panels', 'from', 'to', 'maxPoints', 'at', 'includeResolved', 'token'), param, { maxKeys: 5 }),
        fc.oneof(fc.constant(undefined), jsonish.map((v) => JSON.stringify(v) ?? ''), fc.string({ maxLength: 200 })),
        async (method, p, query, body) => {
          if (p.startsWith('/api/events')) return; // a stream: answered once, checked in serve-security
          const qs = new URLSearchParams(query).toString();
          const started = Date.now();
          const r = await raw(server.port, {
            method,
            path: `${p}${qs ? (p.includes('?') ? '&' : '?') + qs : ''}`,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            ...(body !== undefined ? { body } : {}),
          });
          expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
          expect(r.status, `${method} ${p}?${qs} ${body ?? ''} → ${r.body.slice(0, 300)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 * SCALE },
    );
  });
});
