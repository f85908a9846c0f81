/**
 * What a wall on screen costs when nothing happens but the 15 s updates: CPU of all this bench's
 * Chromium processes (browser, renderer, GPU/viz, utilities; from /proc) per minute of wall time, on
 * the demo board at 1920×1080 with software rendering, with the demo's critical banner showing and
 * without any incident. A third case is the floor: the same critical page with every CSS animation
 * and transition switched off by an injected style. Cases run in turn, slice by slice (A B C A B C…),
 * so each ratio is taken between neighbouring slices and survives the machine's speed drifting.
 *
 *   npm run bench -- idle                       2 rounds × 20 s per case (about 3 min)
 *   BENCH_IDLE_MIN=10 npm run bench -- idle     one 10-minute slice per case (about 31 min; the quiet
 *                                               case then meets the demo's critical at minute 20)
 *   BENCH_IDLE_B=/path/to/old/out/renderer …    also runs the critical case on that build, paired
 *                                               (BENCH_IDLE_B_LABEL names it in the table)
 *   BENCH_IDLE_STYLE='.wb-clock{display:none}' … also runs the quiet case with that CSS injected
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser, openWall, waitPanels } from '../e2e/browser';
import { CRITICAL_MINUTE, QUIET_MINUTE, startDemoAt, type DemoAt } from '../e2e/demo-at';
import { chromiumCpuSeconds, countFrames } from '../e2e/frames';

const TARGET_PCT = 3; // % of one core, from issue 22
const TENMIN = process.env.BENCH_IDLE_MIN !== undefined;
const SLICE_S = TENMIN ? Number(process.env.BENCH_IDLE_MIN) * 60 : 20;
const ROUNDS = TENMIN ? 1 : 2;
const SETTLE_MS = 10_000; // the banner's first-seconds flash (8 s) and the first paint are over
const NO_MOTION = '*, *::before, *::after { animation: none !important; transition: none !important; }';

interface Case {
  name: string;
  server: DemoAt;
  /** CSS injected into the page */
  style?: string;
  critical: boolean;
}

interface Slice {
  pct: number; // % of one core
  drawnPerS: number;
  /** % of one core in each whole minute of the slice, and whether the critical banner showed at its end */
  minutes: { pct: number; banner: boolean }[];
}

async function slice(browser: Browser, c: Case): Promise<Slice> {
  const wall = await openWall(browser, `${c.server.url}/?rotate=0&burnin=0`);
  try {
    if (c.style) await wall.page.addStyleTag({ content: c.style });
    if (c.critical) await wall.page.waitForSelector('[data-testid="critical-banner"]', { timeout: 60_000 });
    if (!(await waitPanels(wall.page, 'ok', { timeout: 60_000 }))) throw new Error(`${c.name}: the panels did not reach ok`);
    await wall.page.waitForTimeout(SETTLE_MS);
    const frames = await countFrames(browser, wall.page, 3_000);
    const a = chromiumCpuSeconds();
    const t0 = performance.now();
    const minutes: Slice['minutes'] = [];
    // why minute by minute: a 10-minute run shows whether the cost drifts (or a critical comes and goes)
    for (let left = SLICE_S; left > 0; left -= 60) {
      const m0 = chromiumCpuSeconds();
      const s0 = performance.now();
      await wall.page.waitForTimeout(Math.min(60, left) * 1000);
      const pct = ((chromiumCpuSeconds() - m0) / ((performance.now() - s0) / 1000)) * 100;
      if (left >= 60) minutes.push({ pct, banner: (await wall.page.locator('[data-testid="critical-banner"]').count()) > 0 });
    }
    const cpu = chromiumCpuSeconds() - a;
    const wallS = (performance.now() - t0) / 1000;
    return { pct: (cpu / wallS) * 100, drawnPerS: (frames.drawn * 1000) / frames.ms, minutes };
  } finally {
    await wall.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export async function run(): Promise<string> {
  const browser = await launchBrowser();
  const critical = await startDemoAt(CRITICAL_MINUTE);
  const quiet = await startDemoAt(QUIET_MINUTE);
  const older = process.env.BENCH_IDLE_B ? await startDemoAt(CRITICAL_MINUTE, process.env.BENCH_IDLE_B) : undefined;
  const cases: Case[] = [
    { name: 'critical banner showing', server: critical, critical: true },
    { name: 'no critical', server: quiet, critical: false },
    { name: 'floor: critical banner, every animation switched off', server: critical, critical: true, style: NO_MOTION },
    ...(older ? [{ name: `critical banner, build B (${process.env.BENCH_IDLE_B_LABEL ?? process.env.BENCH_IDLE_B})`, server: older, critical: true }] : []),
    ...(process.env.BENCH_IDLE_STYLE ? [{ name: `no critical, with \`${process.env.BENCH_IDLE_STYLE}\``, server: quiet, critical: false, style: process.env.BENCH_IDLE_STYLE }] : []),
  ];
  const results = new Map<string, Slice[]>(cases.map((c) => [c.name, []]));
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of cases) {
        process.stderr.write(`idle: round ${r + 1}/${ROUNDS}, ${c.name}, ${SLICE_S} s…\n`);
        results.get(c.name)?.push(await slice(browser, c));
      }
    }
  } finally {
    await browser.close();
    await critical.close();
    await quiet.close();
    await older?.close();
  }
  const floor = results.get(cases[2]?.name ?? '') ?? [];
  const rows = cases.map((c) => {
    const s = results.get(c.name) ?? [];
    const pct = median(s.map((x) => x.pct));
    const ratio = median(s.map((x, i) => x.pct / (floor[i]?.pct ?? NaN)));
    const verdict = c.style === NO_MOTION ? '' : pct <= TARGET_PCT ? 'meets' : '**misses**';
    return `| ${c.name} | ${pct.toFixed(1)} % (${((pct / 100) * 60).toFixed(2)} CPU s per min) | ${s.map((x) => x.pct.toFixed(1)).join(', ')} | ${ratio.toFixed(2)} | ${median(s.map((x) => x.drawnPerS)).toFixed(1)} | ${verdict} |`;
  });
  const perMinute = cases
    .map((c) => ({ c, m: results.get(c.name)?.flatMap((x) => x.minutes) ?? [] }))
    .filter(({ m }) => m.length > 0)
    .map(({ c, m }) => `| ${c.name} | ${m.map((x) => `${x.pct.toFixed(1)}${x.banner ? '' : ' (no banner)'}`).join(' · ')} |`);
  const minutesTable = perMinute.length
    ? `\nPer minute of wall time, % of one core (each minute's banner state read at its end; "no banner" marks minutes that ended without the critical banner):\n\n| case | minute 1 · 2 · … |\n|---|---|\n${perMinute.join('\n')}\n`
    : '';
  return `## Idle wall (Chromium CPU with nothing happening but the 15 s updates)

Command: \`npm run bench -- idle\` (${ROUNDS} round(s) × ${SLICE_S} s per case, cases in turn; \`BENCH_IDLE_MIN=10\` for 10-minute slices). Demo board served in-process with the engine's clock at minute ${CRITICAL_MINUTE} (critical open) or ${QUIET_MINUTE} (no critical open for 5 min) of the hour, Chromium --headless --disable-gpu (software rendering), 1920×1080, \`?rotate=0&burnin=0\`; CPU is utime + stime of every Chromium process descending from the bench, from /proc, after ${SETTLE_MS / 1000} s of settling. Target: ≤ ${TARGET_PCT} % of one core. The machine has 2 cores shared with other jobs (1-min load average at the end: ${loadavg()[0]?.toFixed(1)}): read the paired ratio to the floor as well as the absolute figure.

| case | CPU, % of one core (median) | per slice | ratio to the floor (paired, median) | frames drawn per s | |
|---|---|---|---|---|---|
${rows.join('\n')}
${minutesTable}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(await run());
