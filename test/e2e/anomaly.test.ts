// Detection on the wall: the demo's hourly orders spike is scored in the backfilled day, and the
// wall replayed at such a moment shows the anomaly marker and the chart band.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/shared/api';
import { getJson } from '../integration/servers';
import { launchBrowser, openWall, screenshot, waitPanels } from './browser';
import { startWallboard, type Wallboard } from './serve';

let wb: Wallboard;
let browser: Browser;

beforeAll(async () => {
  wb = await startWallboard({ waitHealthy: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
});

describe('anomalies on the wall', () => {
  it('marks the bizoholic orders spike when the wall is replayed at it', async () => {
    const to = Date.now();
    const q = await getJson<QueryResult>(`${wb.url}/api/query?panels=ov-biz-orders-trend&from=${to - 86_400_000}&to=${to}&maxPoints=2000`);
    const key = q.panels[0]!.series[0]!.key;
    const flagged = (q.anomalies?.[key] ?? []).filter((p) => p.score >= 0.5);
    expect(flagged.length).toBeGreaterThan(0);
    const at = flagged.at(-1)!.t;
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=overview&at=${at}`);
    try {
      expect(await wall.page.getAttribute('[data-testid="wallboard"]', 'data-mode')).toBe('replay');
      await waitPanels(wall.page, 'ok', { ids: ['ov-biz-orders-trend'], timeout: 30_000 });
      const marker = wall.page.locator('[data-panel-id="ov-biz-orders-trend"] [data-testid="anomaly-marker"]');
      await marker.waitFor({ timeout: 15_000 });
      expect(await marker.textContent()).toMatch(/anomaly score 0\.\d\d/);
      // a panel with nothing unusual at that moment has no marker
      expect(await wall.page.locator('[data-panel-id="ov-platform-errors"] [data-testid="anomaly-marker"]').count()).toBe(0);
      expect(wall.errors).toEqual([]);
      await screenshot(wall.page, 'anomaly-replay-1920x1080');
    } finally {
      await wall.close();
    }
  });
});
