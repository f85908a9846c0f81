// The whole wall through the IPC client path, in real Chromium: a test bridge of the same shape as
// the preload's window.wallboard, backed by the real engine through the same main-side handler the
// Electron adapter registers (sender check + the HTTP schemas). The page is served by a static-only
// server: it has no API, and the test checks that the renderer never asked it for one.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/main/engine/index';
import { exportRecording } from '../../src/main/engine/recording/export';
import { openRecording } from '../../src/main/engine/recording/open';
import { replayEngineOptions } from '../../src/main/engine/recording/replay-options';
import { serveStatic } from '../../src/main/server/static-files';
import { createRequestHandler } from '../../src/main/shell/ipc-requests';
import { EVENT_NAMES } from '../../src/shared/api';
import { freePort, tempDir } from '../integration/servers';
import { launchBrowser, openWall, panelStates, screenshot, waitPanels, type WallPage } from './browser';
import { requireBuild } from './serve';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let engine: Engine;
let engineDir: string;
let server: Server;
let origin: string;
let browser: Browser;
const apiHits: string[] = [];
let ipcCalls = 0;

// Runs in the page before its scripts: window.wallboard with the preload's shape (request, on).
const BRIDGE = `(() => {
  const listeners = new Map();
  window.__wallboardEmit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
  window.wallboard = {
    request: (name, args) => window.__wallboardInvoke(name, args),
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
  };
})();`;

beforeAll(async () => {
  requireBuild();
  engineDir = tempDir('ipc-wall');
  engine = createEngine({ dataDir: engineDir, watch: false });
  engine.start();
  // why not rendererDir(): run from src/, it would find src/renderer (the unbuilt sources)
  const root = join(ROOT, 'out', 'renderer');
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/') || path === '/metrics') apiHits.push(path);
    void serveStatic(root, path, req, res, undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await engine?.stop();
});

async function openIpcWall(query = '?rotate=0&burnin=0', eng: Engine = engine): Promise<WallPage> {
  const handler = createRequestHandler(eng, (url) => url?.startsWith(`${origin}/`) === true);
  const wall = await openWall(browser, 'about:blank');
  const { page } = wall;
  await page.exposeBinding('__wallboardInvoke', (source, name: unknown, args: unknown) => {
    ipcCalls++;
    return handler({ frameUrl: source.frame.url(), trustedFrame: source.frame === source.page.mainFrame() }, name, args);
  });
  await page.addInitScript(BRIDGE);
  for (const event of EVENT_NAMES) {
    const off = eng.on(event, (payload) => {
      page.evaluate(([e, p]) => (globalThis as unknown as { __wallboardEmit(e: string, p: unknown): void }).__wallboardEmit(e, p), [event, payload] as const).catch(() => off());
    });
  }
  await page.goto(`${origin}/${query}`);
  return wall;
}

describe('the wall over the IPC client', () => {
  it('reaches ok on every panel of every demo page with no HTTP API at all', async () => {
    const wall = await openIpcWall();
    try {
      const board = await engine.request('board', {});
      for (const [i, pg] of board.pages.entries()) {
        if (i > 0) await wall.page.keyboard.press('ArrowRight');
        await wall.page.waitForSelector(`[data-testid="page"][data-page-id="${pg.id}"]`);
        expect(await waitPanels(wall.page, 'ok', { timeout: 60_000 }), `page ${pg.id}: ${JSON.stringify(await panelStates(wall.page))}`).toBe(true);
        expect(await panelStates(wall.page)).toEqual(Object.fromEntries(pg.panels.map((p) => [p.id, 'ok'])));
        if (i === 0) await screenshot(wall.page, 'ipc-wall-overview');
      }
      expect(apiHits).toEqual([]);
      expect(ipcCalls).toBeGreaterThan(board.pages.length);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.close();
    }
  });

  it('gets live updates pushed as events, and bad requests refused with the schema’s reason', async () => {
    const wall = await openIpcWall();
    try {
      await waitPanels(wall.page, 'ok', { timeout: 60_000 });
      const before = ipcCalls;
      // the demo source polls every 15 s; an update event makes the wall re-query over the bridge
      await new Promise<void>((r) => {
        const off = engine.on('update', () => {
          off();
          r();
        });
      });
      await expect.poll(() => ipcCalls, { timeout: 10_000 }).toBeGreaterThan(before);
      const refused = await wall.page.evaluate(() =>
        (globalThis as unknown as { wallboard: { request(n: string, a: unknown): Promise<unknown> } }).wallboard
          .request('snooze', { id: 'x', until: 'later' })
          .then(() => 'accepted', (e: Error) => e.message),
      );
      expect(refused).toMatch(/until/);
    } finally {
      await wall.close();
    }
  });

  it('shows only a kiosk display’s own pages (?pages=, as the desktop kiosk passes kiosk.pages)', async () => {
    const board = await engine.request('board', {});
    const [first, second, third] = board.pages;
    const wall = await openIpcWall(`?burnin=0&rotate=0&pages=${third?.id},${second?.id}`);
    try {
      await wall.page.waitForSelector(`[data-testid="page"][data-page-id="${second?.id}"]`);
      await wall.page.keyboard.press('ArrowRight');
      await wall.page.waitForSelector(`[data-testid="page"][data-page-id="${third?.id}"]`);
      await wall.page.keyboard.press('ArrowRight');
      await wall.page.waitForSelector(`[data-testid="page"][data-page-id="${second?.id}"]`);
      expect(await wall.page.$(`[data-testid="page"][data-page-id="${first?.id}"]`)).toBeNull();
    } finally {
      await wall.close();
    }
  });

  it('keeps the page shown in its address for the desktop window to reopen on (?page=), but not on a kiosk wall', async () => {
    const board = await engine.request('board', {});
    const [first, second, third] = board.pages;
    const wall = await openIpcWall();
    try {
      await wall.page.waitForSelector(`[data-testid="page"][data-page-id="${first?.id}"]`);
      await expect.poll(() => new URL(wall.page.url()).searchParams.get('page')).toBe(first?.id);
      await wall.page.keyboard.press('ArrowRight');
      await wall.page.waitForSelector(`[data-testid="page"][data-page-id="${second?.id}"]`);
      await expect.poll(() => new URL(wall.page.url()).searchParams.get('page')).toBe(second?.id);
      expect(new URL(wall.page.url()).searchParams.get('rotate')).toBe('0');
    } finally {
      await wall.close();
    }
    // the next start: main passes the remembered page back
    const reopened = await openIpcWall(`?rotate=0&burnin=0&page=${third?.id}`);
    try {
      await reopened.page.waitForSelector(`[data-testid="page"][data-page-id="${third?.id}"]`);
      expect(new URL(reopened.page.url()).searchParams.get('page')).toBe(third?.id);
    } finally {
      await reopened.close();
    }
    const kiosk = await openIpcWall('?kiosk=1&rotate=0&burnin=0');
    try {
      await kiosk.page.waitForSelector(`[data-testid="page"][data-page-id="${first?.id}"]`);
      await kiosk.page.keyboard.press('ArrowRight');
      await kiosk.page.waitForSelector(`[data-testid="page"][data-page-id="${second?.id}"]`);
      expect(new URL(kiosk.page.url()).searchParams.has('page')).toBe(false);
    } finally {
      await kiosk.close();
    }
  });

  it('replays a recording as File → Open does (the same engine as serve --replay): RECORDING at its end, panels ok, actions refused', async () => {
    await expect.poll(async () => (await engine.request('status', {})).sources.every((x) => x.lastSuccess !== undefined), { timeout: 30_000 }).toBe(true);
    const out = join(tempDir('ipc-recording'), 'night-shift.wbz');
    const exported = exportRecording({ dataDir: engineDir, boardFile: engine.configFile, sinceMs: 3_600_000, out });
    expect(exported.ok, JSON.stringify(exported)).toBe(true);
    const opened = openRecording(out);
    if (!opened.ok) throw new Error(opened.reason);
    const rec = createEngine(replayEngineOptions(opened.recording, () => undefined));
    rec.start();
    try {
      const wall = await openIpcWall('?rotate=0&burnin=0', rec);
      try {
        const { page } = wall;
        await page.waitForSelector('[data-testid="replay"]');
        expect(await page.textContent('[data-testid="replay-indicator"]')).toBe('RECORDING');
        expect(await page.textContent('.wb-replay__file')).toContain('night-shift.wbz');
        expect(Number(await page.getAttribute('[data-testid="replay-time"]', 'data-at'))).toBe(opened.recording.view.to);
        expect(await waitPanels(page, 'ok', { timeout: 30_000 }), JSON.stringify(await panelStates(page))).toBe(true);
        await screenshot(page, 'ipc-recording');
        const refused = await page.evaluate(() =>
          (globalThis as unknown as { wallboard: { request(n: string, a: unknown): Promise<unknown> } }).wallboard
            .request('ack', { id: 'any' })
            .then(() => 'accepted', (e: Error) => e.message),
        );
        expect(refused).toMatch(/read-only/);
        expect(apiHits).toEqual([]);
      } finally {
        await wall.close();
      }
    } finally {
      await rec.stop();
      opened.recording.dispose();
    }
  }, 90_000);

  it('opens the incident drawer on the incident a desktop notification click names (the `focus` event)', async () => {
    const dir = tempDir('ipc-focus');
    const port = await freePort(); // nothing listens there: both health checks fail at once
    const configFile = join(dir, 'board.yaml');
    const target = (id: string, name: string) => `    - { id: ${id}, name: ${name}, url: "http://127.0.0.1:${port}/${id}", interval: 1s, timeout: 1s, failAfter: 1 }\n`;
    writeFileSync(
      configFile,
      `title: Focus\nsources:\n  health:\n${target('api', 'Orders API')}${target('db', 'Orders DB')}pages:\n  - { id: ops, title: Ops, panels: [{ id: h, type: health, targets: [api, db] }] }\n`,
    );
    const eng = createEngine({ configFile, dataDir: dir, watch: false });
    eng.start();
    try {
      await expect.poll(async () => (await eng.request('incidents', {})).length, { timeout: 30_000 }).toBe(2);
      const incidents = await eng.request('incidents', {});
      const wall = await openIpcWall('?rotate=0&burnin=0', eng);
      try {
        const { page } = wall;
        await page.waitForSelector('[data-testid="page"][data-page-id="ops"]');
        expect(await page.$('[data-testid="incident-drawer"]')).toBeNull();
        for (const wanted of incidents) {
          // what the Electron main process does on a click: webContents.send('wallboard:focus', target)
          await page.evaluate((t) => (globalThis as unknown as { __wallboardEmit(e: string, p: unknown): void }).__wallboardEmit('focus', t), { incidentId: wanted.id });
          await page.waitForSelector(`[data-testid="incident-drawer"] [data-testid="incident"][data-incident-id="${wanted.id}"][data-focused="true"]`, { timeout: 10_000 });
          expect(await page.$$eval('[data-testid="incident"][data-focused="true"]', (els) => els.map((e) => e.getAttribute('data-incident-id')))).toEqual([wanted.id]);
        }
        await screenshot(page, 'ipc-focus-drawer');
        // a summary of several names no incident: the drawer shows the list with none marked
        await page.click('[data-testid="incident-drawer-close"]');
        await page.evaluate(() => (globalThis as unknown as { __wallboardEmit(e: string, p: unknown): void }).__wallboardEmit('focus', {}));
        await page.waitForSelector('[data-testid="incident-drawer"]');
        expect(await page.$$('[data-testid="incident"][data-focused="true"]')).toHaveLength(0);
        expect(wall.errors).toEqual([]);
      } finally {
        await wall.close();
      }
    } finally {
      await eng.stop();
    }
  }, 90_000);
});
