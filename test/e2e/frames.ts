// How much a page draws while a test watches it: compositor frames (DrawFrame) and main-thread
// frames (BeginMainThreadFrame) from a Chromium trace, and the CPU of this test's own Chromium
// processes from /proc (Linux). Other Chromium processes on the machine are not counted.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export interface FrameCount {
  /** frames the compositor drew */
  drawn: number;
  /** frames the page's main thread ran (style, layout, paint) */
  mainThread: number;
  /** ms watched */
  ms: number;
}

/** Frames `page` produced during `ms` of watching (nothing is done to it meanwhile). */
export async function countFrames(browser: Browser, page: Page, ms: number): Promise<FrameCount> {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline.frame', 'devtools.timeline'] });
  const start = Date.now();
  await page.waitForTimeout(ms);
  const elapsed = Date.now() - start;
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string }[] }).traceEvents;
  const count = (name: string): number => events.filter((e) => e.name === name).length;
  return { drawn: count('DrawFrame'), mainThread: count('BeginMainThreadFrame'), ms: elapsed };
}

export interface RenderPasses {
  /** frames the display compositor drew */
  frames: number;
  /** render passes it drew in them: the root, plus one for each surface drawn offscreen and composited */
  passes: number;
}

/**
 * Frames the display compositor (viz) drew while `act` ran, and the render passes they took. A
 * subtree drawn offscreen (a rounded clip around a canvas, a filter, a mask) is a render pass of its
 * own; in software compositing each costs a copy and a blend of its pixels in every frame.
 */
export async function countRenderPasses(browser: Browser, page: Page, act: () => Promise<void>): Promise<RenderPasses> {
  await browser.startTracing(page, { categories: ['viz'] });
  await act();
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string; ph: string }[] }).traceEvents;
  const count = (name: string): number => events.filter((e) => e.name === name && e.ph === 'X').length;
  return { frames: count('Display::DrawAndSwap'), passes: count('DirectRenderer::DrawRenderPass') };
}

const CLOCK_TICKS = 100; // per second (USER_HZ on Linux)

function stat(pid: string): string[] | undefined {
  try {
    // fields after "(comm) ": state is [0], ppid [1], utime [11], stime [12]
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/**
 * CPU seconds (user + system) used so far by the Chromium processes descending from this process:
 * the browser, its renderers, GPU/viz and utility processes. Another test's or agent's Chromium on
 * the same machine is not counted.
 */
export function chromiumCpuSeconds(root = process.pid): number {
  const parent = new Map<string, string>();
  const cpu = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const f = stat(pid);
    if (!f) continue;
    parent.set(pid, f[1] ?? '');
    cpu.set(pid, Number(f[11]) + Number(f[12]));
  }
  let ticks = 0;
  for (const [pid, t] of cpu) {
    let p: string | undefined = pid;
    let mine = false;
    for (let depth = 0; p && p !== '0' && depth < 64; depth++) {
      p = parent.get(p);
      if (p === String(root)) {
        mine = true;
        break;
      }
    }
    if (!mine) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.includes('chromium')) ticks += t;
  }
  return ticks / CLOCK_TICKS;
}
