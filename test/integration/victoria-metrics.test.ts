// A board against a long-term store with the Prometheus query API: a real VictoriaMetrics scraping a
// real node_exporter. The engine's prometheus source needs nothing else: same /api/v1/query and
// /api/v1/query_range, same label and value shapes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/api';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { getJson, startNodeExporter, startVictoriaMetrics, stopAll, tempDir, waitFor, type ServerHandle } from './servers';

function boardYaml(url: string): string {
  return `title: VictoriaMetrics
sources:
  prometheus:
    - { id: vm, url: "${url}", interval: 1s, timeout: 2s }
pages:
  - id: main
    title: Main
    panels:
      - { id: load, type: stat, query: node_load1 }
      - { id: up, type: stat, query: 'sum(up{job="node"})' }
      - { id: cpu, type: timeseries, query: 'sum by (mode) (rate(node_cpu_seconds_total[10s]))', legend: '{{mode}}' }
      - { id: mem, type: gauge, query: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', unit: percentunit, min: 0, max: 1 }
`;
}

describe('a board on VictoriaMetrics scraping node_exporter', () => {
  let vm: ServerHandle;
  let engine: Engine;

  beforeAll(async () => {
    const nodeExporter = await startNodeExporter();
    vm = await startVictoriaMetrics({ scrapeTargets: [nodeExporter.url] });
    // why: the store answers once it has scraped the target a few times
    await waitFor(
      'VictoriaMetrics to hold node_exporter samples',
      async () => {
        const r = await getJson<{ data?: { result?: unknown[] } }>(`${vm.url}/api/v1/query?query=${encodeURIComponent('rate(node_cpu_seconds_total[10s])')}`);
        return (r.data?.result?.length ?? 0) > 0;
      },
      60_000,
      500,
    );
    const dir = tempDir('vm-engine');
    writeFileSync(join(dir, 'board.yaml'), boardYaml(vm.url));
    engine = createEngine({ configFile: join(dir, 'board.yaml'), dataDir: dir, watch: false });
    engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await stopAll();
  });

  it('brings every panel to ok with values read through the Prometheus query API', async () => {
    let snap: Snapshot | undefined;
    await waitFor(
      'every panel ok',
      async () => {
        snap = await engine.request('snapshot', {});
        return Object.values(snap.panels).every((p) => p.state === 'ok');
      },
      60_000,
      500,
    );
    const panels = snap?.panels ?? {};
    expect(Object.fromEntries(Object.entries(panels).map(([id, p]) => [id, p.state]))).toEqual({ load: 'ok', up: 'ok', cpu: 'ok', mem: 'ok' });
    expect(panels.up?.values[0]?.value).toBe(1);
    const mem = panels.mem?.values[0]?.value ?? NaN;
    expect(mem).toBeGreaterThan(0);
    expect(mem).toBeLessThan(1);
    // one series per CPU mode, named by the legend
    expect(panels.cpu?.values.map((v) => v.name)).toContain('idle');
    const status = await engine.request('status', {});
    expect(status.sources.map((s) => [s.sourceId, s.state])).toEqual([['vm', 'ok']]);
  });

  it('keeps polling: the buffer grows with each poll of the store', async () => {
    const count = async (): Promise<number> => {
      const now = Date.now();
      const q = await engine.request('query', { panels: ['load'], from: now - 600_000, to: now, maxPoints: 10_000 });
      return q.panels[0]?.x.length ?? 0;
    };
    const before = await count();
    await waitFor('a newer sample of node_load1', async () => (await count()) > before, 20_000, 500);
  });
});
