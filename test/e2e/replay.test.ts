// Replay mode end to end on the demo board: real `wallboard serve`, real Chromium. The engine's
// clock starts 22 s before the demo's hourly checkout incident (:20, critical alert
// CheckoutErrorRateHigh), so the test sees it open live, acknowledges it, and then replays the
// moment it opened: the wall must show it as it was then (open, not acknowledged).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, Timeline } from '../../src/shared/api';
import type { Incident } from '../../src/shared/model';
import { getJson, waitFor } from '../integration/servers';
import { launchBrowser, openWall, screenshot, waitPanels, type WallPage } from './browser';
import { chartsDrawnTo, chartsShow } from './charts-at';
import { startWallboard, type Wallboard } from './serve';

const CLOCK_START = '2026-11-27T12:19:38Z';
const INCIDENT_START = Date.parse('2026-11-27T12:20:00Z');
const ALERT = 'CheckoutErrorRateHigh';

let wb: Wallboard;
let browser: Browser;
let incident: Incident;

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  wb = await startWallboard({ waitHealthy: true, env: { WALLBOARD_CLOCK_START: CLOCK_START } });
  browser = await launchBrowser();
  // live: the incident opens at :20 (engine time), about 22 s after the start
  await waitFor(
    `${ALERT} incident open`,
    async () => {
      const list = await getJson<Incident[]>(`${wb.url}/api/incidents`);
      const found = list.find((i) => i.labels['alertname'] === ALERT);
      if (found) incident = found;
      return found !== undefined;
    },
    60_000,
    500,
  );
  const acked = await post(`${wb.url}/api/incidents/${encodeURIComponent(incident.id)}/ack`, { note: 'looking' });
  expect(acked.status).toBe(200);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await wb?.stop();
});

const replayAt = async (page: Page): Promise<number> => Number(await page.getAttribute('[data-testid="replay-time"]', 'data-at'));

/** Drags on the replay track to the pixel nearest `at`; returns where T landed. `shot`: a screenshot
 *  of that name taken with the pointer still held, once the wall shows a frame of the drag. */
async function scrub(page: Page, at: number, shot?: string): Promise<number> {
  const track = page.locator('[data-testid="replay-track"]');
  const box = await track.boundingBox();
  if (!box) throw new Error('no replay track');
  const from = Number(await track.getAttribute('data-from'));
  const to = Number(await track.getAttribute('data-to'));
  const x = box.x + ((at - from) / (to - from)) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  if (shot) {
    await settled(page, await replayAt(page));
    await screenshot(page, shot);
  }
  await page.mouse.up();
  return replayAt(page);
}

/** Waits until the wall shows the snapshot for T (its clock in the status bar reads T). */
async function settled(page: Page, at: number): Promise<void> {
  const hhmmss = new Date(at).toISOString().slice(11, 19);
  await page.waitForFunction((t) => document.querySelector('[data-testid="clock"] .wb-clock__time')?.textContent === t, hhmmss, { timeout: 15_000 });
}

/** A wall on the bizoholic page, its panels ok, put into replay with `r`. */
async function openReplay(): Promise<WallPage> {
  const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=bizoholic`);
  try {
    await waitPanels(wall.page, 'ok');
    await wall.page.keyboard.press('r');
    await wall.page.waitForSelector('[data-testid="replay"]');
    return wall;
  } catch (e) {
    await wall.close();
    throw e;
  }
}

describe('replay', () => {
  it('scrubs to the incident and shows the board, its alert and incident as they were then', async () => {
    const wall = await openWall(browser, `${wb.url}/?rotate=0&burnin=0&page=bizoholic`);
    const { page } = wall;
    try {
      await waitPanels(page, 'ok');
      expect(await page.getAttribute('[data-testid="wallboard"]', 'data-mode')).toBe('live');
      await page.keyboard.press('r');
      await page.waitForSelector('[data-testid="replay"]');
      expect(await page.getAttribute('[data-testid="wallboard"]', 'data-mode')).toBe('replay');
      expect(await page.textContent('[data-testid="replay-indicator"]')).toBe('REPLAY');
      // the timeline marks the incident in its severity's colour
      await page.waitForSelector(`[data-testid="replay-incident"][data-opened-at="${incident.openedAt}"][data-severity="critical"]`);

      // before the incident: no alert, no incident, error rate under the critical line
      let t = await scrub(page, INCIDENT_START - 60_000, 'replay-scrubbing-1920x1080');
      if (t >= INCIDENT_START - 15_000) {
        await page.keyboard.press('<');
        t = await replayAt(page);
      }
      await settled(page, t);
      expect(await page.$$eval('[data-panel-id="biz-alerts"] [data-testid="alert"] .wb-alert__name', (els) => els.map((e) => e.textContent))).not.toContain(ALERT);

      // `]` from there lands on the moment the incident opened (before it was acknowledged)
      for (let i = 0; i < 10 && t < incident.openedAt; i++) {
        await page.keyboard.press(']');
        t = await replayAt(page);
      }
      expect(t).toBe(incident.openedAt);
      await settled(page, t);
      await chartsShow(page, t);
      const then = await getJson<Snapshot>(`${wb.url}/api/snapshot?at=${t}`);
      const gauge = then.panels['biz-checkout-errors'];
      expect(gauge?.thresholdSeverity).toBe('critical');
      const label = await page.getAttribute('[data-panel-id="biz-checkout-errors"] svg', 'aria-label');
      expect(label).toBe(`Checkout error rate: ${(gauge?.values[0]?.value ?? NaN).toFixed(2)}%`);
      expect(await page.getAttribute('[data-panel-id="biz-checkout-errors"]', 'data-state')).toBe('ok');
      expect(await page.$$eval('[data-panel-id="biz-alerts"] [data-testid="alert"] .wb-alert__name', (els) => els.map((e) => e.textContent))).toContain(ALERT);
      // the incident as it was at T: open, not yet acknowledged (it is acknowledged now)
      await page.click('[data-testid="incidents-toggle"]');
      const row = page.locator(`[data-testid="incident"][data-incident-id="${incident.id}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('open');
      // ack/snooze/silence would act on the incident now, not at T: replay offers none, and says so
      expect(await page.textContent('[data-testid="incident-drawer-replay"]')).toContain('back to live to act');
      expect(await row.locator('[data-testid="incident-ack"], [data-testid="incident-snooze"], [data-testid="incident-silence"], [data-testid="incident-unsilence"]').count()).toBe(0);
      await screenshot(page, 'replay-drawer');
      const now = await getJson<Incident[]>(`${wb.url}/api/incidents`);
      expect(now.find((i) => i.id === incident.id)?.status).toBe('acknowledged');
      await page.click('[data-testid="incident-drawer-close"]');
      await screenshot(page, 'replay-released-1920x1080');

      for (const [width, height] of [
        [1920, 1080],
        [3840, 2160],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(1_500); // ms: charts redraw, and rebuild their axes 250 ms after the resize
        await screenshot(page, `replay-bar-${width}x${height}`);
      }
      await page.setViewportSize({ width: 1920, height: 1080 });
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('after a fast drag, every chart comes to show the T the drag ended at', async () => {
    const wall = await openReplay();
    const { page } = wall;
    try {
      const track = page.locator('[data-testid="replay-track"]');
      const box = await track.boundingBox();
      if (!box) throw new Error('no replay track');
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.2, y);
      await page.mouse.down();
      // why no wait between moves: each move supersedes the T before it while charts still draw it
      await page.mouse.move(box.x + box.width * 0.9, y, { steps: 25 });
      await page.mouse.move(box.x + box.width * 0.55, y, { steps: 25 });
      await page.mouse.up();
      const t = await replayAt(page);
      await settled(page, t);
      await chartsShow(page, t);
      const charts = await chartsDrawnTo(page);
      expect(charts.length).toBeGreaterThanOrEqual(4);
      expect(charts.filter((c) => c.to !== String(t))).toEqual([]);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('jumps between incidents with [ ], plays at 600× and goes back to live', async () => {
    const wall = await openReplay();
    const { page } = wall;
    try {
      const track = page.locator('[data-testid="replay-track"]');
      const from = Number(await track.getAttribute('data-from'));
      const to = Number(await track.getAttribute('data-to'));
      const timeline = await getJson<Timeline>(`${wb.url}/api/timeline?from=${from}&to=${to}`);
      expect(timeline.incidents.map((i) => i.id)).toContain(incident.id);
      // the demo backfilled its day when it started: that is data, not a gap
      expect(timeline.gaps).toEqual([]);

      // `]` from before the incident lands exactly where it opened; `[` goes back to the one before
      const before = timeline.incidents.filter((i) => i.openedAt < incident.openedAt).at(-1);
      await scrub(page, incident.openedAt - 3_600_000);
      const start = await replayAt(page);
      const next = timeline.incidents.find((i) => i.openedAt > start);
      await page.keyboard.press(']');
      await page.waitForFunction((want) => document.querySelector('[data-testid="replay-time"]')?.getAttribute('data-at') === String(want), next?.openedAt);
      if (before) {
        await page.keyboard.press(']');
        await page.keyboard.press('[');
        expect(await replayAt(page)).toBe(next?.openedAt);
      }

      // 600×: from six hours back, T advances about 10 min of wall time per real second and panels follow
      // why six: from one hour back play reaches live's edge and stops after 6 s, which a loaded machine
      // spends in the loop below, and the closing space then starts it again
      await scrub(page, to - 6 * 3_600_000);
      const t0 = await replayAt(page);
      await page.click('[data-testid="replay-speed-600"]');
      expect(await page.getAttribute('[data-testid="replay-speed-600"]', 'data-active')).toBe('true');
      const values = new Set<string>();
      const clocks = new Set<string>();
      await page.keyboard.press(' ');
      await page.waitForSelector('[data-testid="replay"][data-playing="true"]', { timeout: 5_000 });
      for (let i = 0; i < 12; i++) {
        await page.waitForTimeout(250);
        values.add((await page.getAttribute('[data-panel-id="biz-checkout-errors"] svg', 'aria-label')) ?? '');
        clocks.add((await page.textContent('[data-testid="clock"] .wb-clock__time')) ?? '');
      }
      await page.keyboard.press(' ');
      // why: the pause renders on the next React commit, which a loaded machine may delay past the key press
      await page.waitForSelector('[data-testid="replay"][data-playing="false"]', { timeout: 5_000 });
      const t1 = await replayAt(page);
      expect(t1 - t0).toBeGreaterThan(600 * 2_000); // ≥ 2 s of play at 600×
      expect(values.size).toBeGreaterThan(3);
      expect(clocks.size).toBeGreaterThan(3);

      await page.click('[data-testid="replay-live"]');
      await page.waitForSelector('[data-testid="replay"]', { state: 'detached' });
      expect(await page.getAttribute('[data-testid="wallboard"]', 'data-mode')).toBe('live');
      await page.waitForFunction(() => document.querySelector('[data-testid="live-indicator"]')?.textContent === 'LIVE');
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });
});
