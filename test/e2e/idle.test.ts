// An idle wall must not keep drawing: between updates the page may change a few times a second
// (the clock's minute, the critical badge's reminder blinks), never every frame. A continuous CSS animation makes
// Chromium draw ~60 frames a second, which on a software-rendered kiosk costs a whole core.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENTION } from '../../src/renderer/board/blink';
import { launchBrowser, openWall, screenshot, waitPanels } from './browser';
import { CRITICAL_MINUTE, QUIET_MINUTE, startDemoAt, type DemoAt } from './demo-at';
import { countFrames, countRenderPasses } from './frames';

const WATCH_MS = 4_000;
/** The critical banner's first-seconds flash (board/blink.ts), then only the badge's reminders. */
const FLASH_MS = ATTENTION.flashMs;

let browser: Browser;
let withCritical: DemoAt;
let quiet: DemoAt;

beforeAll(async () => {
  browser = await launchBrowser();
  [withCritical, quiet] = await Promise.all([startDemoAt(CRITICAL_MINUTE), startDemoAt(QUIET_MINUTE)]);
});

afterAll(async () => {
  await browser?.close();
  await withCritical?.close();
  await quiet?.close();
});

const perSecond = (n: number, ms: number): number => (n * 1000) / ms;

/** Names of the CSS animations running on the page. */
function runningAnimations(page: Page): Promise<string[]> {
  return page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').map((a) => (a as CSSAnimation).animationName));
}

describe('an idle wall', () => {
  it('with a critical banner blinks a few frames a second after its first seconds, never continuously', async () => {
    const wall = await openWall(browser, `${withCritical.url}/?rotate=0&burnin=0`);
    try {
      await wall.page.waitForSelector('[data-testid="critical-banner"].wb-critical--flash', { timeout: 60_000 });
      await screenshot(wall.page, 'idle-critical-flash');
      expect(await waitPanels(wall.page, 'ok', { timeout: 30_000 })).toBe(true);
      await wall.page.waitForTimeout(FLASH_MS);
      // no CSS animation runs: even a step-timed one makes Chromium tick every frame while it runs
      expect(await runningAnimations(wall.page)).toEqual([]);
      const frames = await countFrames(browser, wall.page, WATCH_MS);
      await screenshot(wall.page, 'idle-critical-blink');
      // after its first seconds the badge blinks 3 times every 30 s and the clock ticks once a minute;
      // a 15 s update may land in the window. A continuous animation draws ~60 frames a second.
      expect(perSecond(frames.drawn, frames.ms), JSON.stringify(frames)).toBeLessThan(4);
      expect(perSecond(frames.mainThread, frames.ms), JSON.stringify(frames)).toBeLessThan(4);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('without a critical draws only when the minute on the clock changes or data arrives', async () => {
    const wall = await openWall(browser, `${quiet.url}/?rotate=0&burnin=0`);
    try {
      expect(await waitPanels(wall.page, 'ok', { timeout: 60_000 })).toBe(true);
      expect(await wall.page.$('[data-testid="critical-banner"]')).toBeNull();
      await wall.page.waitForTimeout(5_000); // the loading pulses (3 × 1.6 s) are over
      expect(await runningAnimations(wall.page)).toEqual([]);
      const frames = await countFrames(browser, wall.page, WATCH_MS);
      expect(perSecond(frames.drawn, frames.ms), JSON.stringify(frames)).toBeLessThan(4);
      expect(perSecond(frames.mainThread, frames.ms), JSON.stringify(frames)).toBeLessThan(4);
    } finally {
      await wall.close();
    }
  });

  it('honours prefers-reduced-motion: the critical banner stands still', async () => {
    const wall = await openWall(browser, `${withCritical.url}/?rotate=0&burnin=0`);
    try {
      await wall.page.emulateMedia({ reducedMotion: 'reduce' });
      await wall.page.waitForSelector('[data-testid="critical-banner"]', { timeout: 60_000 });
      const classes = new Set<string>();
      for (let i = 0; i < 8; i++) {
        classes.add((await wall.page.getAttribute('[data-testid="critical-banner"]', 'class')) ?? '');
        await wall.page.waitForTimeout(125);
      }
      expect([...classes]).toEqual(['wb-critical']);
      const frames = await countFrames(browser, wall.page, WATCH_MS);
      expect(perSecond(frames.drawn, frames.ms), JSON.stringify(frames)).toBeLessThan(4);
    } finally {
      await wall.close();
    }
  });
});

describe("the wall's compositing", () => {
  it('draws its charts in the one render pass of the frame, not one pass per panel', async () => {
    const wall = await openWall(browser, `${quiet.url}/?rotate=0&burnin=0`);
    try {
      expect(await waitPanels(wall.page, 'ok', { timeout: 60_000 })).toBe(true);
      const charts = await wall.page.locator('.wb-panel canvas').count();
      expect(charts).toBeGreaterThan(4);
      // why resizes: every panel and chart is laid out and drawn again, so every frame is whole
      const size = wall.page.viewportSize() ?? { width: 1920, height: 1080 };
      const passes = await countRenderPasses(browser, wall.page, async () => {
        for (const dw of [-40, 0, -20, 0]) {
          await wall.page.setViewportSize({ width: size.width + dw, height: size.height });
          await wall.page.waitForTimeout(400);
        }
      });
      // a rounded clip around each chart's canvas (panels.css) made every panel a pass: ~1 + charts a frame
      expect(passes.frames, JSON.stringify(passes)).toBeGreaterThan(0);
      expect(passes.passes / passes.frames, JSON.stringify({ ...passes, charts })).toBeLessThan(2);
    } finally {
      await wall.close();
    }
  });
});
