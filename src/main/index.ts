// Electron entry: only starts the desktop shell (src/main/electron); nothing else happens here.
import * as electron from 'electron';
import { join } from 'node:path';
import { resourcesDir, rendererDir } from './engine/paths';
import { startDesktopApp } from './electron/main';

startDesktopApp(electron, {
  argv: process.argv.slice(1),
  rendererRoot: rendererDir() ?? join(import.meta.dirname, '../renderer'),
  preloadDir: join(import.meta.dirname, '../preload'),
  resources: resourcesDir(),
  loadUpdater: async () => (await import('electron-updater')).autoUpdater,
});
