// Where things live on disk: the OS app-data dir for the buffer, and the bundled resources.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = 'noc-wallboard';

/** The OS convention for per-user application data (what Electron's app.getPath('userData') uses). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR);
}

/** The `resources/` dir: found upward from this module, so it works from src/ (tests) and out/ (built). */
export function resourcesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'demo.yaml'))) return join(dir, 'resources');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'resources');
}

export function demoBoardFile(): string {
  return join(resourcesDir(), 'demo.yaml');
}

/** The built renderer (`out/renderer`), found the same way; undefined before `npm run build`. */
export function rendererDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'renderer', 'index.html'))) return join(dir, 'renderer');
    dir = dirname(dir);
  }
  return undefined;
}
