// Each chart writes the window end (ms) of what it shows as `data-drawn-to` (draw-marks.ts); a
// chart may draw after the replay frame's text (a scheduled draw, src/renderer/charts/draw-scheduler.ts).
// A test that looks at charts after T moved waits here for every drawn chart under `scope` to show T.
import type { Page } from 'playwright-core';

/** Waits until every chart under `scope` that has drawn data shows T `at` (ms). */
export async function chartsShow(page: Page, at: number, scope = 'body', timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    ([sel, t]) => {
      const charts = [...document.querySelectorAll(`${sel} [data-chart-drawn="true"]`)];
      return charts.length > 0 && charts.every((c) => c.getAttribute('data-drawn-to') === t);
    },
    [scope, String(at)] as const,
    { timeout, polling: 'raf' },
  );
}

/** What every drawn chart shows: its panel and `data-drawn-to`. */
export function chartsDrawnTo(page: Page): Promise<{ panel: string; to: string | null }[]> {
  return page.$$eval('[data-chart-drawn="true"]', (els) => els.map((e) => ({ panel: e.closest('[data-panel-id]')?.getAttribute('data-panel-id') ?? '', to: e.getAttribute('data-drawn-to') })));
}
