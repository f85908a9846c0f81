// Security of the wall in real Chromium: the token leaves the page address after load and a reload
// still works; hostile text from every place a server or a board file can put it (alert labels and
// annotations in a real Alertmanager, health bodies, error reasons from a Prometheus API and from an
// HTML error page, board and panel titles, text panels) executes nothing, overflows no panel, and
// the wall stays readable.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, startHealthServer, stopAll, waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, openWall, overflowReport, screenshot, waitPanels } from './browser';
import { startWallboard, type Wallboard } from './serve';
import { CORPUS, RECORD } from './hostile-text';

const HUGE = 'W'.repeat(1024 * 1024); // 1 MB, one unbreakable word
const title = (i: number): string => JSON.stringify(`${CORPUS[i % CORPUS.length]} ${i}`);

function board(am: string, health: string, promErr: string, promDown: string): string {
  const text = [
    `# ${CORPUS[0]}`,
    `[click me](javascript:window.__xss.push('md-link'))`,
    `![img](x" onerror="window.__xss.push('md-img'))`,
    ...CORPUS.map((c) => `- ${c}`),
    HUGE.slice(0, 20_000),
  ].join('\n');
  return `title: ${title(0)}
timezone: UTC
brands: [{ id: b, name: ${title(1)}, color: "#e4572e" }]
sources:
  alertmanager: [{ id: am, url: "${am}", interval: 1s }]
  health: [{ id: h, name: ${title(2)}, brand: b, url: "${health}", interval: 1s, failAfter: 1, recoverAfter: 1 }]
  prometheus:
    - { id: promerr, url: "${promErr}", interval: 1s }
    - { id: promdown, url: "${promDown}", interval: 1s }
pages:
  - id: p
    title: ${title(3)}
    panels:
      - { id: alerts, type: alertlist, title: ${title(4)}, grid: { x: 0, y: 0, w: 12, h: 8 } }
      - { id: health, type: health, title: ${title(5)}, targets: [h], grid: { x: 12, y: 0, w: 12, h: 8 } }
      - id: text
        type: text
        title: ${title(6)}
        grid: { x: 0, y: 8, w: 24, h: 6 }
        text: ${JSON.stringify(text)}
      - { id: promerr, type: stat, title: "query error", source: promerr, query: up, grid: { x: 0, y: 14, w: 12, h: 4 } }
      - { id: promdown, type: stat, title: "source down", source: promdown, query: up, grid: { x: 12, y: 14, w: 12, h: 4 } }
`;
}

let am: ServerHandle;
let health: ServerHandle;
let promErr: ServerHandle;
let promDown: ServerHandle;
let wb: Wallboard;
let browser: Browser;

beforeAll(async () => {
  am = await startAlertmanager();
  const services = Object.fromEntries(CORPUS.map((c, i) => [`${c} ${i}`, { status: i % 2 ? 'degraded' : 'healthy' }]));
  services[HUGE] = { status: 'unhealthy' };
  const body = JSON.stringify({ status: 'degraded', services, message: CORPUS.join(' ') });
  health = await startHealthServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  // a Prometheus that refuses the query with a hostile error message (a query error on the panel) ...
  const promError = JSON.stringify({ status: 'error', errorType: 'bad_data', error: `${CORPUS.join('\n')} ${HUGE}` });
  promErr = await startHealthServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(promError));
  // ... and a proxy in front of one that answers with a hostile HTML error page (the source down)
  const page502 = `<html><body>${CORPUS.join('\r\n')}\u001b[31m${HUGE}</body></html>`;
  promDown = await startHealthServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end(page502));
  const startsAt = new Date().toISOString();
  const alerts = CORPUS.map((c, i) => ({
    labels: { alertname: `Hostile${i}`, severity: 'critical', brand: 'b', instance: c },
    annotations: { summary: `${c} ${i}`, description: i === 0 ? HUGE : c },
    startsAt,
  }));
  const posted = await fetch(`${am.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
  expect(posted.status).toBe(200);
  const tokenDir = mkdtempSync(join(tmpdir(), 'wb-token-'));
  writeFileSync(join(tokenDir, 'token'), 's3cret-wall-token\n');
  wb = await startWallboard({ boardYaml: board(am.url, health.url, promErr.url, promDown.url), extraArgs: ['--token-file', join(tokenDir, 'token')] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
  await stopAll();
});

describe('the wall token', () => {
  it('is read from --token-file, leaves the address after load, and a reload still authenticates', async () => {
    expect((await fetch(`${wb.url}/api/board`)).status).toBe(401);
    const wall = await openWall(browser, `${wb.url}/?token=s3cret-wall-token&rotate=0&burnin=0`);
    try {
      await wall.page.waitForSelector('[data-testid="panel"][data-panel-id="alerts"]', { timeout: 30_000 });
      expect(wall.page.url()).toBe(`${wb.url}/?rotate=0&burnin=0`);
      await wall.page.reload();
      expect(await waitPanels(wall.page, 'ok', { ids: ['text'], timeout: 30_000 })).toBe(true);
      expect(wall.page.url()).not.toContain('token');
    } finally {
      await wall.close();
    }
  });
});

describe('hostile text on the wall', () => {
  it('executes nothing, overflows no panel, and the wall stays readable', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: 'UTC', locale: 'en-GB', deviceScaleFactor: 1 });
    await context.addInitScript({ content: RECORD });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${wb.url}/?token=s3cret-wall-token&rotate=0&burnin=0`);
      // every hostile alert is on the wall, and the health panel shows the hostile services
      await waitFor('the hostile alerts on the wall', async () => (await page.locator('[data-testid="panel"][data-panel-id="alerts"]').innerText()).includes('Hostile'), 30_000, 250);
      await waitFor('the health panel', async () => (await page.locator('[data-testid="panel"][data-panel-id="health"]').getAttribute('data-state')) !== 'loading', 30_000, 250);
      await waitFor('the query error on its panel', async () => (await page.locator('[data-testid="panel"][data-panel-id="promerr"]').getAttribute('data-state')) === 'error', 30_000, 250);
      await waitFor('the source down in the status bar', async () => (await page.locator('body').innerText()).includes('HTTP 502'), 30_000, 250);
      await page.mouse.move(300, 300); // hover handlers, if any were live
      await page.locator('[data-testid="panel"][data-panel-id="text"]').getByText('click me').click({ timeout: 5_000 }).catch(() => undefined);
      await page.waitForTimeout(1_500);
      const fired = await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss);
      expect(fired).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(await page.locator('iframe, [data-testid="wallboard"] img[onerror], svg[onload]').count()).toBe(0);
      expect(await overflowReport(page)).toEqual([]);
      const shown = await page.locator('[data-testid="panel"][data-panel-id="alerts"]').innerText();
      expect(shown).toContain(`<script>window.__xss.push('script')</script>`); // shown as text, not run
      expect(shown.length).toBeLessThan(200_000); // the 1 MB annotation is not dumped into the DOM text
      // bidi overrides/isolates from servers are shown as code points, never reach the DOM as controls
      const healthShown = await page.locator('[data-testid="panel"][data-panel-id="health"]').innerText();
      for (const text of [shown, healthShown]) {
        expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
        expect(text).toContain('[U+202E]gnp.exe[U+202C]');
      }
      // error reasons quote the server on one bounded line, bidi controls made visible
      const errShown = await page.locator('[data-testid="panel"][data-panel-id="promerr"]').innerText();
      const body = await page.locator('body').innerText();
      const downLine = body.split('\n').find((l) => l.includes('HTTP 502')) ?? '';
      for (const text of [errShown, downLine]) {
        expect(text).toContain('<script>');
        expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u001b]/);
        expect(text.length).toBeLessThan(700); // the reason (512 at most) and its panel title or source name
      }
      expect(errShown).toContain('[U+202E]gnp.exe[U+202C]');
      await screenshot(page, 'security-hostile-text-1920x1080');
    } finally {
      await context.close();
    }
  });
});
