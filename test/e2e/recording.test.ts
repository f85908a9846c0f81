// Offline replay against real upstreams: a wall polls real Prometheus (node_exporter) and
// Alertmanager, both are stopped, and the period before still replays in full. Then the buffer is
// exported to a .wbz and replayed by a second `wallboard serve --replay` on its own temp dir with
// no source reachable: the same panels and values at the same T, read-only. A corrupt copy is refused.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Snapshot } from '../../src/shared/api';
import { ALWAYS_FIRING_RULES, getJson, startAlertmanager, startNodeExporter, startPrometheus, stopAll, waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, panelStates, screenshot, waitPanels } from './browser';
import { startWallboard, type Wallboard } from './serve';

const BIN = join(process.cwd(), 'bin', 'wallboard.js');
const SECRET = 's3cr3t-token-value';
const STATS = ['mem-total', 'cpu'];

function boardYaml(prom: string, am: string): string {
  return stringify({
    title: 'Recording e2e',
    timezone: 'UTC',
    brands: [{ id: 'bizoholic', name: 'Bizoholic', color: '#e4572e' }],
    sources: {
      prometheus: [{ id: 'prom', url: prom, interval: '1s', timeout: '1s', headers: { Authorization: 'Bearer ${env:E2E_PROM_TOKEN}' } }],
      alertmanager: [{ id: 'am', url: am, interval: '1s', timeout: '1s', basicAuth: { username: 'ops', password: SECRET } }],
    },
    pages: [
      {
        id: 'node',
        title: 'Node',
        panels: [
          { id: 'mem-total', type: 'stat', title: 'Memory total', query: 'sum(node_memory_MemTotal_bytes)', unit: 'bytes' },
          { id: 'cpu', type: 'stat', title: 'CPU seconds', query: 'sum(node_cpu_seconds_total)', unit: 'short', decimals: 1 },
          { id: 'cpu-trend', type: 'timeseries', title: 'CPU seconds/s', query: 'sum(rate(node_cpu_seconds_total[5s]))' },
          { id: 'alerts', type: 'alertlist', title: 'Alerts' },
        ],
      },
    ],
  });
}

let nodeExporter: ServerHandle;
let prom: ServerHandle;
let am: ServerHandle;
let live: Wallboard;
let browser: Browser;
/** unix ms: a moment while every upstream was up */
let T = 0;

beforeAll(async () => {
  nodeExporter = await startNodeExporter();
  am = await startAlertmanager();
  prom = await startPrometheus({ scrapeTargets: [nodeExporter.url], ruleFiles: ALWAYS_FIRING_RULES, alertmanagers: [am.url] });
  live = await startWallboard({ boardYaml: boardYaml(prom.url, am.url), waitHealthy: true, env: { E2E_PROM_TOKEN: SECRET } });
  browser = await launchBrowser();
  // the alert reaches Alertmanager and the wall; values are in the buffer
  await waitFor(
    'AlwaysFiring on the wall with data',
    async () => {
      const s = await getJson<Snapshot>(`${live.url}/api/snapshot`);
      // why every panel: the rate() chart needs two scrapes in its window before it is ok
      const ok = Object.values(s.panels).every((p) => p.state === 'ok');
      if (ok && s.alerts.some((a) => a.labels['alertname'] === 'AlwaysFiring' && a.source === 'am')) T = s.at;
      return T > 0;
    },
    60_000,
    500,
  );
  await new Promise((r) => setTimeout(r, 3_000)); // ms: a few more polls after T
  await prom.stop();
  await am.stop();
  await nodeExporter.stop();
  await waitFor('both sources down', async () => {
    const s = await getJson<Snapshot>(`${live.url}/api/snapshot`);
    return ['prom', 'am'].every((id) => s.sources.find((x) => x.sourceId === id)?.state === 'down');
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await live?.stop();
  await stopAll();
});

async function statTexts(page: Page): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const id of STATS) out[id] = await page.textContent(`[data-panel-id="${id}"] [data-testid="stat-value"]`);
  return out;
}

async function alertNames(page: Page): Promise<(string | null)[]> {
  return page.$$eval('[data-panel-id="alerts"] [data-testid="alert"] .wb-alert__name', (els) => els.map((e) => e.textContent));
}

function replaySnapshot(s: Snapshot): unknown {
  return {
    panels: Object.fromEntries(Object.entries(s.panels).map(([id, p]) => [id, { state: p.state, values: p.values }])),
    alerts: s.alerts.map((a) => a.fingerprint).sort(),
    health: s.health,
  };
}

describe('offline replay and recordings', () => {
  let file = '';
  let liveTexts: Record<string, string | null> = {};

  it('replays the period before Prometheus and Alertmanager were stopped: values, states and the alert', async () => {
    const wall = await openWall(browser, `${live.url}/?rotate=0&burnin=0&at=${T}`);
    try {
      await wall.page.waitForSelector('[data-testid="replay"]');
      expect(await waitPanels(wall.page, 'ok'), JSON.stringify(await panelStates(wall.page))).toBe(true);
      const then = await getJson<Snapshot>(`${live.url}/api/snapshot?at=${T}`);
      expect(then.sources.map((s) => [s.sourceId, s.state])).toEqual([
        ['am', 'ok'],
        ['prom', 'ok'],
      ]);
      liveTexts = await statTexts(wall.page);
      expect(liveTexts['mem-total']).toMatch(/^[\d.]+ (GiB|MiB|GB|MB)$/);
      expect(await alertNames(wall.page)).toContain('AlwaysFiring');
      const chips = await wall.page.$$eval('[data-testid="source-status"]', (els) => els.map((e) => e.getAttribute('data-state')));
      expect(chips).toEqual(['ok', 'ok']);
      // the outage after T is a gap on the timeline, with its reason
      await wall.page.waitForSelector('[data-testid="replay-gap"][data-kind="down"]');
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('exports the buffer and the board without secrets, with progress on stderr', () => {
    file = join(live.dataDir, 'wall.wbz');
    const r = spawnSync(process.execPath, [BIN, 'export', '--config', join(live.dataDir, 'board.yaml'), '--data-dir', join(live.dataDir, 'buffer'), '-o', file], {
      encoding: 'utf8',
      env: { ...process.env, E2E_PROM_TOKEN: SECRET },
    });
    expect(r.stderr).toMatch(/export: wrote .*wall\.wbz/);
    expect(r.status).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes('Authorization')).toBe(false);
    expect(bytes.includes('basicAuth')).toBe(false);
  });

  it('replays the recording in a second server on its own dir with no source reachable: same values at T, read-only', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('wallboard-replay-')));
    const copy = await startWallboard({ extraArgs: ['--replay', file] });
    try {
      const a = await getJson<Snapshot>(`${live.url}/api/snapshot?at=${T}`);
      const b = await getJson<Snapshot>(`${copy.url}/api/snapshot?at=${T}`);
      expect(replaySnapshot(b)).toEqual(replaySnapshot(a));
      const board = await getJson<{ recording?: { file: string } }>(`${copy.url}/api/board`);
      expect(board.recording?.file).toBe('wall.wbz');
      const ack = await fetch(`${copy.url}/api/incidents/any/ack`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(ack.status).toBe(409);
      expect(((await ack.json()) as { error: string }).error).toMatch(/read-only/);

      const wall = await openWall(browser, `${copy.url}/?rotate=0&burnin=0&at=${T}`);
      try {
        await wall.page.waitForSelector('[data-testid="replay"]');
        expect(await wall.page.textContent('[data-testid="replay-indicator"]')).toBe('RECORDING');
        expect(await waitPanels(wall.page, 'ok'), JSON.stringify(await panelStates(wall.page))).toBe(true);
        expect(await statTexts(wall.page)).toEqual(liveTexts);
        expect(await alertNames(wall.page)).toContain('AlwaysFiring');
        // `r` cannot leave a recording: there is no live to go back to
        await wall.page.keyboard.press('r');
        expect(await wall.page.getAttribute('[data-testid="wallboard"]', 'data-mode')).toBe('replay');
        await screenshot(wall.page, 'recording-replay-1920x1080');
        expect(wall.errors).toEqual([]);
      } finally {
        await wall.close();
      }
    } finally {
      await copy.stop();
    }
    const after = readdirSync(tmpdir()).filter((f) => f.startsWith('wallboard-replay-') && !before.has(f));
    expect(after).toEqual([]); // its temp dir went with it
  });

  it('refuses a corrupt, truncated or foreign file with one line, touching nothing', () => {
    const good = readFileSync(file);
    const corrupt = Buffer.from(good);
    corrupt.fill(0x55, Math.floor(corrupt.length / 2), Math.floor(corrupt.length / 2) + 64);
    const cases: [string, Buffer, RegExp][] = [
      ['corrupt.wbz', corrupt, /corrupt/],
      ['truncated.wbz', good.subarray(0, Math.floor(good.length * 0.7)), /truncated/],
      ['foreign.wbz', Buffer.from('PK\u0003\u0004 not ours'), /not a Wallboard recording/],
    ];
    for (const [name, bytes, reason] of cases) {
      const f = join(live.dataDir, name);
      writeFileSync(f, bytes);
      const dir = join(live.dataDir, `never-${name}`);
      const r = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir, '--replay', f], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status, name).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toMatch(reason);
      expect(() => readdirSync(dir), name).toThrow(/ENOENT/);
    }
  });
});
