// Renderer entry: pick the client (IPC inside the desktop app, HTTP + SSE in a browser) and mount the app.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createHttpClient } from './api/http-client';
import { createIpcClient } from './api/ipc-client';
import type { WallboardBridge } from '../shared/bridge';
import { addressWithoutToken, parseUrlOptions } from '../shared/view/url-options';
import { readBootData } from './api/boot-data';
import './styles/theme.css';
import './styles/base.css';

const options = parseUrlOptions(window.location.search);
const TOKEN_KEY = 'wallboard.token';
const bare = addressWithoutToken(window.location.href);
if (bare !== undefined) {
  // why: a token left in the address shows on screen, in history and in screenshots; the tab keeps
  // it in sessionStorage so a reload (kiosk recovery) still authenticates
  if (options.token) sessionStorage.setItem(TOKEN_KEY, options.token);
  window.history.replaceState(window.history.state, '', bare);
} else {
  const kept = sessionStorage.getItem(TOKEN_KEY);
  if (kept) options.token = kept;
}
// why: the preload defines window.wallboard only in the desktop app; there the engine is reached over IPC, never HTTP
const bridge = (window as unknown as { wallboard?: WallboardBridge }).wallboard;
// why: serve inlines the board, snapshot and first query (no token configured); else the board
// request goes out while React mounts, not after: the first paint waits on it
const boot = bridge ? undefined : readBootData(document);
// why lastEventId: events sent after serve read the inlined data are sent again, none is lost
const client = bridge ? createIpcClient(bridge) : createHttpClient({ ...(options.token ? { token: options.token } : {}), ...(boot?.eventId !== undefined ? { lastEventId: String(boot.eventId) } : {}) });
const board = boot ? Promise.resolve(boot.board) : client.request('board', {});
board.catch(() => undefined); // why: a failure is handled (and retried) by the sync that awaits it
const root = document.getElementById('root');
// why not kiosk: a wall's display has its own pages from the board; only the laptop window remembers one
if (root) createRoot(root).render(<App client={client} options={options} board={board} {...(boot ? { bootSnapshot: boot.snapshot } : {})} {...(boot?.query ? { bootQuery: boot.query } : {})} rememberPage={bridge !== undefined && !options.kiosk} />);
