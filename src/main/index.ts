// Electron entry. Thin: the engine does the work; this file makes a secure window over it.
// The full shell (kiosk, tray, notifications, updater) is its own issue; see ARCHITECTURE.md.
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { createEngine, type Engine } from './engine/index';
import { EVENT_NAMES } from '../shared/api';
import { callEngine, parseRequest } from './request-schemas';

let engine: Engine | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 900,
    backgroundColor: '#0b0e14',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}

app.whenReady().then(() => {
  engine = createEngine({ dataDir: join(app.getPath('userData'), 'buffer') });
  engine.start();
  const running = engine;
  // why: the same validation as HTTP; the renderer is not trusted to send well-formed requests
  ipcMain.handle('wallboard:request', (_e, name: unknown, args: unknown) => {
    const parsed = parseRequest(name, args);
    if (!parsed.ok) throw new Error(parsed.error);
    return callEngine(running, parsed.request);
  });
  const win = createWindow();
  for (const event of EVENT_NAMES) {
    running.on(event, (payload) => win.webContents.send(`wallboard:${event}`, payload));
  }
});

app.on('window-all-closed', () => {
  void engine?.stop().finally(() => app.quit());
});
