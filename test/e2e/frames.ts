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

interface TraceEvent {
  name: string;
  ph: string;
}

/** The trace events of `categories` recorded while `act` ran. */
async function traceWhile(browser: Browser, page: Page, categories: string[], act: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories });
  await act();
  return (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** Frames `page` produced during `ms` of watching (nothing is done to it meanwhile). */
export async function countFrames(browser: Browser, page: Page, ms: number): Promise<FrameCount> {
  let elapsed = 0;
  const events = await traceWhile(browser, page, ['disabled-by-default-devtools.timeline.frame', 'devtools.timeline'], async () => {
    const start = Date.now();
    await page.waitForTimeout(ms);
    elapsed = Date.now() - start;
  });
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
  const events = await traceWhile(browser, page, ['viz'], act);
  const count = (name: string): number => events.filter((e) => e.name === name && e.ph === 'X').length;
  return { frames: count('Display::DrawAndSwap'), passes: count('DirectRenderer::DrawRenderPass') };
}

const CLOCK_TICKS = 100; // per second (USER_HZ on Linux)

/** Fields of /proc/PID/stat (or /proc/PID/task/TID/stat) after the command name, and the name; undefined once it ended. */
export function procStat(path: string): { name: string; fields: string[] } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    // why the last ') ': a thread's name may hold one; after it, state is [0], ppid [1], utime [11], stime [12]
    return { name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), fields: text.slice(text.lastIndexOf(') ') + 2).split(' ') };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/**
 * The Chromium processes descending from `root` (Playwright starts Chromium as this process's
 * child): the browser, its renderers, GPU/viz and utility processes. Another test's or agent's
 * Chromium on the same machine is not among them, nor this process's other children (esbuild).
 */
export function chromiumPids(root = process.pid): number[] {
  const parent = new Map<number, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const st = procStat(`/proc/${pid}/stat`);
    if (st) parent.set(Number(pid), Number(st.fields[1]));
  }
  const mine = (pid: number): boolean => {
    let p: number | undefined = pid;
    for (let depth = 0; p !== undefined && p > 0 && depth < 64; depth++) {
      p = parent.get(p);
      if (p === root) return true;
    }
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    if (!mine(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
    } catch {
      return false;
    }
  });
}

/** CPU seconds (user + system) in a process's or thread's stat. */
export function cpuSecondsOf(st: { fields: string[] }): number {
  return (Number(st.fields[11]) + Number(st.fields[12])) / CLOCK_TICKS;
}

/** CPU seconds (user + system) used so far by those processes, each from its own stat (ended threads included). */
export function chromiumCpuSeconds(root = process.pid): number {
  let seconds = 0;
  for (const pid of chromiumPids(root)) {
    const st = procStat(`/proc/${pid}/stat`);
    if (st) seconds += cpuSecondsOf(st);
  }
  return seconds;
}
