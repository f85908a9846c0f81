// app://wallboard/… serves the built renderer, with the CSP as a response header (not file://, whose
// origin is shared by every local file). The scheme is registered privileged before the app is ready.
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../server/guard';
import { staticFile } from '../server/static-files';
import type { ElectronApi } from './electron-api';

export const APP_SCHEME = 'app';

/** Call before app ready. */
export function registerAppScheme(e: Pick<ElectronApi, 'protocol'>): void {
  e.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Call once the app is ready: answers app://wallboard/<path> from `rendererRoot`, nothing else. */
export function handleAppScheme(e: Pick<ElectronApi, 'protocol'>, rendererRoot: string): void {
  e.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'wallboard' || request.method !== 'GET') return new Response('not found', { status: 404 });
    const f = staticFile(rendererRoot, url.pathname);
    if (!f.ok) return new Response('not found', { status: f.status, headers: SECURITY_HEADERS });
    return new Response(await readFile(f.file), { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': f.type, 'cache-control': f.cache } });
  });
}
