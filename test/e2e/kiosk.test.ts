// `wallboard kiosk` end to end: the real CLI, the system Chromium in --kiosk mode on an Xvfb display
// (not headless: a real window), supervised. The test reaches the browser through its DevTools port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, get, tempDir, waitFor } from '../integration/servers';
import { panelStates, screenshot, waitPanels } from './browser';
import { requireBuild } from './serve';
import { startXvfb, type XDisplay } from './xvfb';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

let x: XDisplay;
let kiosk: ChildProcess;
let log = '';
let cdpPort: number;
let apiPort: number;
const cdp: Browser[] = [];

/** pids the kiosk logged as started, in order. */
function browserPids(): number[] {
  return [...log.matchAll(/kiosk browser started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Connects to whichever browser now listens on the DevTools port and returns its wall page. */
async function wallPage(timeoutMs: number): Promise<Page> {
  return waitFor(
    'the kiosk browser with the wall',
    async () => {
      const version = await get(`http://127.0.0.1:${cdpPort}/json/version`, 1000);
      if (version.status !== 200) return undefined;
      const b = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`, { timeout: 3000 });
      cdp.push(b);
      const page = b.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(`http://127.0.0.1:${apiPort}/`));
      return page ?? undefined;
    },
    timeoutMs,
    100,
  );
}

beforeAll(async () => {
  requireBuild();
  x = await startXvfb({ width: 1600, height: 900 });
  const dir = tempDir('kiosk');
  cdpPort = await freePort();
  apiPort = await freePort();
  kiosk = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'wallboard.js'),
      'kiosk',
      '--port',
      String(apiPort),
      '--data-dir',
      join(dir, 'data'),
      '--browser',
      '/usr/bin/chromium',
      // why: tests run as root in CI, where Chromium refuses to start sandboxed
      '--browser-arg=--no-sandbox',
      '--browser-arg=--disable-gpu',
      `--browser-arg=--remote-debugging-port=${cdpPort}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: x.display, TZ: 'UTC' } },
  );
  const keep = (b: Buffer): void => {
    log = (log + b.toString('utf8')).slice(-20_000);
  };
  kiosk.stdout?.on('data', keep);
  kiosk.stderr?.on('data', keep);
});

afterAll(async () => {
  for (const b of cdp) await b.close().catch(() => undefined);
  if (kiosk && kiosk.exitCode === null) {
    kiosk.kill('SIGKILL');
  }
  await x?.stop();
});

describe('wallboard kiosk', () => {
  let token = '';

  it('brings the wall up full screen in the system Chromium, showing data', async () => {
    const page = await wallPage(60_000);
    // the wall drops ?token= from its address after load; the browser's command line still has it
    const pid = browserPids()[0] as number;
    const app = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').find((a) => a.startsWith('--app='));
    token = new URL(app?.slice('--app='.length) ?? 'http://x/').searchParams.get('token') ?? '';
    expect(token.length, 'a fresh random token in the wall URL').toBeGreaterThanOrEqual(32);
    expect(await waitPanels(page, 'ok', { timeout: 60_000 }), JSON.stringify(await panelStates(page))).toBe(true);
    const value = await page.textContent('[data-testid="stat-value"]');
    expect(value).toMatch(/\d/);
    const session = await page.context().newCDPSession(page);
    const win = (await session.send('Browser.getWindowForTarget')) as { bounds: { windowState?: string } };
    expect(win.bounds.windowState).toBe('fullscreen');
    // the X window itself covers the screen (Xvfb has no window manager to honour the full-screen request)
    const tree = execFileSync('xwininfo', ['-root', '-tree'], { env: { ...process.env, DISPLAY: x.display }, encoding: 'utf8' });
    const m = /"Wallboard": \(.*?\)\s+(\d+)x(\d+)\+0\+0/.exec(tree);
    expect(m, tree).not.toBeNull();
    // why: Chromium sizes a WM-less window one pixel short of the screen
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(1599);
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(899);
    await screenshot(page, 'kiosk-wall');
    // a kiosk wall (?kiosk=1) hides the cursor after 5 s without movement
    await page.waitForFunction(() => (globalThis as unknown as { document: { documentElement: { classList: { contains(c: string): boolean } } } }).document.documentElement.classList.contains('wb-cursor-hidden'), undefined, { timeout: 10_000 });
  });

  it('answers 401 to an API request without the token, and counts launches in /metrics with it', async () => {
    expect((await get(`http://127.0.0.1:${apiPort}/api/board`)).status).toBe(401);
    expect((await get(`http://127.0.0.1:${apiPort}/metrics`)).status).toBe(401);
    expect((await get(`http://127.0.0.1:${apiPort}/api/board?token=wrong${token}`)).status).toBe(401);
    const metrics = await get(`http://127.0.0.1:${apiPort}/metrics?token=${encodeURIComponent(token)}`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('wallboard_kiosk_browser_launches_total 1\n');
    expect(metrics.body).toContain('wallboard_kiosk_browser_relaunches_total 0\n');
    expect(metrics.body).toContain('wallboard_kiosk_browser_up 1\n');
  });

  it('relaunches a browser killed with SIGKILL: a new one shows the wall within 10 s', async () => {
    const [first] = browserPids();
    expect(first).toBeDefined();
    const killedAt = Date.now();
    process.kill(first as number, 'SIGKILL');
    const page = await waitFor(
      'a relaunched browser with panels',
      async () => {
        const pids = browserPids();
        if (pids.length < 2) return undefined;
        const p = await wallPage(2_000).catch(() => undefined);
        if (!p) return undefined;
        return (await p.$('[data-testid="panel"]')) ? p : undefined;
      },
      10_000,
      100,
    );
    const tookMs = Date.now() - killedAt;
    process.stdout.write(`kiosk relaunch: kill -9 -> a new browser showing panels in ${tookMs} ms\n`);
    expect(tookMs).toBeLessThan(10_000);
    expect(alive(first as number)).toBe(false);
    expect(log).toMatch(/kiosk browser was killed by SIGKILL after \d+ s; relaunch #1 in \d+ ms/);
    expect(await waitPanels(page, 'ok', { timeout: 30_000 })).toBe(true);
    await screenshot(page, 'kiosk-wall-relaunched');
    const metrics = await get(`http://127.0.0.1:${apiPort}/metrics?token=${encodeURIComponent(token)}`);
    expect(metrics.body).toContain('wallboard_kiosk_browser_launches_total 2\n');
    expect(metrics.body).toContain('wallboard_kiosk_browser_relaunches_total 1\n');
  });

  it('stops the browser and itself on SIGTERM, exit code 0', async () => {
    const pids = browserPids();
    const exited = new Promise<number | null>((r) => kiosk.once('exit', (code) => r(code)));
    kiosk.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid), `browser pid ${pid}`).toBe(false);
  });
});
