// The example boards in resources/boards/ are what a team copies: each passes check-config, and
// each panel's query is real PromQL for the exporters its header names (not demo: queries).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfigCommand } from '../../../src/main/cli/check-config';
import { loadBoardFile } from '../../../src/main/engine/config/load';
import { panelQueries } from '../../../src/shared/board-queries';

const DIR = 'resources/boards';
const ENV = { PROMETHEUS_URL: 'http://127.0.0.1:9090', ALERTMANAGER_URL: 'http://127.0.0.1:9093' };
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('example boards', () => {
  it('ship the workshop / store monitor and the resource monitor', () => {
    expect(files.sort()).toEqual(['resource-monitor.yaml', 'workshop-store.yaml']);
  });

  it.each(files)('%s passes check-config', (f) => {
    const out: string[] = [];
    const err: string[] = [];
    expect(checkConfigCommand(join(DIR, f), (s) => out.push(s), (s) => err.push(s)), err.join('')).toBe(0);
    expect(out.join('')).toMatch(/: ok — /);
  });

  it.each(files)('%s asks Prometheus real PromQL, fills 24 columns × 9 rows, and names what it needs from the environment', (f) => {
    const r = loadBoardFile(join(DIR, f), ENV);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const b = r.board;
    expect(b.sources.demo).toEqual([]);
    for (const p of b.pages.flatMap((x) => x.panels)) for (const q of panelQueries(b, p)) expect(q.query, p.id).not.toMatch(/^demo:/);
    for (const pg of b.pages) {
      const cells = pg.panels.reduce((n, p) => n + (p.grid ? p.grid.w * p.grid.h : 0), 0);
      expect(cells, pg.id).toBe(24 * 9);
    }
    expect(loadBoardFile(join(DIR, f), {}).ok).toBe(false);
  });

  it('sets warning at 80 % and critical at 95 % on every resource panel with thresholds', () => {
    const r = loadBoardFile(join(DIR, 'resource-monitor.yaml'), ENV);
    if (!r.ok) throw new Error('resource-monitor.yaml does not load');
    const withThresholds = r.board.pages.flatMap((p) => p.panels).filter((p) => p.thresholds.length > 0);
    expect(withThresholds.length).toBeGreaterThanOrEqual(5);
    for (const p of withThresholds) expect(p.thresholds, p.id).toEqual([{ value: 80, severity: 'warning' }, { value: 95, severity: 'critical' }]);
    expect(r.board.pages[0]?.panels.some((p) => p.detect !== undefined && p.detect !== false && p.detect.method === 'zscore')).toBe(true);
  });
});
