// `wallboard serve` over real HTTP: the Engine API mapping, SSE resume, auth, /healthz, /metrics.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, QueryResult, Snapshot, StatusReport, UpdateEvent } from '../../src/shared/api';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { startServer, type RunningServer } from '../../src/main/server/index';

const BOARD = `title: Serve test
brands: [{ id: bizoholic, name: Bizoholic, color: "#e4572e" }]
sources:
  demo: [{ id: demo, seed: 7, interval: 1s }]
  prometheus:
    - id: prom
      url: http://127.0.0.1:1
      interval: 1h
      headers: { Authorization: "Bearer \${env:WB_TEST_SECRET}" }
pages:
  - id: main
    title: Main
    panels:
      - { id: orders, type: stat, source: demo, brand: bizoholic, query: "demo:bizoholic_orders_per_min" }
      - { id: orders-ts, type: timeseries, source: demo, brand: bizoholic, query: "demo:bizoholic_orders_per_min" }
`;

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads SSE frames from a stream until `count` events with ids arrived. */
async function readEvents(url: string, headers: Record<string, string>, count: number): Promise<{ id: number; event: string; data: unknown }[]> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const out: { id: number; event: string; data: unknown }[] = [];
  while (out.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const f = Object.fromEntries(frame.split('\n').filter((l) => /^(id|event|data):/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      if (f.id) out.push({ id: Number(f.id), event: String(f.event), data: JSON.parse(String(f.data)) });
    }
  }
  ctrl.abort();
  return out;
}

describe('wallboard serve', () => {
  let engine: Engine;
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wb-serve-'));
    const file = join(dataDir, 'board.yaml');
    writeFileSync(file, BOARD);
    process.env.WB_TEST_SECRET = 'very-secret-token-123';
    engine = createEngine({ configFile: file, dataDir });
    engine.start();
    server = await startServer({ engine, host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await engine?.stop();
  });

  it('serves the board without any secret from the board file', async () => {
    const res = await fetch(`${server.url}/api/board`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('very-secret-token-123');
    expect(text).not.toContain('Authorization');
    const board = JSON.parse(text) as BoardView;
    expect(board.title).toBe('Serve test');
    expect(board.sources.map((s) => s.id).sort()).toEqual(['demo', 'prom']);
  });

  it('answers query in uPlot column layout with x in seconds', async () => {
    await until(async () => ((await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot).panels.orders?.state === 'ok' || undefined, 'orders ok');
    const to = Date.now();
    const from = to - 3_600_000;
    const res = await fetch(`${server.url}/api/query?panels=orders-ts&from=${from}&to=${to}&maxPoints=200`);
    const q = (await res.json()) as QueryResult;
    const panel = q.panels[0]!;
    expect(panel.panelId).toBe('orders-ts');
    expect(panel.x.length).toBeGreaterThan(10);
    expect(panel.x.length).toBeLessThanOrEqual(400); // min+max per bucket at most
    expect(panel.x[0]!).toBeGreaterThanOrEqual(Math.floor(from / 1000) - 1);
    expect(panel.x.at(-1)!).toBeLessThanOrEqual(Math.ceil(to / 1000));
    expect(panel.y[0]!.length).toBe(panel.x.length);
  });

  it('sends each update with the live snapshot and the new samples, which equal what a query answers', async () => {
    const [ev] = await readEvents(`${server.url}/api/events`, {}, 20).then((evs) => evs.filter((e) => e.event === 'update' && (e.data as UpdateEvent).tail));
    const u = ev?.data as UpdateEvent;
    expect(u.snapshot?.live).toBe(true);
    expect(u.snapshot?.panels.orders?.state).toBe('ok');
    const tail = u.tail!;
    expect(tail.to).toBe(u.snapshot?.at);
    const ts = tail.panels.find((p) => p.panelId === 'orders-ts')!;
    expect(ts.x.length).toBeGreaterThan(0);
    // series by key only: a wall holds their query, labels and name from its reads
    expect(ts.series.every((s) => Object.keys(s).join() === 'key')).toBe(true);
    expect(ts.x[0]! * 1000).toBeGreaterThanOrEqual(tail.from - 1000);
    // the same range read as a wall would read it: the same samples. why not equal: on a loaded
    // machine a poll stamped before tail.to can be written after the update was read; its samples
    // then come in the next update's tail (which starts at them), and this later query has them too
    const q = (await (await fetch(`${server.url}/api/query?panels=orders-ts&from=${tail.from}&to=${tail.to}&maxPoints=10000`)).json()) as QueryResult;
    const qx = q.panels[0]?.x ?? [];
    const at = ts.x.map((x) => qx.indexOf(x));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at.map((i) => q.panels[0]?.y[0]?.[i])).toEqual(ts.y[0]);
    expect(ts.series.map((s) => s.key)).toEqual(q.panels[0]?.series.map((s) => s.key));
    expect(qx.filter((x) => !ts.x.includes(x)).every((x) => x > (ts.x.at(-1) ?? Infinity))).toBe(true);
  });

  it('reports a snapshot per panel and a down source with its reason', async () => {
    const snap = (await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot;
    expect(snap.live).toBe(true);
    expect(snap.panels.orders?.values[0]?.value).toEqual(expect.any(Number));
    const status = await until(async () => {
      const s = (await (await fetch(`${server.url}/api/status`)).json()) as StatusReport;
      return s.sources.find((x) => x.sourceId === 'prom' && x.state === 'down') ? s : undefined;
    }, 'prom down');
    const prom = status.sources.find((s) => s.sourceId === 'prom')!;
    expect(prom.reason).toMatch(/ECONNREFUSED|refused/);
    expect(status.sources.find((s) => s.sourceId === 'demo')?.state).toBe('ok');
  });

  it('rejects malformed requests with 400 and the reason', async () => {
    const res = await fetch(`${server.url}/api/query?panels=orders&from=abc&to=1`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/from/);
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404);
  });

  it('is healthy while a source delivers, and exposes its own metrics', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^wallboard_polls_total\{source="demo",kind="demo"\} [1-9]/m);
    expect(metrics).toMatch(/^wallboard_poll_errors_total\{source="prom",kind="prometheus"\} [1-9]/m);
    expect(metrics).toMatch(/^wallboard_samples_stored_total [1-9]\d*/m);
    expect(metrics).toMatch(/^wallboard_db_bytes [1-9]\d*/m);
  });

  it('reports its open event streams and what fanning events out to them costs in /metrics', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${server.url}/api/events`, { signal: ctrl.signal });
    expect(res.status).toBe(200);
    try {
      const text = await until(async () => {
        const t = await (await fetch(`${server.url}/metrics`)).text();
        return /^wallboard_sse_clients [1-9]/m.test(t) && /^wallboard_sse_update_seconds_count [1-9]/m.test(t) ? t : undefined;
      }, 'an update fanned out while a stream is open');
      expect(text).toMatch(/^wallboard_sse_event_bytes_total [1-9]\d*$/m);
      expect(text).toMatch(/^wallboard_sse_fanout_seconds_count [1-9]/m);
      expect(text).toMatch(/^wallboard_sse_fanout_seconds_sum \d/m);
      // an update's mean age when written to every stream, in seconds (not ms, not since the epoch); loose: the machine is shared
      const age = Number(/^wallboard_sse_update_seconds_sum (\S+)$/m.exec(text)?.[1]) / Number(/^wallboard_sse_update_seconds_count (\S+)$/m.exec(text)?.[1]);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(30);
      expect(text).toMatch(/^wallboard_sse_dropped_total \d+$/m);
    } finally {
      ctrl.abort();
    }
  });

  it('streams events over SSE and resumes from Last-Event-ID without losing any', async () => {
    const first = await readEvents(`${server.url}/api/events`, {}, 2);
    expect(first.map((e) => e.event)).toEqual(expect.arrayContaining([expect.stringMatching(/update|status/)]));
    const lastId = first.at(-1)!.id;
    await new Promise((r) => setTimeout(r, 2500)); // events happen while disconnected
    const resumed = await readEvents(`${server.url}/api/events`, { 'last-event-id': String(lastId) }, 2);
    expect(resumed[0]!.id).toBe(lastId + 1);
    expect(resumed[1]!.id).toBe(lastId + 2);
  });
});

describe('wallboard serve auth', () => {
  it('requires the bearer token when one is set, in the header or (for EventSource) the URL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-auth-'));
    const engine = createEngine({ dataDir, watch: false });
    const server = await startServer({ engine, host: '127.0.0.1', port: 0, token: 't0ken' });
    try {
      expect((await fetch(`${server.url}/api/board`)).status).toBe(401);
      expect((await fetch(`${server.url}/api/board`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await fetch(`${server.url}/api/board`, { headers: { authorization: 'Bearer t0ken' } })).status).toBe(200);
      expect((await fetch(`${server.url}/api/board?token=t0ken`)).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    } finally {
      await server.close();
      await engine.stop();
    }
  });

  it('answers 401 on a non-loopback bind without a token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-auth-'));
    const engine = createEngine({ dataDir, watch: false });
    const server = await startServer({ engine, host: '0.0.0.0', port: 0 });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/board`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/--token or WALLBOARD_TOKEN/);
    } finally {
      await server.close();
      await engine.stop();
    }
  });
});
