// The main side of the IPC request channel, without Electron: who may ask (the app's own page in one
// of the app's own windows) and what (a request of the table, with args valid under the same zod
// schemas as HTTP). The Electron adapter registers it with ipcMain.handle; the IPC e2e test puts
// the same handler behind its test bridge.
import type { EngineApi } from '../../shared/api';
import { callEngine, parseRequest } from '../request-schemas';

export const APP_ORIGIN = 'app://wallboard';

export interface SenderInfo {
  /** URL of the frame that sent the request (event.senderFrame.url) */
  frameUrl: string | undefined;
  /** The frame is the main frame of a window this app created (not an iframe, not a foreign webContents). */
  trustedFrame: boolean;
}

/** The app's own page: app://wallboard/… and nothing else (no http:, no file:, no other host). */
export function isAppUrl(url: string | undefined, origin: string = APP_ORIGIN): boolean {
  if (!url) return false;
  try {
    // why protocol + host: a non-special scheme's URL.origin is "null" in Node
    const u = new URL(url);
    const o = new URL(origin);
    return u.protocol === o.protocol && u.host === o.host && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export function createRequestHandler(engine: EngineApi, isApp: (url: string | undefined) => boolean = isAppUrl): (sender: SenderInfo, name: unknown, args: unknown) => Promise<unknown> {
  return async (sender, name, args) => {
    if (!sender.trustedFrame || !isApp(sender.frameUrl)) {
      throw new Error(`refused: a request from ${sender.frameUrl ?? 'an unknown frame'}, not the app's own page`);
    }
    const parsed = parseRequest(name, args);
    if (!parsed.ok) throw new Error(parsed.error);
    return callEngine(engine, parsed.request);
  };
}
