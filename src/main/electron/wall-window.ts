// One board window (kiosk or laptop), secure by construction, that heals itself: when its renderer
// is gone or hangs it reloads after the restart backoff, and the engine counts the crash (3 in
// 10 min open a pipeline incident of the wall).
import { join } from 'node:path';
import { DEFAULT_BACKOFF, nextStreak, restartDelay } from '../shell/restart-backoff';
import type { ElectronApi, Win } from './electron-api';

export interface WallWindowOptions {
  kiosk: boolean;
  bounds?: { x?: number; y?: number; width: number; height: number };
  /** Query of the page URL (e.g. rotate=0, page=ops, pages=a,b). */
  query: URLSearchParams;
  preloadDir: string;
  onCrash: (why: string) => void;
  log: (line: string) => void;
}

export function wallUrl(query: URLSearchParams): string {
  const q = query.toString();
  return `app://wallboard/index.html${q ? `?${q}` : ''}`;
}

export function createWallWindow(e: Pick<ElectronApi, 'BrowserWindow'>, o: WallWindowOptions): Win {
  const win = new e.BrowserWindow({
    ...(o.bounds ?? { width: 1600, height: 900 }),
    backgroundColor: '#0b0e14',
    show: false,
    ...(o.kiosk ? { frame: false, fullscreen: true, kiosk: true, autoHideMenuBar: true, skipTaskbar: true } : {}),
    webPreferences: {
      preload: join(o.preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (o.kiosk) win.setMenuBarVisibility(false);
  win.once('ready-to-show', () => win.show());
  const url = wallUrl(o.query);
  let streak = 0;
  let loadedAt = Date.now();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const heal = (why: string): void => {
    if (pending || win.isDestroyed()) return;
    streak = nextStreak(streak, Date.now() - loadedAt, DEFAULT_BACKOFF);
    const delay = restartDelay(streak, DEFAULT_BACKOFF);
    o.log(`wall window ${why}; reload #${streak} in ${delay} ms`);
    o.onCrash(why);
    pending = setTimeout(() => {
      pending = undefined;
      if (win.isDestroyed()) return;
      loadedAt = Date.now();
      void win.loadURL(url);
    }, delay);
  };
  win.webContents.on('render-process-gone', (_ev, details) => heal(`renderer gone (${details.reason})`));
  win.on('unresponsive', () => heal('renderer unresponsive'));
  win.on('closed', () => clearTimeout(pending));
  void win.loadURL(url);
  return win;
}
