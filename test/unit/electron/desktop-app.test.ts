// The Electron adapter (src/main/electron) against the recording double of the Electron calls it
// makes (electron-double.ts lists them), over the real engine in a temp data dir.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktopApp } from '../../../src/main/electron/main';
import { OPEN_RECORDING_LABEL } from '../../../src/main/electron/app-menu';
import { OPEN_ERROR_TITLE } from '../../../src/main/electron/recording-window';
import { createEngine } from '../../../src/main/engine/index';
import { exportRecording } from '../../../src/main/engine/recording/export';
import { READ_ONLY_REASON } from '../../../src/main/engine/requests';
import { createOsNotificationSink } from '../../../src/main/electron/notification-sink';
import { freePort } from '../../integration/servers-process';
import { createDouble, FakeNotification, FakeWindow, type Double } from './electron-double';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const RENDERER = join(ROOT, 'test', 'fixtures', 'electron-renderer');
const dirs: string[] = [];
const doubles: Double[] = [];

afterEach(async () => {
  for (const d of doubles.splice(0)) d.app.emit('will-quit');
  await new Promise((r) => setTimeout(r, 100)); // engine.stop() closes the buffer
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wallboard-desktop-'));
  dirs.push(d);
  return d;
}

async function start(argv: string[], opts: { dir?: string; displays?: Double['displays']; singleInstance?: boolean; stdin?: string; log?: (line: string) => void } = {}): Promise<Double> {
  const d = createDouble({ ...(opts.displays ? { displays: opts.displays } : {}), ...(opts.singleInstance !== undefined ? { singleInstance: opts.singleInstance } : {}) });
  doubles.push(d);
  startDesktopApp(d.e, {
    argv,
    rendererRoot: RENDERER,
    preloadDir: '/app/out/preload',
    resources: join(ROOT, 'resources'),
    dataDir: opts.dir ?? dataDir(),
    log: opts.log ?? (() => undefined),
    ...(opts.stdin !== undefined ? { readStdin: async () => opts.stdin as string } : {}),
  });
  await d.app.ready();
  return d;
}

const board = (dir: string, extra = '', header = ''): string => {
  const file = join(dir, 'board.yaml');
  writeFileSync(file, `title: Test wall\nsources:\n  demo: [{ id: demo }]\n${header}pages:\n  - { id: ops, title: Ops, panels: [{ id: t, type: text, text: hi }] }\n  - { id: db, title: DB, panels: [{ id: u, type: text, text: ho }] }\n${extra}`);
  return file;
};

describe('desktop app: start and security', { timeout: 30_000 }, () => {
  it('registers app:// as privileged before ready, and serves the renderer from it with the CSP header', async () => {
    const d = await start([]);
    expect(d.calls.indexOf('protocol.registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]')).toBeLessThan(d.calls.indexOf('protocol.handle app'));
    expect(d.calls[0]).toMatch(/^protocol.registerSchemesAsPrivileged/);
    const h = d.protocolHandler as (r: Request) => Promise<Response>;
    const ok = await h(new Request('app://wallboard/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await ok.text()).toContain('electron renderer fixture');
    expect((await h(new Request('app://wallboard/../../etc/passwd'))).status).toBe(404);
    expect((await h(new Request('app://wallboard/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await h(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('denies every permission but notifications', async () => {
    const d = await start([]);
    const ask = (p: string) => new Promise<boolean>((r) => d.permissionRequest?.({}, p, r));
    expect(await ask('notifications')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'display-capture']) expect(await ask(p), p).toBe(false);
    expect(d.permissionCheck?.({}, 'notifications')).toBe(true);
    expect(d.permissionCheck?.({}, 'media')).toBe(false);
  });

  it('opens one secure window on app:// and refuses navigation, redirects, webviews and new windows', async () => {
    const d = await start([]);
    const [win] = FakeWindow.all;
    expect(FakeWindow.all).toHaveLength(1);
    const prefs = win?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: '/app/out/preload/index.cjs' });
    expect(win?.urls).toEqual(['app://wallboard/index.html?rotate=0']);
    const wc = win?.webContents;
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      wc?.emit(ev, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, ev).toBe(true);
    }
    expect(wc?.openHandler?.({ url: 'https://runbooks.example.com/db' })).toEqual({ action: 'deny' });
    expect(wc?.openHandler?.({ url: 'http://plain.example.com/' })).toEqual({ action: 'deny' });
    expect(wc?.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc?.openHandler?.({ url: 'https://user:pw@example.com/' })).toEqual({ action: 'deny' });
    expect(d.opened).toEqual(['https://runbooks.example.com/db']);
  });

  it('answers IPC from its own page only, validated by the request schemas', async () => {
    const d = await start([]);
    const win = FakeWindow.all[0] as FakeWindow;
    const handle = d.ipcHandlers.get('wallboard:request') as (ev: unknown, name: unknown, args: unknown) => Promise<unknown>;
    const ev = (frame: { url: string } | null, sender: unknown = win.webContents) => ({ senderFrame: frame, sender });
    expect(((await handle(ev(win.webContents.mainFrame), 'board', {})) as { title: string }).title).toBe('BizOSaaS NOC');
    await expect(handle(ev({ url: 'app://wallboard/index.html' }), 'board', {})).rejects.toThrow(/^refused/); // an iframe: not the main frame
    await expect(handle(ev(null), 'board', {})).rejects.toThrow(/^refused/);
    await expect(handle(ev(win.webContents.mainFrame, { mainFrame: win.webContents.mainFrame }), 'board', {})).rejects.toThrow(/^refused/); // not our window
    await expect(handle(ev(win.webContents.mainFrame), 'query', { panels: 'x' })).rejects.toThrow(/panels/);
  });

  it('forwards engine events to its windows on wallboard:<event>', async () => {
    await start([]);
    const win = FakeWindow.all[0] as FakeWindow;
    await expect.poll(() => win.webContents.sent.map(([c]) => c), { timeout: 20_000 }).toContain('wallboard:status');
  });

  it('a second launch quits at once and leaves the first one alone', async () => {
    const d = await start([], { singleInstance: false });
    expect(d.app.quitCalled).toBe(true);
    expect(FakeWindow.all).toEqual([]);
  });
});

describe('desktop app: boards and data', { timeout: 30_000 }, () => {
  it('shows every file:line:col of a bad board in an error window and quits (no window, no exception)', async () => {
    const dir = dataDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'pages:\n  - id: p\n    title: P\n    panels:\n      - { id: a, type: nope }\n      - { id: b, type: stat, unit: parsecs, query: up }\n');
    const d = await start(['--config', file], { dir });
    expect(d.errorBoxes).toHaveLength(1);
    const [title, body] = d.errorBoxes[0] as [string, string];
    expect(title).toBe('Wallboard: the board file has errors');
    const lines = body.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
    expect(d.app.quitCalled).toBe(true);
    expect(FakeWindow.all).toEqual([]);
  });

  it('shows an unusable data dir in an error window and quits (a file where the dir should be)', async () => {
    const parent = dataDir();
    const notADir = join(parent, 'data');
    writeFileSync(notADir, 'a file, not a directory');
    const d = await start([], { dir: notADir });
    expect(d.errorBoxes.map(([t]) => t)).toEqual(['Wallboard: the data directory is unusable']);
    expect(d.errorBoxes[0]?.[1]).toContain(notADir);
    expect(d.app.quitCalled).toBe(true);
    expect(FakeWindow.all).toEqual([]);
  });

  it('uses the same data dir as serve, and runs the last board when started without --config', async () => {
    const dir = dataDir();
    const file = board(dir);
    await start(['--config', file], { dir });
    expect(existsSync(join(dir, 'wallboard.db'))).toBe(true);
    doubles.splice(0).forEach((d) => d.app.emit('will-quit'));
    await new Promise((r) => setTimeout(r, 100));
    const again = await start([], { dir });
    const win = FakeWindow.all[0] as FakeWindow;
    const handle = again.ipcHandlers.get('wallboard:request') as (ev: unknown, name: unknown, args: unknown) => Promise<{ title: string }>;
    expect((await handle({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, 'board', {})).title).toBe('Test wall');
  });

  it('stores a secret from stdin with safeStorage (never in clear) and resolves ${keychain:NAME} from it', async () => {
    const dir = dataDir();
    const d = await start(['secret', 'set', 'demo-token'], { dir, stdin: 's3cret-value\n' });
    await expect.poll(() => d.app.exitCode).toBe(0);
    const stored = readFileSync(join(dir, 'secrets.json'), 'utf8');
    expect(stored).toContain('demo-token');
    expect(stored).not.toContain('s3cret-value');
    expect(FakeWindow.all).toEqual([]);
    const file = board(dir, '', 'notify: { routes: [{ brand: "${keychain:demo-token}" }] }\n');
    const run = await start(['--config', file], { dir });
    // the keychain value reached the engine's board (a brand route named after it), not an error window
    expect(run.errorBoxes).toEqual([]);
    const missing = board(dir, '', 'notify: { routes: [{ brand: "${keychain:absent}" }] }\n');
    const bad = await start(['--config', missing], { dir });
    expect(bad.errorBoxes[0]?.[1]).toMatch(/:\d+:\d+: no secret "absent" in the keychain: store it with `wallboard secret set absent`/);
  });
});

describe('desktop app: laptop mode', { timeout: 30_000 }, () => {
  it('closing the window hides it to the tray; the tray shows the worst incident and has Open, Pause 1 h, Quit', async () => {
    const dir = dataDir();
    const d = await start([], { dir });
    const win = FakeWindow.all[0] as FakeWindow;
    win.close();
    expect(win.destroyed).toBe(false);
    expect(d.calls).toContain('win.hide');
    const [tray] = d.trays;
    expect(tray?.menu.map((m) => m.label)).toEqual(['Open board', 'Pause notifications for 1 h', undefined, 'Quit']);
    expect(tray?.image).toMatch(/resources\/tray\/tray-(none|info|warning|high|critical)\.png$/);
    expect(tray?.tooltip).toMatch(/^Wallboard — /);
    tray?.menu[1]?.click?.();
    expect(tray?.tooltip).toMatch(/\(notifications paused\)$/);
    tray?.menu[0]?.click?.();
    expect(d.calls.slice(-2)).toEqual(['win.show', 'win.focus']);
    const state = JSON.parse(readFileSync(join(dir, 'desktop-state.json'), 'utf8')) as { window: { bounds: { width: number } } };
    expect(state.window.bounds.width).toBe(1600);
    tray?.menu[3]?.click?.();
    expect(d.app.quitCalled).toBe(true);
  });

  it('remembers its bounds, maximized state and page across restarts (the page from the renderer’s address)', async () => {
    const dir = dataDir();
    const file = board(dir);
    const d = await start(['--config', file], { dir });
    let win = FakeWindow.all[0] as FakeWindow;
    win.setBounds({ x: 100, y: 50, width: 1200, height: 800 });
    win.maximize();
    win.webContents.mainFrame.url = 'app://wallboard/index.html?rotate=0&page=db'; // usePageInAddress after a page change
    d.e.app.quit(); // quitting: the close saves and lets the window go
    win.close();
    expect(win.destroyed).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'desktop-state.json'), 'utf8'))).toEqual({
      lastBoard: file,
      window: { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true, page: 'db' },
    });
    doubles.splice(0).forEach((x) => x.app.emit('will-quit'));
    await new Promise((r) => setTimeout(r, 100));
    const again = await start([], { dir });
    win = FakeWindow.all[0] as FakeWindow;
    expect(win.bounds).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(win.urls).toEqual(['app://wallboard/index.html?rotate=0&page=db']);
    expect(again.calls).toContain('win.maximize');
  });

  it('opens a default window when the remembered one is off every display, or the state file is bad (one log line)', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'desktop-state.json'), JSON.stringify({ window: { bounds: { x: 5000, y: 50, width: 1200, height: 800 }, maximized: false, page: 'db' } }));
    await start([], { dir });
    expect(FakeWindow.all[0]?.bounds).toEqual({ x: 0, y: 0, width: 1600, height: 900 });
    expect(FakeWindow.all[0]?.urls).toEqual(['app://wallboard/index.html?rotate=0&page=db']);
    doubles.splice(0).forEach((x) => x.app.emit('will-quit'));
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(join(dir, 'desktop-state.json'), '{"window": {"bounds": {"x": 100');
    const logs: string[] = [];
    await start([], { dir, log: (l) => logs.push(l) });
    expect(FakeWindow.all[0]?.bounds).toEqual({ x: 0, y: 0, width: 1600, height: 900 });
    expect(FakeWindow.all[0]?.urls).toEqual(['app://wallboard/index.html?rotate=0']);
    expect(logs.filter((l) => l.includes('desktop-state.json'))).toEqual([expect.stringMatching(/desktop-state\.json: ignored, not JSON/)]);
  });

  it('reloads a crashed renderer with backoff, and 3 crashes open a pipeline incident of the wall', async () => {
    const d = await start([]);
    const win = FakeWindow.all[0] as FakeWindow;
    const handle = d.ipcHandlers.get('wallboard:request') as (ev: unknown, name: unknown, args: unknown) => Promise<{ kind: string; title: string }[]>;
    for (let i = 1; i <= 3; i++) {
      win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      await expect.poll(() => win.urls.length, { timeout: 5_000, interval: 50 }).toBe(i + 1);
    }
    const incidents = await handle({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, 'incidents', {});
    expect(incidents.filter((i) => i.kind === 'pipeline').map((i) => i.title)).toContain('wall renderer crashed 3 times in 10 min');
    win.emit('unresponsive');
    await expect.poll(() => win.urls.length, { timeout: 5_000, interval: 50 }).toBe(5);
  }, 20_000);
});

describe('desktop app: notifications', { timeout: 40_000 }, () => {
  it('a click on an OS notification restores and focuses the window and sends it `focus` with the incident', async () => {
    const dir = dataDir();
    const port = await freePort(); // nothing listens there: the health check fails at once
    const file = join(dir, 'board.yaml');
    writeFileSync(
      file,
      `title: Notify\nsources:\n  health:\n    - { id: api, url: "http://127.0.0.1:${port}/health", interval: 1s, timeout: 1s, failAfter: 1 }\npages:\n  - { id: ops, title: Ops, panels: [{ id: h, type: health, targets: [api] }] }\n`,
    );
    const d = await start(['--config', file], { dir });
    const win = FakeWindow.all[0] as FakeWindow;
    win.close(); // to the tray
    win.minimized = true;
    await expect.poll(() => FakeNotification.shown.length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    const handle = d.ipcHandlers.get('wallboard:request') as (ev: unknown, name: unknown, args: unknown) => Promise<{ id: string; kind: string; status: string }[]>;
    const [incident] = await handle({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, 'incidents', {});
    expect(incident?.kind).toBe('health');
    const note = FakeNotification.shown[0] as FakeNotification;
    expect(win.webContents.sent.filter(([c]) => c === 'wallboard:focus')).toEqual([]);
    const before = d.calls.length;
    note.emit('click');
    expect(d.calls.slice(before)).toEqual(['win.restore', 'win.show', 'win.focus']);
    expect(win.visible).toBe(true);
    expect(win.webContents.sent.filter(([c]) => c === 'wallboard:focus')).toEqual([['wallboard:focus', { incidentId: incident?.id }]]);
    // its "Acknowledge" action acknowledges the incident in the engine
    expect(note.options.actions).toEqual([{ type: 'button', text: 'Acknowledge' }]);
    note.emit('action', {}, 0);
    await expect.poll(async () => (await handle({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, 'incidents', {})).find((i) => i.id === incident?.id), { timeout: 10_000 }).toMatchObject({ status: 'acknowledged', ack: { by: 'desktop notification' } });
  });

  it('the tray\'s Open board and a second launch bring the window forward without moving the drawer', async () => {
    const d = await start([]);
    const win = FakeWindow.all[0] as FakeWindow;
    win.close();
    d.trays[0]?.menu[0]?.click?.();
    expect(win.visible).toBe(true);
    win.close();
    d.app.emit('second-instance', {}, ['wallboard'], '/');
    expect(win.visible).toBe(true);
    expect(d.calls.filter((c) => c === 'win.focus')).toHaveLength(2);
    expect(win.webContents.sent.filter(([c]) => c === 'wallboard:focus')).toEqual([]);
  });
});

describe('desktop app: File → Open a recording', { timeout: 60_000 }, () => {
  /** A real .wbz: a demo wall polls into its own buffer, then the export code writes the recording. */
  async function recording(): Promise<string> {
    const dir = dataDir();
    const configFile = board(dir);
    const eng = createEngine({ configFile, dataDir: dir, log: () => undefined, watch: false });
    eng.start();
    await expect.poll(async () => (await eng.request('status', {})).sources.some((x) => x.lastSuccess !== undefined), { timeout: 20_000 }).toBe(true);
    await eng.stop();
    const out = join(dir, 'night-shift.wbz');
    const r = exportRecording({ dataDir: dir, boardFile: configFile, sinceMs: 3_600_000, out });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return out;
  }
  const openItem = (d: Double) => d.appMenu?.items.find((m) => m.label === 'File')?.submenu?.find((m) => m.label === OPEN_RECORDING_LABEL);
  type Handle = (ev: unknown, name: unknown, args: unknown) => Promise<unknown>;
  const ask = (d: Double, w: FakeWindow, name: string, args: unknown = {}) => (d.ipcHandlers.get('wallboard:request') as Handle)({ senderFrame: w.webContents.mainFrame, sender: w.webContents }, name, args);

  it('opens the chosen .wbz read-only in a window of its own, beside the live wall', async () => {
    const file = await recording();
    const d = await start([]);
    const live = FakeWindow.all[0] as FakeWindow;
    const item = openItem(d);
    expect(item?.accelerator).toBe('CmdOrCtrl+O');
    d.openDialogAnswer = { canceled: false, filePaths: [file] };
    // why a TMPDIR of its own: to see the recording's temp dir come and go without other tests' dirs
    const tmp = dataDir();
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      item?.click?.();
      await expect.poll(() => FakeWindow.all.length, { timeout: 10_000 }).toBe(2);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    expect(readdirSync(tmp).filter((f) => f.startsWith('wallboard-replay-'))).toHaveLength(1);
    expect(d.openDialogs[0]).toMatchObject({ properties: ['openFile'], filters: [{ name: 'Wallboard recording', extensions: ['wbz'] }] });
    const rec = FakeWindow.all[1] as FakeWindow;
    expect(rec.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(rec.urls).toEqual(['app://wallboard/index.html?rotate=0']);
    expect(rec.title).toContain('night-shift.wbz');
    // the recording window reads the recording; the live window still reads the live engine
    const recBoard = (await ask(d, rec, 'board')) as { title: string; recording?: { file: string } };
    expect(recBoard).toMatchObject({ title: 'Test wall', recording: { file: 'night-shift.wbz' } });
    expect(((await ask(d, live, 'board')) as { recording?: unknown }).recording).toBeUndefined();
    await expect(ask(d, rec, 'ack', { id: 'any' })).rejects.toThrow(READ_ONLY_REASON);
    // live events go to the live window only (the recording's engine polls nothing, so sends nothing)
    const liveBefore = live.webContents.sent.length;
    await expect.poll(() => live.webContents.sent.slice(liveBefore).some(([c]) => c === 'wallboard:status'), { timeout: 30_000 }).toBe(true);
    expect(rec.webContents.sent).toEqual([]);
    rec.close();
    expect(rec.destroyed).toBe(true);
    expect(FakeWindow.all).toEqual([live]);
    await expect.poll(() => readdirSync(tmp), { timeout: 10_000 }).toEqual([]); // the recording's temp dir went with its window
    expect(d.errorBoxes).toEqual([]);
  });

  it('refuses a corrupt or missing file with one error dialog naming it, and changes nothing; a cancelled dialog does nothing', async () => {
    const good = await recording();
    const dir = dataDir();
    const corrupt = join(dir, 'corrupt.wbz');
    const bytes = readFileSync(good);
    writeFileSync(corrupt, bytes.subarray(0, Math.floor(bytes.length / 2))); // truncated on the way over
    const flipped = join(dir, 'flipped.wbz');
    const copy = Buffer.from(bytes);
    copy[copy.length - 6] = (copy[copy.length - 6] as number) ^ 0xff; // one bad byte in the data's gzip checksum
    writeFileSync(flipped, copy);
    const foreign = join(dir, 'photo.wbz');
    writeFileSync(foreign, 'not a recording at all');
    const d = await start([]);
    const live = FakeWindow.all[0] as FakeWindow;
    const liveBoard = await ask(d, live, 'board');
    for (const [i, file] of [corrupt, flipped, foreign, join(dir, 'absent.wbz')].entries()) {
      d.openDialogAnswer = { canceled: false, filePaths: [file] };
      openItem(d)?.click?.();
      await expect.poll(() => d.errorBoxes.length, { timeout: 10_000 }).toBe(i + 1);
      const [title, body] = d.errorBoxes[i] as [string, string];
      expect(title).toBe(OPEN_ERROR_TITLE);
      expect(body.split('\n')).toHaveLength(1);
      expect(body.startsWith(`${file}: `)).toBe(true);
    }
    expect(d.errorBoxes.map(([, b]) => b.slice(dir.length + 1))).toEqual([
      'corrupt.wbz: the recording is truncated (data cut short)',
      expect.stringMatching(/^flipped\.wbz: .*corrupt/),
      'photo.wbz: not a Wallboard recording (.wbz)',
      'absent.wbz: file not found',
    ]);
    expect(FakeWindow.all).toEqual([live]);
    expect(await ask(d, live, 'board')).toEqual(liveBoard);
    expect(d.app.quitCalled).toBe(false);
    d.openDialogAnswer = { canceled: true, filePaths: [] };
    openItem(d)?.click?.();
    await expect.poll(() => d.openDialogs.length).toBe(5);
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeWindow.all).toEqual([live]);
    expect(d.errorBoxes).toHaveLength(4);
  });

  it('kiosk mode has no menu, so no File → Open', async () => {
    const d = await start(['--kiosk']);
    expect(d.appMenu).toBeNull();
  });
});

describe('desktop app: kiosk mode', { timeout: 30_000 }, () => {
  const displays = [
    { id: 7, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 9, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
  ];

  it('one frameless full-screen window per display with its pages, display kept awake, no menu, an exit chord; re-laid when a display goes', async () => {
    const dir = dataDir();
    const file = board(dir, 'kiosk: { displays: all, pages: { "1": [db] }, exitChord: "Control+Alt+Q", startAtLogin: true }\n');
    const d = await start(['--config', file], { dir, displays });
    expect(FakeWindow.all.map((w) => [w.bounds.x, w.options.frame, w.options.fullscreen, w.options.kiosk, w.urls[0]])).toEqual([
      [0, false, true, true, 'app://wallboard/index.html?kiosk=1'],
      [1920, false, true, true, 'app://wallboard/index.html?kiosk=1&pages=db'],
    ]);
    expect(d.calls).toEqual(expect.arrayContaining(['Menu.setApplicationMenu null', 'powerSaveBlocker.start prevent-display-sleep', 'globalShortcut.register Control+Alt+Q', 'app.setLoginItemSettings true']));
    expect(d.trays).toEqual([]);
    d.displays.pop();
    d.screen.emit('display-removed');
    expect(FakeWindow.all.map((w) => w.bounds.x)).toEqual([0]);
    d.shortcuts.get('Control+Alt+Q')?.();
    expect(d.app.quitCalled).toBe(true);
    d.app.emit('will-quit');
    expect(d.calls).toEqual(expect.arrayContaining(['powerSaveBlocker.stop 1', 'globalShortcut.unregisterAll']));
  });

  it('--kiosk on a board without kiosk: uses every display with the defaults, and ignores the laptop window’s remembered state', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'desktop-state.json'), JSON.stringify({ window: { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true, page: 'db' } }));
    const d = await start(['--kiosk'], { dir, displays });
    expect(FakeWindow.all.map((w) => w.options.kiosk)).toEqual([true, true]);
    expect(FakeWindow.all.map((w) => [w.bounds, w.urls])).toEqual(displays.map((x) => [x.bounds, ['app://wallboard/index.html?kiosk=1']]));
    expect(d.calls).not.toContain('win.maximize');
  });
});

describe('OS notification sink', () => {
  it('delivers silently (the renderer plays the sound), focuses on click, acknowledges from its action, and stays quiet while paused', () => {
    const d = createDouble();
    const focused: unknown[] = [];
    const acked: string[] = [];
    let paused = false;
    const sink = createOsNotificationSink({ e: d.e, focus: (t) => focused.push(t), acknowledge: (id) => acked.push(id), paused: () => paused });
    sink.deliver({ id: 'n1', at: 0, title: 'DB down', body: 'db-2', severity: 'critical', incidentIds: ['i1'], kind: 'open', brand: 'platform' });
    const [n] = FakeNotification.shown;
    expect(n?.options).toMatchObject({ title: 'DB down', body: 'db-2', silent: true, urgency: 'critical', actions: [{ type: 'button', text: 'Acknowledge' }] });
    n?.emit('click');
    n?.emit('action', {}, 0);
    expect(focused).toEqual([{ incidentId: 'i1', brand: 'platform' }]);
    expect(acked).toEqual(['i1']);
    sink.deliver({ id: 'n2', at: 0, title: 'ok again', body: '', severity: 'high', incidentIds: ['i1'], kind: 'resolved' });
    expect(FakeNotification.shown[1]?.options.actions).toBeUndefined();
    paused = true;
    sink.deliver({ id: 'n3', at: 0, title: 'x', body: '', severity: 'critical', incidentIds: ['i2'], kind: 'open' });
    expect(FakeNotification.shown).toHaveLength(2);
  });
});
