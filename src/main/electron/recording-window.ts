// File → Open: a .wbz recording replayed read-only in a window of its own, the same way as
// `wallboard serve --replay FILE.wbz` (openRecording, then an engine over its temp dir that polls
// nothing and refuses every write). The live wall keeps running beside it. A file that cannot be
// opened shows one error dialog and changes nothing.
import { basename } from 'node:path';
import { ConfigError, createEngine, type Engine } from '../engine/index';
import { openRecording } from '../engine/recording/open';
import { replayEngineOptions } from '../engine/recording/replay-options';
import type { ElectronApi, Win } from './electron-api';
import type { EngineRoutes } from './ipc';
import { createWallWindow } from './wall-window';

export const OPEN_ERROR_TITLE = 'Wallboard: cannot open the recording';

export interface RecordingDeps {
  e: Pick<ElectronApi, 'BrowserWindow' | 'dialog'>;
  routes: EngineRoutes;
  preloadDir: string;
  log: (line: string) => void;
}

/** Asks for a .wbz (the open dialog, over `parent`) and opens it; nothing happens when cancelled. */
export async function chooseAndOpenRecording(d: RecordingDeps, parent: Win | undefined): Promise<Win | undefined> {
  const options = { title: 'Open a Wallboard recording', properties: ['openFile' as const], filters: [{ name: 'Wallboard recording', extensions: ['wbz'] }] };
  const chosen = parent ? await d.e.dialog.showOpenDialog(parent, options) : await d.e.dialog.showOpenDialog(options);
  const file = chosen.canceled ? undefined : chosen.filePaths[0];
  return file === undefined ? undefined : openRecordingWindow(d, file);
}

/** A read-only replay window of `file`; undefined (after one error dialog) when it cannot be opened. */
export function openRecordingWindow(d: RecordingDeps, file: string): Win | undefined {
  const opened = openRecording(file);
  if (!opened.ok) {
    d.e.dialog.showErrorBox(OPEN_ERROR_TITLE, `${file}: ${opened.reason}`);
    return undefined;
  }
  const rec = opened.recording;
  let engine: Engine;
  try {
    engine = createEngine(replayEngineOptions(rec, d.log));
  } catch (err) {
    rec.dispose();
    const lines = err instanceof ConfigError ? err.lines : [(err as Error).message];
    d.e.dialog.showErrorBox(OPEN_ERROR_TITLE, [`${file}: its board does not load:`, ...lines].join('\n'));
    return undefined;
  }
  engine.start();
  const win = createWallWindow(d.e, { kiosk: false, query: new URLSearchParams({ rotate: '0' }), preloadDir: d.preloadDir, onCrash: () => undefined, log: d.log });
  win.setTitle(`${basename(file)} — recording, read-only — Wallboard`);
  win.on('page-title-updated', (ev) => ev.preventDefault()); // why: keep the file's name, not the page's <title>
  const detach = d.routes.attach(win.webContents, engine);
  d.log(`replaying the recording ${file} (read-only, nothing is polled)`);
  // why: quitting the app may end the process before engine.stop() settles; the temp dir goes anyway
  const atExit = (): void => rec.dispose();
  process.once('exit', atExit);
  win.on('closed', () => {
    detach();
    void engine.stop().finally(() => {
      process.off('exit', atExit);
      rec.dispose();
    });
  });
  return win;
}
