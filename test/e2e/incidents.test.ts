// Incidents and browser notifications end to end: a real Prometheus rule fires (switched on by a
// metric this test serves), Alertmanager holds the alert, `wallboard serve` turns it into an
// incident and a notification, and two Chromium clients (two operators) see and act on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getJson, startAlertmanager, startHealthServer, startPrometheus, stopAll, waitFor, type ServerHandle } from '../integration/servers';
import { launchBrowser, overflowReport, screenshot } from './browser';
import { startWallboard, type Wallboard } from './serve';

const ALERT = 'CheckoutErrorRateHigh';

/** Fires while the scraped gauge `e2e_trigger` is 1, so the test decides when the critical begins. */
const RULES = `groups:
  - name: wallboard-e2e
    interval: 1s
    rules:
      - alert: ${ALERT}
        expr: e2e_trigger == 1
        for: 0s
        labels:
          severity: critical
          brand: bizoholic
          service: checkout
        annotations:
          summary: Checkout error rate 7.4% (threshold 2%)
          description: 5xx on POST /api/checkout since the last deploy
`;

function board(prom: string, am: string): string {
  return `title: Incidents e2e
timezone: UTC
brands:
  - { id: acme, name: Acme, color: "#4c78a8" }
  - { id: bizoholic, name: Bizoholic, color: "#e4572e" }
sources:
  prometheus: [{ id: prom, url: "${prom}", interval: 1s }]
  alertmanager: [{ id: am, url: "${am}", interval: 1s, author: e2e-operator }]
pages:
  - id: acme
    title: Acme
    dwell: 3s
    panels:
      - { id: acme-up, type: stat, brand: acme, title: Targets up, query: "sum(up)" }
      - { id: acme-alerts, type: alertlist, brand: acme, title: Acme alerts, filter: { brand: acme } }
  - id: bizoholic
    title: Bizoholic
    dwell: 3s
    panels:
      - { id: biz-trigger, type: stat, brand: bizoholic, title: Checkout error trigger, query: "e2e_trigger" }
      - { id: biz-alerts, type: alertlist, brand: bizoholic, title: Bizoholic alerts, filter: { brand: bizoholic } }
`;
}

/** Runs before any page script: records every `new Notification(...)` the wall makes. */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const shown = [];
  Object.defineProperty(window, '__wbNotifications', { value: shown });
  if (!Real) return;
  class Recorded extends Real {
    constructor(title, options) {
      shown.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '', requireInteraction: !!(options && options.requireInteraction) });
      super(title, options);
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Recorded.requestPermission = (...args) => Real.requestPermission(...args);
  window.Notification = Recorded;
})()`;

/** px between the banner's bottom and the highest panel's top; negative when the banner covers a panel. */
const BANNER_GAP_SCRIPT = `(() => {
  const banner = document.querySelector('[data-testid="critical-banner"]').getBoundingClientRect();
  const tops = [...document.querySelectorAll('[data-testid="panel"]')].map((p) => p.getBoundingClientRect().top);
  return Math.min(...tops) - banner.bottom;
})()`;

interface Shown {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
}

interface Client {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function openClient(browser: Browser, url: string, grant: boolean): Promise<Client> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: 'UTC', locale: 'en-GB', deviceScaleFactor: 1 });
  if (grant) await context.grantPermissions(['notifications'], { origin: url });
  await context.addInitScript({ content: RECORD_NOTIFICATIONS });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${url}/?burnin=0`);
  return { context, page, errors };
}

async function notifications(page: Page): Promise<Shown[]> {
  return (await page.evaluate('window.__wbNotifications')) as Shown[];
}

function about(list: Shown[]): Shown[] {
  return list.filter((n) => `${n.title}\n${n.body}`.includes(ALERT));
}

async function pageId(page: Page): Promise<string | null> {
  return page.locator('[data-testid="page"]').first().getAttribute('data-page-id');
}

interface AmSilence {
  id: string;
  comment: string;
  createdBy: string;
  status: { state: string };
  matchers: { name: string; value: string }[];
}

describe('incidents and desktop notifications in the browser', () => {
  let trigger = 0;
  let metrics: ServerHandle;
  let am: ServerHandle;
  let wall: Wallboard;
  let browser: Browser;
  let operatorA: Client; // laptop: enables notifications with the button, acts in the drawer
  let kioskB: Client; // wall: permission granted up front, only watches
  let incidentId = '';

  beforeAll(async () => {
    metrics = await startHealthServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(`# TYPE e2e_trigger gauge\ne2e_trigger ${trigger}\n`);
    });
    am = await startAlertmanager();
    const prom = await startPrometheus({ scrapeTargets: [metrics.url], ruleFiles: RULES, alertmanagers: [am.url] });
    wall = await startWallboard({ boardYaml: board(prom.url, am.url) });
    browser = await launchBrowser();
    operatorA = await openClient(browser, wall.url, false);
    kioskB = await openClient(browser, wall.url, true);
  });

  afterAll(async () => {
    await operatorA?.context.close();
    await kioskB?.context.close();
    await browser?.close();
    await wall?.stop();
    await stopAll();
  });

  it('asks for notification permission from the drawer button', async () => {
    const { page, context } = operatorA;
    await page.locator('[data-testid="incidents-toggle"]').click();
    const drawer = page.locator('[data-testid="incident-drawer"]');
    await drawer.waitFor();
    const button = drawer.locator('[data-testid="enable-notifications"]');
    await button.waitFor();
    // the person says yes in the browser's prompt
    await context.grantPermissions(['notifications'], { origin: wall.url });
    await button.click();
    await drawer.locator('[data-testid="notifications-enabled"]').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="incident-drawer-close"]').click();
    expect(await drawer.count()).toBe(0);
  });

  it('a new critical makes exactly one browser notification per client and holds the wall on its brand page', async () => {
    // before: the kiosk rotates between its two pages, and nothing has been notified
    const seenPages = new Set<string | null>();
    await waitFor('the kiosk to rotate through both pages', async () => {
      seenPages.add(await pageId(kioskB.page));
      return seenPages.has('acme') && seenPages.has('bizoholic');
    }, 20_000, 250);
    expect(await notifications(kioskB.page)).toEqual([]);

    trigger = 1;
    for (const c of [operatorA, kioskB]) {
      await c.page.locator('[data-testid="critical-banner"]').waitFor({ timeout: 45_000 });
    }
    const banner = kioskB.page.locator('[data-testid="critical-banner"]');
    incidentId = (await banner.getAttribute('data-incident-id')) ?? '';
    expect(incidentId).not.toBe('');
    expect(await banner.innerText()).toContain(ALERT);
    expect(await banner.innerText()).toContain('Bizoholic');

    // holds: for more than two dwells the wall stays on the brand's page
    await waitFor('the kiosk on the bizoholic page', async () => (await pageId(kioskB.page)) === 'bizoholic', 5_000, 100);
    const held: (string | null)[] = [];
    for (let i = 0; i < 28; i++) {
      held.push(await pageId(kioskB.page));
      await kioskB.page.waitForTimeout(250);
    }
    expect(new Set(held)).toEqual(new Set(['bizoholic']));
    // the banner moves the board down: it hides no panel and nothing overflows the screen
    const gap = (await kioskB.page.evaluate(BANNER_GAP_SCRIPT)) as number;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(await overflowReport(kioskB.page)).toEqual([]);
    await screenshot(kioskB.page, 'incidents-kiosk-banner-1920x1080');

    for (const c of [operatorA, kioskB]) {
      const shown = about(await waitFor('the critical notification', async () => {
        const list = about(await notifications(c.page));
        return list.length > 0 ? list : undefined;
      }, 15_000));
      expect(shown).toHaveLength(1);
      expect(shown[0]?.requireInteraction).toBe(true);
      expect(shown[0]?.tag).not.toBe('');
    }
    // and it stays one: later ticks, snapshots and events do not repeat it
    await kioskB.page.waitForTimeout(3_000);
    for (const c of [operatorA, kioskB]) {
      const all = await notifications(c.page);
      expect(about(all)).toHaveLength(1);
      expect(new Set(all.map((n) => n.tag)).size).toBe(all.length);
    }
  });

  it('acknowledging in one client updates the other within seconds', async () => {
    const { page } = operatorA;
    await page.locator('[data-testid="incidents-toggle"]').click();
    const row = page.locator(`[data-testid="incident"][data-incident-id="${incidentId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-severity')).toBe('critical');
    expect(await row.getAttribute('data-status')).toBe('open');
    await row.locator('[data-testid="incident-note"]').fill('rolling back deploy <b>now</b>');
    await screenshot(page, 'incidents-drawer-1920x1080');

    const clicked = Date.now();
    await row.locator('[data-testid="incident-ack"]').click();
    await kioskB.page.locator('[data-testid="critical-banner"]').waitFor({ state: 'detached', timeout: 10_000 });
    const elapsed = Date.now() - clicked; // ms
    expect(elapsed).toBeLessThan(5_000);
    await waitFor('the ack in client A', async () => (await row.getAttribute('data-status')) === 'acknowledged', 5_000, 100);
    expect(await page.locator('[data-testid="critical-banner"]').count()).toBe(0);

    await kioskB.page.locator('[data-testid="incidents-toggle"]').click();
    const rowB = kioskB.page.locator(`[data-testid="incident"][data-incident-id="${incidentId}"]`);
    await waitFor('the ack in client B', async () => (await rowB.getAttribute('data-status')) === 'acknowledged', 5_000, 100);
    // the note is text, never markup
    expect(await rowB.innerText()).toContain('rolling back deploy <b>now</b>');
    expect(await rowB.locator('b').count()).toBe(0);
  });

  it('snoozes from the drawer, and both clients show until when', async () => {
    const row = operatorA.page.locator(`[data-testid="incident"][data-incident-id="${incidentId}"]`);
    await row.locator('[data-testid="incident-snooze"]').click();
    await row.locator('[data-testid="incident-snooze-option"][data-duration-ms="900000"]').click();
    const rowB = kioskB.page.locator(`[data-testid="incident"][data-incident-id="${incidentId}"]`);
    for (const r of [row, rowB]) {
      await waitFor('the snooze shown', async () => /SNOOZED until \d\d:\d\d UTC/.test(await r.innerText()), 10_000, 200);
    }
    expect(await row.locator('[data-testid="incident-error"]').count()).toBe(0);
  });

  it('silences the alert in Alertmanager from the drawer and unsilences it again', async () => {
    const row = operatorA.page.locator(`[data-testid="incident"][data-incident-id="${incidentId}"]`);
    await row.locator('[data-testid="incident-silence"]').click();
    await row.locator('[data-testid="incident-silence-duration"]').selectOption(String(3_600_000));
    await row.locator('[data-testid="incident-silence-comment"]').fill('e2e: deploy rollback in progress');
    await row.locator('[data-testid="incident-silence-confirm"]').click();

    const silence = await waitFor('an active silence in Alertmanager', async () => {
      const list = await getJson<AmSilence[]>(`${am.url}/api/v2/silences`);
      return list.find((s) => s.status.state === 'active' && s.comment === 'e2e: deploy rollback in progress');
    }, 15_000);
    expect(silence.createdBy).toBe('e2e-operator');
    expect(silence.matchers).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'alertname', value: ALERT })]));
    await waitFor('the row shown as silenced', async () => (await row.getAttribute('data-silenced')) === 'true', 20_000, 200);

    await row.locator('[data-testid="incident-unsilence"]').click();
    await waitFor('the silence expired in Alertmanager', async () => {
      const list = await getJson<AmSilence[]>(`${am.url}/api/v2/silences`);
      return list.find((s) => s.id === silence.id)?.status.state === 'expired';
    }, 15_000);
    await waitFor('the row shown as not silenced', async () => (await row.getAttribute('data-silenced')) === 'false', 20_000, 200);

    // no action made a second notification, and nothing on either page threw or opened a dialog
    for (const c of [operatorA, kioskB]) {
      expect(about(await notifications(c.page))).toHaveLength(1);
      expect(c.errors).toEqual([]);
    }
  });
});
