// A Grafana dashboard of node_exporter metrics, imported with the real CLI against a real Prometheus
// scraping a real node_exporter (variables resolved there), served, and looked at in Chromium: every
// panel reaches `ok`, and each stat and gauge shows what Prometheus itself answers for the same query
// (Grafana's macros computed as the engine sends them) at the same time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandMacros } from '../../src/main/engine/query-macros';
import type { Board } from '../../src/shared/config-schema';
import type { Snapshot } from '../../src/shared/api';
import { getJson, startNodeExporter, startPrometheus, stopAll, waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, overflowReport, panelStates, screenshot, waitPanels } from './browser';
import { importGrafana } from './grafana-cli';
import { requireBuild, startWallboard, type Wallboard } from './serve';

const FIXTURE = 'test/fixtures/grafana/node-exporter-panels.json';
const dir = mkdtempSync(join(tmpdir(), 'wallboard-grafana-e2e-'));
let prom: ServerHandle;
let nodeExporter: ServerHandle;
let wb: Wallboard;
let browser: Browser;
let board: Board;
let importOutput: { stderr: string };

interface PromVector {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

beforeAll(async () => {
  requireBuild();
  nodeExporter = await startNodeExporter();
  prom = await startPrometheus({ scrapeTargets: [nodeExporter.url], scrapeInterval: '1s' });
  // why: variables are resolved from what Prometheus has scraped; wait for a few scrapes so rates exist
  await waitFor('node_exporter scraped', async () => {
    const r = await getJson<PromVector>(`${prom.url}/api/v1/query?query=${encodeURIComponent('count(rate(node_cpu_seconds_total[1m]))')}`);
    return r.data.result.length > 0;
  });
  const imported = importGrafana(FIXTURE, prom.url, dir, 'board', ['--brand-label', 'job']);
  importOutput = { stderr: imported.stderr };
  board = imported.board;
  wb = await startWallboard({ boardYaml: imported.yaml, waitHealthy: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('a Grafana dashboard imported against real Prometheus and node_exporter', () => {
  it('resolves the variables from Prometheus and prints the summary', () => {
    expect(importOutput.stderr).toContain(`resolving variables against ${prom.url}`);
    expect(importOutput.stderr).toMatch(/^imported \d+ panels \(\d+ as they are, \d+ approximated\), skipped 2$/m);
    const cpuBusy = board.pages[0]?.panels.find((p) => p.title === 'CPU Busy');
    const instance = new URL(nodeExporter.url).host;
    // $job kept its saved value ("node" is the scrape job); $node became the one instance Prometheus has
    expect(cpuBusy?.query).toBe(`100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle", instance="${instance}", job="node"}[$__rate_interval])))`);
    expect(cpuBusy?.brand).toBe('node');
    // the repeated row: one "Busy" panel per CPU of this machine
    const cpus = board.pages.flatMap((p) => p.panels).filter((p) => /^Busy( — CPU \d+)?$/.test(p.title ?? ''));
    expect(cpus.length).toBeGreaterThan(0);
    expect(cpus.map((p) => /cpu="(\d+)"/.exec(p.query ?? '')?.[1])).toEqual(cpus.map((_, i) => String(i)));
  });

  it('every page reaches ok in Chromium, fits 1920×1080, and each value matches Prometheus’ own answer', async () => {
    const source = board.sources.prometheus[0]!;
    const macros = { stepMs: source.interval, scrapeIntervalMs: source.scrapeInterval ?? source.interval, rangeMs: board.timeRange };
    let compared = 0;
    for (const page of board.pages) {
      const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=${page.id}`);
      try {
        const ids = page.panels.map((p) => p.id);
        const ok = await waitPanels(wall.page, 'ok', { ids, timeout: 60_000 });
        expect(ok ? {} : await panelStates(wall.page)).toEqual({});
        expect(await overflowReport(wall.page)).toEqual([]);
        expect(wall.errors).toEqual([]);
        await screenshot(wall.page, `grafana-import-${page.id}-1920x1080`);
      } finally {
        await wall.close();
      }
      const snap = await getJson<Snapshot>(`${wb.url}/api/snapshot`);
      for (const p of page.panels) {
        if (p.type !== 'stat' && p.type !== 'gauge') continue;
        const shown = snap.panels[p.id]?.values[0];
        expect(shown, p.id).toBeDefined();
        const at = (shown?.t ?? 0) / 1000;
        const q = expandMacros(p.query ?? '', macros);
        const r = await getJson<PromVector>(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}&time=${at}`);
        const want = Number(r.data.result[0]?.value[1]);
        // the buffer keeps 5 significant digits (storage.significantDigits)
        expect(Math.abs((shown?.value ?? Number.NaN) - want), `${p.id}: ${q} at ${at}`).toBeLessThanOrEqual(Math.abs(want) * 1e-4 + 1e-9);
        compared++;
      }
    }
    // CPU Busy, Load 1m, RAM Total, RAM Used, two repeated Load panels and Time
    expect(compared).toBe(7);
  });
});
