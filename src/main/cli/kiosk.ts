// `wallboard kiosk`: where Electron cannot run. The engine and `serve` on loopback with a fresh random
// token, and the system Chromium/Chrome full screen on the wall, supervised: relaunched when it dies.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { browserArgs } from '../kiosk/browser-args';
import { findBrowser } from '../kiosk/browser-path';
import { xScreenSize } from '../kiosk/screen-size';
import { createSupervisor, type Supervisor } from '../kiosk/supervisor';
import { log, startServing, untilSignal } from './serve';

export interface KioskArgs {
  config?: string;
  port: number;
  dataDir?: string;
  browser?: string;
  browserArg: string[];
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function kioskCommand(args: KioskArgs): Promise<number> {
  const browser = findBrowser({ ...(args.browser !== undefined ? { explicit: args.browser } : {}), pathEnv: process.env.PATH ?? '', isExecutable });
  if (!browser.ok) {
    process.stderr.write(`wallboard kiosk: ${browser.reason}\n`);
    return 1;
  }
  // why: a fresh token per run: nothing else on this machine can read the API, the browser gets it in its URL
  const token = randomBytes(24).toString('base64url');
  // why: /metrics is served before the browser starts; it reads whichever supervisor exists by then
  const face: { supervisor?: Supervisor } = {};
  const serving = await startServing(
    { port: args.port, host: '127.0.0.1', token, ...(args.config !== undefined ? { config: args.config } : {}), ...(args.dataDir !== undefined ? { dataDir: args.dataDir } : {}) },
    () => face.supervisor?.metricsText() ?? '',
  );
  if (typeof serving === 'number') return serving;
  const profileDir = join(serving.dataDir, 'kiosk-browser');
  mkdirSync(profileDir, { recursive: true });
  const url = `${serving.server.url}/?kiosk=1&token=${encodeURIComponent(token)}`;
  const screen = xScreenSize();
  const supervisor = createSupervisor({
    command: browser.path,
    args: browserArgs({ url, profileDir, extra: args.browserArg, ...(screen ? { screen } : {}) }),
    log,
    onCrash: () => serving.engine.wallCrashed('kiosk-browser'),
  });
  log(`wallboard kiosk: ${serving.engine.configFile} at ${serving.server.url} (API token is fresh for this run; buffer: ${serving.dataDir}); browser ${browser.path}`);
  face.supervisor = supervisor;
  supervisor.start();
  await untilSignal();
  log('stopping');
  await supervisor.stop();
  await serving.close();
  return 0;
}
