// Kiosk rotation end to end: pages turn with their dwell, space pauses, arrows move, and a new
// critical incident makes the wall jump to its brand's page and hold there.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { sleep, startPrometheus, stopAll, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, screenshot, type WallPage } from './browser';
import { startWallboard, type Wallboard } from './serve';

const DWELL_S = 3;
/** s after the test starts when the critical alert begins to fire (after the rotation checks) */
const FIRE_AFTER_S = 45;

let prom: ServerHandle;
let wb: Wallboard;
let browser: Browser;
let wall: WallPage;
let fireAt: number; // unix s

function board(promUrl: string): string {
  // why: PromQL that needs no scrape target; the demo source would add its own scripted criticals
  const stat = (id: string, brand?: string) => ({ id, type: 'stat', title: `Minute ${id}`, query: 'vector(time() % 60)', ...(brand ? { brand } : {}) });
  return stringify({
    title: 'E2E rotation',
    brands: [
      { id: 'acme', name: 'Acme', color: '#e4572e' },
      { id: 'globex', name: 'Globex', color: '#17becf' },
    ],
    sources: {
      prometheus: [{ id: 'prom', url: promUrl, interval: '2s', timeout: '1s' }],
      'prometheus-alerts': [{ id: 'pa', url: promUrl, interval: '1s', timeout: '1s' }],
    },
    pages: [
      { id: 'overview', title: 'Overview', dwell: `${DWELL_S}s`, panels: [{ id: 'note', type: 'text', text: '# Overview' }, stat('o1')] },
      { id: 'globex', title: 'Globex', dwell: `${DWELL_S}s`, panels: [stat('g1', 'globex')] },
      { id: 'acme', title: 'Acme', dwell: `${DWELL_S}s`, panels: [stat('a1', 'acme'), { id: 'acme-alerts', type: 'alertlist', title: 'Acme alerts', brand: 'acme' }] },
    ],
  });
}

beforeAll(async () => {
  fireAt = Math.round(Date.now() / 1000) + FIRE_AFTER_S;
  const rules = stringify({
    groups: [
      {
        name: 'e2e-rotation',
        interval: '1s',
        rules: [
          {
            alert: 'AcmeCheckoutDown',
            // fires from `fireAt` on: a critical incident that is new after the wall has loaded
            expr: `vector(time()) > ${fireAt}`,
            labels: { severity: 'critical', brand: 'acme' },
            annotations: { summary: 'Acme checkout is down' },
          },
        ],
      },
    ],
  });
  prom = await startPrometheus({ scrapeTargets: [], ruleFiles: rules });
  wb = await startWallboard({ boardYaml: board(prom.url), waitHealthy: true });
  browser = await launchBrowser();
  wall = await openWall(browser, `${wb.url}/?burnin=0`);
  await wall.page.waitForSelector('[data-testid="page"]');
});

afterAll(async () => {
  await wall?.close();
  await browser?.close();
  await wb?.stop();
  await stopAll();
});

const pageId = (page: Page): Promise<string | null> => page.getAttribute('[data-testid="page"]', 'data-page-id');

/** The sequence of distinct pages shown during `ms`, sampled every 200 ms. */
async function watchPages(page: Page, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const id = await pageId(page);
    if (id && seen[seen.length - 1] !== id) seen.push(id);
    await sleep(200);
  }
  return seen;
}

describe('rotation', () => {
  it('turns the pages in order with each page’s dwell', async () => {
    const seen = await watchPages(wall.page, 3.5 * DWELL_S * 1000);
    const order = ['overview', 'globex', 'acme'];
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) {
      expect(order.indexOf(seen[i] ?? ''), seen.join(' → ')).toBe((order.indexOf(seen[i - 1] ?? '') + 1) % 3);
    }
  });

  it('opens on the page its address names for a full dwell, then turns on from there', async () => {
    // ?page= used to start that page with its dwell already spent: a rotating wall left it at once
    const other = await openWall(browser, `${wb.url}/?burnin=0&page=globex`);
    try {
      await other.page.waitForSelector('[data-testid="page"][data-page-id="globex"]');
      expect(await watchPages(other.page, 0.5 * DWELL_S * 1000)).toEqual(['globex']);
      const next = await watchPages(other.page, 1.5 * DWELL_S * 1000);
      expect(next.slice(0, 2)).toEqual(['globex', 'acme']);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('holds on space and turns again after a second space', async () => {
    await wall.page.keyboard.press(' ');
    const held = await pageId(wall.page);
    expect(await wall.page.getAttribute('[data-testid="rotation-state"]', 'data-rotation')).toBe('manual');
    expect(await watchPages(wall.page, 2.5 * DWELL_S * 1000)).toEqual([held]);
    await wall.page.keyboard.press(' ');
    expect((await watchPages(wall.page, 1.7 * DWELL_S * 1000)).length).toBeGreaterThan(1);
  });

  it('moves with the arrow keys and pauses for a person at the keyboard', async () => {
    await wall.page.keyboard.press(' '); // hold still so the arrow is the only thing that moves
    await wall.page.keyboard.press(' ');
    const before = await pageId(wall.page);
    await wall.page.keyboard.press('ArrowRight');
    const after = await pageId(wall.page);
    const order = ['overview', 'globex', 'acme'];
    expect(order.indexOf(after ?? '')).toBe((order.indexOf(before ?? '') + 1) % 3);
    expect(await wall.page.getAttribute('[data-testid="rotation-state"]', 'data-rotation')).toBe('input');
    await wall.page.keyboard.press('ArrowLeft');
    expect(await pageId(wall.page)).toBe(before);
    expect(await watchPages(wall.page, 2 * DWELL_S * 1000)).toEqual([before]);
  });

  it('jumps to the brand page of a new critical incident and holds there', async () => {
    expect(await wall.page.$('[data-testid="rotation-state"][data-rotation="hold"]')).toBeNull();
    // move away from the acme page so the jump is visible
    if ((await pageId(wall.page)) === 'acme') await wall.page.keyboard.press('ArrowRight');
    expect(await pageId(wall.page)).not.toBe('acme');
    const wait = Math.max(0, fireAt * 1000 - Date.now()) + 30_000;
    await wall.page.waitForSelector('[data-testid="page"][data-page-id="acme"]', { timeout: wait });
    await wall.page.waitForSelector('[data-testid="rotation-state"][data-rotation="hold"]', { timeout: 5_000 });
    await wall.page.waitForSelector('[data-testid="alert"][data-severity="critical"]', { timeout: 10_000 });
    expect(await watchPages(wall.page, 2.5 * DWELL_S * 1000)).toEqual(['acme']);
    await screenshot(wall.page, 'rotation-critical-hold-1920x1080');
    expect(wall.errors).toEqual([]);
  });
});
