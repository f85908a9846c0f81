// Electron entry. Thin: the engine does the work; this file makes a secure window over it.
// The full shell (kiosk, tray, notifications, updater) is its own issue; see ARCHITECTURE.md.
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { createEngine, type Engine } from './engine/index';
import { REQUEST_NAMES } from '../shared/api';

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
  ipcMain.handle('wallboard:request', (_e, name: unknown, args: unknown) => {
    if (typeof name !== 'string' || !(REQUEST_NAMES as readonly string[]).includes(name)) throw new Error('unknown request');
    return engine?.request(name as never, (args ?? {}) as never);
  });
  const win = createWindow();
  for (const event of ['update', 'status', 'config', 'notification'] as const) {
    engine.on(event, (payload) => win.webContents.send(`wallboard:${event}`, payload));
  }
});

app.on('window-all-closed', () => {
  void engine?.stop().finally(() => app.quit());
});
