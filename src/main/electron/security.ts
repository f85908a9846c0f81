// The Electron checklist, applied to every session and every webContents the app ever creates:
// permissions denied except notifications; navigation, redirects, webviews and new windows refused;
// https links opened in the system browser after validation.
import { isSafeExternalUrl } from '../shell/external-url';
import type { ElectronApi } from './electron-api';

export function hardenSession(e: Pick<ElectronApi, 'session'>): void {
  const s = e.session.defaultSession;
  s.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'notifications'));
  s.setPermissionCheckHandler((_wc, permission) => permission === 'notifications');
}

export function hardenContents(e: Pick<ElectronApi, 'app' | 'shell'>, log: (line: string) => void): void {
  e.app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (ev, url) => {
      ev.preventDefault();
      log(`navigation refused: ${url.slice(0, 200)}`);
    });
    contents.on('will-redirect', (ev) => ev.preventDefault());
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void e.shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */ // why: url passed isSafeExternalUrl (https, no credentials) just above
      else log(`window refused: ${url.slice(0, 200)}`);
      return { action: 'deny' };
    });
  });
}
