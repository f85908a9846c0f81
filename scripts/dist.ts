// npm run dist: build, rebuild the native module (better-sqlite3) for Electron's ABI, package with
// electron-builder, then ALWAYS rebuild it for Node again, so npm test keeps running on the Node ABI.
// Needs the Electron binary and electron-builder's downloads (internet, or their caches).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2); // e.g. --linux AppImage, --win, --mac
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const step = (what: string, cmd: string, a: string[]): number => {
  process.stdout.write(`dist: ${what}\n`);
  return spawnSync(cmd, a, { stdio: 'inherit' }).status ?? 1;
};

let status = step('build', npx, ['electron-vite', 'build']);
if (status === 0) status = step('better-sqlite3 for Electron', npx, ['electron-builder', 'install-app-deps']);
if (status === 0) status = step('package', npx, ['electron-builder', '--publish', 'never', ...args]);
const restored = step('better-sqlite3 back for Node (npm test)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3']);
process.exitCode = status || restored;
