// Exactly the parts of Electron the shell uses. The adapter takes them as a parameter, so tsc checks
// every call against electron@45's types and the adapter test drives it with a recording double.
import type * as Electron from 'electron';

export type ElectronApi = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'dialog'
  | 'globalShortcut'
  | 'ipcMain'
  | 'Menu'
  | 'nativeImage'
  | 'Notification'
  | 'powerSaveBlocker'
  | 'protocol'
  | 'safeStorage'
  | 'screen'
  | 'session'
  | 'shell'
  | 'Tray'
>;

export type Win = Electron.BrowserWindow;
export type Contents = Electron.WebContents;
