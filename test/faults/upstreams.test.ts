// Upstream faults, injected from outside by a loopback proxy in front of a real Prometheus: slow,
// 5xx, reset connections, a different schema, killed and back. Each shows on its own source with
// the right state and reason; the source that reads Prometheus directly is never affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/shared/model';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { startNodeExporter, startPrometheus, stopAll, tempDir, waitFor, type ServerHandle } from '../integration/servers';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';

let prom: ServerHandle;
let proxy: FaultProxy;
let engine: Engine;

const board = (direct: string, viaProxy: string): string => `title: Upstream faults
sources:
  prometheus:
    - { id: direct, url: "${direct}", interval: 1s, timeout: 2s }
    - { id: proxied, url: "${viaProxy}", interval: 1s, timeout: 2s }
pages:
  - id: p
    title: P
    panels:
      - { id: a, type: stat, source: direct, query: "sum(node_load1)" }
      - { id: b, type: stat, source: proxied, query: "sum(node_load1)" }
`;

async function statusOf(id: string): Promise<SourceStatus> {
  const s = await engine.request('status', {});
  return s.sources.find((x) => x.sourceId === id) as SourceStatus;
}

/** Injects `fault` and waits until the proxied source is down with a reason matching `reason`. */
async function expectDown(fault: Fault, reason: RegExp): Promise<void> {
  await proxy.set(fault);
  const s = await waitFor(`proxied down with ${reason}`, async () => {
    const st = await statusOf('proxied');
    return st.state === 'down' && reason.test(st.reason ?? '') ? st : undefined;
  }, 20_000, 200);
  expect(s.reason).toMatch(reason);
  const direct = await statusOf('direct');
  expect(direct.state, `direct source during ${fault.kind}: ${direct.reason ?? ''}`).toBe('ok');
  await proxy.set({ kind: 'pass' });
  await waitFor('proxied ok again', async () => (await statusOf('proxied')).state === 'ok', 20_000, 200);
}

beforeAll(async () => {
  const ne = await startNodeExporter();
  prom = await startPrometheus({ scrapeTargets: [ne.url] });
  proxy = await startFaultProxy(prom.url);
  const dir = tempDir('faults-upstream');
  const file = `${dir}/board.yaml`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, board(prom.url, proxy.url));
  engine = createEngine({ configFile: file, dataDir: dir, watch: false });
  engine.start();
  await waitFor('both sources ok', async () => (await statusOf('direct')).state === 'ok' && (await statusOf('proxied')).state === 'ok', 30_000, 200);
});

afterAll(async () => {
  await engine?.stop();
  await proxy?.close();
  await stopAll();
});

describe('upstream faults, per source', () => {
  it('a slow upstream (5 s against a 2 s timeout) is down with a timeout', () => expectDown({ kind: 'delay', ms: 5_000 }, /^timed out after 2s/));
  it('a 503 is down with the status', () => expectDown({ kind: 'status', code: 503 }, /^HTTP 503: injected 503/));
  it('a reset connection is down with the reset', () => expectDown({ kind: 'reset' }, /^connection reset \(ECONNRESET\)/));
  it('an answer of another schema is down as not a Prometheus response', () => expectDown({ kind: 'schema' }, /^not a Prometheus response/));
  it('a killed upstream is down with the refusal, and recovers when it is back', () => expectDown({ kind: 'down' }, /^connection refused \(ECONNREFUSED/));
});
