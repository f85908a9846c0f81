/**
 * Live updates on the renderer bench's harness page: the JS of each update (timed in the page) and
 * all main-thread work per update (CDP TaskDuration, an idle frame's cost subtracted), one update
 * per frame as the live path does.
 */
import type { Browser, Page } from 'playwright-core';

export interface BenchWindow {
  __bench: {
    ready: () => boolean;
    tick: (samples?: number) => Promise<number>;
    last: () => { snapshot: number; merge: number; setData: number; draw: number };
    heapMB: () => number;
    points: () => number;
  };
  gc?: () => void;
  requestAnimationFrame(cb: () => void): number;
}

export interface LiveUpdates {
  jsMs: number[];
  parts: { snapshot: number[]; merge: number[]; setData: number[]; draw: number[] };
  mainThreadMsPerUpdate: number;
}

async function taskSeconds(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const r = await cdp.send('Performance.getMetrics');
    return r.metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
}

/** `ticks` live updates of one sample per series, after 20 not measured. */
export async function measureLiveUpdates(page: Page, ticks: number): Promise<LiveUpdates> {
  const seconds = await taskSeconds(page);
  await page.evaluate(async (n) => {
    const b = (globalThis as unknown as BenchWindow).__bench;
    for (let i = 0; i < n; i++) await b.tick();
  }, 20);
  const before = await seconds();
  const js = await page.evaluate(async (n) => {
    const b = (globalThis as unknown as BenchWindow).__bench;
    const out: number[] = [];
    const parts = { snapshot: [] as number[], merge: [] as number[], setData: [] as number[], draw: [] as number[] };
    for (let i = 0; i < n; i++) {
      out.push(await b.tick());
      const l = b.last();
      parts.snapshot.push(l.snapshot);
      parts.merge.push(l.merge);
      parts.setData.push(l.setData);
      parts.draw.push(l.draw);
      // why: one update per frame, like the live path; lets the frame (paint) run between ticks
      await new Promise((r) => (globalThis as unknown as BenchWindow).requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return { out, parts };
  }, ticks);
  const after = await seconds();
  const idleFrameMs = await idleFrameCost(page, seconds, ticks);
  return { jsMs: js.out, parts: js.parts, mainThreadMsPerUpdate: ((after - before) * 1000) / ticks - idleFrameMs };
}

/** ms of main-thread work per frame with no update, subtracted so updates count alone. */
async function idleFrameCost(page: Page, seconds: () => Promise<number>, frames: number): Promise<number> {
  const before = await seconds();
  await page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await new Promise((r) => (globalThis as unknown as BenchWindow).requestAnimationFrame(() => setTimeout(r, 0)));
  }, frames);
  return (((await seconds()) - before) * 1000) / frames;
}

/**
 * The same 40 panels with a 1 h window (the renderer's default): a 15 s tick moves each chart's
 * window by about a pixel, so every other tick moves all 40 pictures.
 */
export async function benchHourWindow(browser: Browser, url: string, viewport: { width: number; height: number }, panels: number, ticks: number): Promise<{ jsMsMedian: number; mainThreadMsPerUpdate: number }> {
  const page = await browser.newPage({ viewport });
  try {
    await page.goto(`${url}?panels=${panels}&points=240`);
    await page.waitForFunction(() => (globalThis as unknown as BenchWindow).__bench?.ready(), undefined, { timeout: 60_000 });
    const live = await measureLiveUpdates(page, ticks);
    const sorted = [...live.jsMs].sort((a, b) => a - b);
    return { jsMsMedian: sorted[Math.floor(sorted.length / 2)] as number, mainThreadMsPerUpdate: live.mainThreadMsPerUpdate };
  } finally {
    await page.close();
  }
}
