// The desktop app's lifecycle: arguments, single instance, the engine over the same data dir as
// `serve`, IPC, kiosk or laptop windows, tray and menu (File → Open a recording), OS notifications,
// updates. Thin: decisions live in src/main/shell, the work in the engine; this file wires Electron
// to them.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import type { FocusTarget } from '../../shared/api';
import { eventChannel } from '../../shared/bridge';
import { kioskSettings } from '../../shared/desktop-schema';
import { loadBoardFile } from '../engine/config/load';
import { ConfigError, createEngine, type Engine } from '../engine/index';
import { defaultDataDir } from '../engine/paths';
import { chooseBoard, parseAppArgs } from '../shell/app-args';
import { readDesktopState, writeDesktopState } from '../shell/desktop-state';
import { pageFromUrl, restoreBounds } from '../shell/window-state';
import { appMenuTemplate } from './app-menu';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import type { ElectronApi, Win } from './electron-api';
import { startKiosk } from './kiosk-mode';
import { startIpc } from './ipc';
import { createOsNotificationSink } from './notification-sink';
import { chooseAndOpenRecording } from './recording-window';
import { keychainLookup, storeSecret } from './secrets';
import { hardenContents, hardenSession } from './security';
import { createTray, type WallTray } from './tray';
import { startUpdater } from './updater';
import { createWallWindow } from './wall-window';

export interface DesktopOptions {
  argv: readonly string[];
  rendererRoot: string;
  preloadDir: string;
  resources: string;
  dataDir?: string;
  log?: (line: string) => void;
  readStdin?: () => Promise<string>;
  /** electron-updater's autoUpdater, loaded only when the board configures updates. */
  loadUpdater?: () => Promise<AppUpdater>;
}

export function startDesktopApp(e: ElectronApi, o: DesktopOptions): void {
  const log = o.log ?? ((line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`));
  const dataDir = o.dataDir ?? defaultDataDir();
  registerAppScheme(e);
  const cmd = parseAppArgs(o.argv);
  if (cmd.kind === 'error') {
    process.stderr.write(`wallboard: ${cmd.message}\n`);
    e.app.exit(2);
    return;
  }
  if (cmd.kind === 'secret-set') {
    void e.app.whenReady().then(async () => {
      try {
        const value = (await (o.readStdin ?? readAllStdin)()).replace(/\r?\n$/, '');
        if (!value) throw new Error('no value on stdin');
        mkdirSync(dataDir, { recursive: true });
        storeSecret(e, dataDir, cmd.name, value);
        process.stdout.write(`stored ${cmd.name} in the OS keychain; use \${keychain:${cmd.name}} in a board\n`);
        e.app.exit(0);
      } catch (err) {
        process.stderr.write(`wallboard secret set: ${(err as Error).message}\n`);
        e.app.exit(1);
      }
    });
    return;
  }
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit();
    return;
  }
  hardenContents(e, log);
  void e.app.whenReady().then(() => ready(cmd.kiosk, cmd.config));

  function fail(title: string, lines: string[]): void {
    // why: a readable error window, never an uncaught exception; every file:line:col on its own line
    e.dialog.showErrorBox(title, lines.join('\n'));
    e.app.quit();
  }

  function ready(kioskFlag: boolean, config: string | undefined): void {
    hardenSession(e);
    handleAppScheme(e, o.rendererRoot);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (err) {
      fail('Wallboard: the data directory is unusable', [`${dataDir}: ${(err as Error).message}`, 'Free or fix that directory and start again.']);
      return;
    }
    const state = readDesktopState(dataDir, log);
    const configFile = chooseBoard({ ...(config !== undefined ? { config: resolve(config) } : {}), ...(state.lastBoard ? { last: state.lastBoard } : {}), exists: existsSync });
    const keychain = keychainLookup(e, dataDir);
    let tray: WallTray | undefined;
    let main: Win | undefined;
    let quitting = false;
    const showMain = (): Win | undefined => {
      if (!main || main.isDestroyed()) return undefined;
      if (main.isMinimized()) main.restore();
      main.show();
      main.focus();
      return main;
    };
    // a notification click: the window comes forward and its renderer opens the drawer on the incident
    const focusOn = (t: FocusTarget): void => showMain()?.webContents.send(eventChannel('focus'), t);
    let engine: Engine;
    try {
      engine = createEngine({
        ...(configFile ? { configFile } : {}),
        dataDir,
        log,
        keychain,
        sinks: [
          createOsNotificationSink({
            e,
            focus: focusOn,
            acknowledge: (id) => void engine.request('ack', { id, by: 'desktop notification' }).catch((err: unknown) => log(`acknowledge failed: ${(err as Error).message}`)),
            paused: () => (tray?.pausedUntil() ?? 0) > Date.now(),
          }),
        ],
      });
    } catch (err) {
      if (err instanceof ConfigError) fail('Wallboard: the board file has errors', err.lines);
      else fail('Wallboard cannot start', [(err as Error).message]);
      return;
    }
    if (configFile) writeDesktopState(dataDir, { ...state, lastBoard: configFile }, log);
    const loaded = loadBoardFile(engine.configFile, process.env, keychain);
    const board = loaded.ok ? loaded.board : undefined;
    engine.start();

    const routes = startIpc(e, engine);
    const onCrash = (): void => engine.wallCrashed('renderer');
    const kiosk = kioskFlag || board?.kiosk?.enabled === true;
    let stopKiosk = (): void => undefined;
    if (kiosk) {
      const settings = board?.kiosk ?? kioskSettings.parse({});
      const k = startKiosk({
        e,
        settings,
        log,
        open: (plan) => {
          const query = new URLSearchParams({ kiosk: '1' });
          if (plan.pages) query.set('pages', plan.pages.join(','));
          return createWallWindow(e, { kiosk: true, bounds: plan.bounds, query, preloadDir: o.preloadDir, onCrash, log });
        },
      });
      stopKiosk = k.stop;
      main = k.windows.values().next().value?.win;
    } else {
      const saved = state.window;
      const primary = e.screen.getPrimaryDisplay().id;
      const bounds = restoreBounds(saved, e.screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === primary })));
      const query = new URLSearchParams({ rotate: '0' });
      if (saved?.page) query.set('page', saved.page);
      const win = createWallWindow(e, { kiosk: false, ...(bounds ? { bounds } : {}), query, preloadDir: o.preloadDir, onCrash, log });
      main = win;
      if (saved?.maximized) win.maximize();
      win.on('close', (ev) => {
        // why the address: the renderer keeps its page there (?page=, usePageInAddress)
        const page = pageFromUrl(win.webContents.getURL()) ?? saved?.page;
        writeDesktopState(dataDir, { ...readDesktopState(dataDir, log), window: { bounds: win.getNormalBounds(), maximized: win.isMaximized(), ...(page ? { page } : {}) } }, log);
        if (quitting) return;
        // why: closing the window keeps the app (and its notifications) running in the tray
        ev.preventDefault();
        win.hide();
      });
      const recordings = { e, routes, preloadDir: o.preloadDir, log };
      const openRecording = (): void => void chooseAndOpenRecording(recordings, win).catch((err: unknown) => log(`File → Open failed: ${(err as Error).message}`));
      e.Menu.setApplicationMenu(e.Menu.buildFromTemplate(appMenuTemplate({ openRecording })));
      const t = createTray({ e, resources: o.resources, openBoard: showMain, quit: () => e.app.quit() });
      tray = t;
      const refresh = (): void => void engine.request('incidents', {}).then((list) => t.show(list), () => undefined);
      engine.on('update', (u) => {
        if (u.incidents) refresh();
      });
      refresh();
    }
    let stopUpdater = (): void => undefined;
    if (board?.updates && o.loadUpdater) {
      const settings = board.updates;
      o.loadUpdater().then(
        (updater) => {
          stopUpdater = startUpdater({ updater, settings, kiosk, timezone: board.timezone, incidents: () => engine.request('incidents', {}), report: (u) => engine.setUpdateStatus(u), log }).stop;
        },
        (err: unknown) => log(`updates off: ${(err as Error).message}`),
      );
    }
    e.app.on('second-instance', () => void showMain());
    e.app.on('before-quit', () => {
      quitting = true;
    });
    e.app.on('window-all-closed', () => e.app.quit());
    e.app.on('will-quit', () => {
      stopKiosk();
      stopUpdater();
      void engine.stop();
    });
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
