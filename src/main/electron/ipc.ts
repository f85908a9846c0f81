// The IPC wiring: one request channel, whose requests each go to the engine of the window that sent
// them (the live engine, or a recording's opened with File → Open), and each engine's events sent
// to its own windows only. Who may ask and what is decided in src/main/shell/ipc-requests.ts.
import { EVENT_NAMES, type EngineApi } from '../../shared/api';
import { eventChannel, REQUEST_CHANNEL } from '../../shared/bridge';
import { createRequestHandler } from '../shell/ipc-requests';
import type { Contents, ElectronApi } from './electron-api';

type Handler = ReturnType<typeof createRequestHandler>;

export interface EngineRoutes {
  /** The window of `contents` talks to `engine` from now on (and gets only its events); returns the undo. */
  attach(contents: Contents, engine: EngineApi): () => void;
}

export function startIpc(e: Pick<ElectronApi, 'ipcMain' | 'BrowserWindow'>, live: EngineApi): EngineRoutes {
  const liveHandler = createRequestHandler(live);
  const attached = new Map<Contents, Handler>();
  e.ipcMain.handle(REQUEST_CHANNEL, (event, name: unknown, args: unknown) => {
    const frame = event.senderFrame;
    const ours = frame !== null && e.BrowserWindow.fromWebContents(event.sender) !== null && frame === event.sender.mainFrame;
    const handler = attached.get(event.sender) ?? liveHandler;
    return handler({ frameUrl: frame?.url, trustedFrame: ours }, name, args);
  });
  const forward = (engine: EngineApi, to: () => Contents[]): (() => void) => {
    const offs = EVENT_NAMES.map((name) =>
      engine.on(name, (payload) => {
        for (const c of to()) if (!c.isDestroyed()) c.send(eventChannel(name), payload);
      }),
    );
    return () => offs.forEach((off) => off());
  };
  forward(live, () =>
    e.BrowserWindow.getAllWindows()
      .filter((w) => !w.isDestroyed() && !attached.has(w.webContents))
      .map((w) => w.webContents),
  );
  return {
    attach(contents, engine) {
      attached.set(contents, createRequestHandler(engine));
      const off = forward(engine, () => [contents]);
      return () => {
        off();
        attached.delete(contents);
      };
    },
  };
}
