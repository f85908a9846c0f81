/**
 * Live ticks one by one on the renderer bench's harness (40 panels): each tick's main-thread CPU
 * (CDP ThreadTime, the tick and its frame, an idle frame's median subtracted) and how many charts
 * redrew whole in it (uPlot clears the whole canvas on every draw; a tail draw does so under the
 * clip drawTail sets with an argument-less clip(), uPlot's own clips take a path). Shows which
 * ticks are dear: those where every chart's window moves a decimation bucket.
 * A tool for performance work, not part of `npm run bench`.
 *   node --import tsx test/bench/renderer-bench-ticks.ts [points=5760 (24 h) | 240 (1 h)] [ticks=120]
 */
import { loadavg } from 'node:os';
import { buildHarness, launch } from './renderer-bench';
import { openHarness, quantiles, type BenchWindow } from './renderer-bench-live';

const points = Number(process.argv[2] ?? 5760);
const ticks = Number(process.argv[3] ?? 120);
const browser = await launch();
const harness = await buildHarness();
try {
  const { page } = await openHarness(browser, harness.url, { panels: 40, points, viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu = async (): Promise<number> => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000; // ms
  await page.evaluate(async () => {
    const b = (globalThis as unknown as BenchWindow).__bench;
    for (let i = 0; i < 20; i++) await b.tick();
  });
  const idle: number[] = [];
  for (let i = 0; i < 40; i++) {
    const before = await cpu();
    await page.evaluate(() => (globalThis as unknown as BenchWindow).__bench.frame());
    idle.push((await cpu()) - before);
  }
  const idleMs = quantiles(idle).median;
  const each: { ms: number; drawn: number }[] = [];
  for (let i = 0; i < ticks; i++) {
    const before = await cpu();
    const drawn = await page.evaluate(async () => {
      const b = (globalThis as unknown as BenchWindow).__bench;
      const proto = CanvasRenderingContext2D.prototype;
      const clear = proto.clearRect;
      const clip = proto.clip;
      let n = 0;
      let tails = 0;
      proto.clearRect = function (x: number, y: number, w: number, h: number): void {
        if (x === 0 && y === 0 && w === this.canvas.width && h === this.canvas.height) n++;
        clear.call(this, x, y, w, h);
      };
      proto.clip = function (this: CanvasRenderingContext2D, ...args: unknown[]): void {
        if (args.length === 0) tails++;
        (clip as (...a: unknown[]) => void).apply(this, args);
      };
      try {
        await b.tick();
        // why: live draws run in slices after frames (draw-scheduler.ts); count them all
        await b.drawn();
      } finally {
        proto.clearRect = clear;
        proto.clip = clip;
      }
      await b.frame();
      return n - tails;
    });
    each.push({ ms: (await cpu()) - before - idleMs, drawn });
  }
  console.log(each.map((t) => `${t.ms.toFixed(1)}:${t.drawn}`).join(' '));
  const q = quantiles(each.map((t) => t.ms));
  const all = each.filter((t) => t.drawn >= 40).map((t) => t.ms);
  console.log(`${points} points per series, ${ticks} ticks (CPU ms:charts redrawn whole): median ${q.median.toFixed(2)}, p95 ${q.p95.toFixed(2)}, max ${q.max.toFixed(2)}; ticks where every chart redrew whole: ${all.length}, their median ${all.length ? quantiles(all).median.toFixed(2) : '-'}; load ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await browser.close();
  await harness.close();
}
