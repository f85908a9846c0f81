// The wall's first paint through `wallboard serve` without a round trip: serve inlines the board,
// the live snapshot and the first query's answer into the HTML when no token is configured
// (src/main/server/boot-page.ts), the page paints with panels ok after HTML → JS with no API
// request, and hostile board text in the inlined JSON stays inert under the strict CSP. A wider
// screen than the inlined read was made for asks for its points; with a token, the HTML carries
// no board data.
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopAll, waitFor } from '../integration/servers';
import { launchBrowser, waitPanels } from './browser';
import { CORPUS, RECORD } from './hostile-text';
import { startWallboard, type Wallboard } from './serve';

const title = (i: number): string => JSON.stringify(`${CORPUS[i % CORPUS.length]} ${i}`);
const BOARD = `title: ${title(8)}
sources:
  demo: [{ id: demo, interval: 1s }]
pages:
  - id: p
    title: ${title(0)}
    panels:
${CORPUS.map((_, i) => `      - { id: s${i}, type: ${i % 2 ? 'stat' : 'timeseries'}, title: ${title(i)}, query: "demo:bizoholic_orders_per_min", grid: { x: ${(i % 4) * 6}, y: ${Math.floor(i / 4) * 3}, w: 6, h: 3 } }`).join('\n')}
`;

let open: Wallboard;
let guarded: Wallboard;
let browser: Browser;

beforeAll(async () => {
  [open, guarded] = await Promise.all([startWallboard({ boardYaml: BOARD, waitHealthy: true }), startWallboard({ boardYaml: BOARD, token: 'first-paint-token', waitHealthy: true })]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([open?.stop(), guarded?.stop()]);
  await stopAll();
});

describe('first paint through serve', () => {
  it('paints every panel ok with no API request, and hostile inlined text runs nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript({ content: RECORD });
    const page = await context.newPage();
    const api: string[] = [];
    const errors: string[] = [];
    page.on('request', (r: Request) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) api.push(path);
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    try {
      const html = await (await fetch(`${open.url}/`)).text();
      expect(html).toContain('type="application/json" id="wallboard-boot"');
      expect(html).not.toContain(`window.__xss.push('boot')</script>`); // escaped, not markup
      await page.goto(`${open.url}/?rotate=0&burnin=0`);
      expect(await waitPanels(page, 'ok', { ids: CORPUS.map((_, i) => `s${i}`), timeout: 30_000 })).toBe(true);
      // every timeseries chart drawn with data (one mark each, on its first draw with data)
      const charts = CORPUS.filter((_, i) => i % 2 === 0).length;
      await page.waitForFunction((n) => performance.getEntriesByName('wallboard:chart-drawn').length >= n, charts, { timeout: 30_000 });
      // the event stream only (it resumes after the inlined data); every chart's history came inlined
      expect(api.filter((p) => p !== '/api/events')).toEqual([]);
      // the titles came from the inlined JSON and are shown as text
      const shown = await page.locator('[data-testid="panel"][data-panel-id="s8"]').innerText();
      expect(shown).toContain(`</script><!--<script>window.__xss.push('boot')</script>-->`);
      await page.waitForTimeout(1_000);
      expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
      expect(errors).toEqual([]);
      // read once and removed; nothing executable was added
      expect(await page.locator('script:not([src])').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('asks for the charts’ history on a screen wider than the inlined read was made for', async () => {
    const page = await browser.newPage({ viewport: { width: 2560, height: 1440 } });
    const api: string[] = [];
    page.on('request', (r: Request) => api.push(new URL(r.url()).pathname));
    try {
      await page.goto(`${open.url}/?rotate=0&burnin=0`);
      expect(await waitPanels(page, 'ok', { ids: ['s0', 's1'], timeout: 30_000 })).toBe(true);
      await waitFor('the wider read asked for', () => api.includes('/api/query'), 10_000, 100);
      expect(api.filter((p) => p === '/api/board' || p === '/api/snapshot')).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('puts no board data into the page of a token-protected serve, whose wall still paints', async () => {
    const html = await (await fetch(`${guarded.url}/`)).text();
    expect(html).not.toContain('wallboard-boot');
    expect(html).not.toContain('bizoholic');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const api: string[] = [];
    page.on('request', (r: Request) => api.push(new URL(r.url()).pathname));
    try {
      await page.goto(`${guarded.url}/?token=first-paint-token&rotate=0&burnin=0`);
      expect(await waitPanels(page, 'ok', { ids: ['s0', 's1'], timeout: 30_000 })).toBe(true);
      await waitFor('the board asked for with the token', () => api.includes('/api/board'), 5_000, 100);
    } finally {
      await page.close();
    }
  });
});
