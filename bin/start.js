#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is installed, otherwise (no binary, e.g. an
// offline machine) one line saying so and `wallboard serve` on the demo board, so the README's first
// command works everywhere. Never triggers the electron package's own download.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : undefined;
}

const electron = electronBinary();
const [command, commandArgs] = electron
  ? [electron, [root, ...args]]
  : [process.execPath, [join(root, 'bin', 'wallboard.js'), 'serve', ...args]];
if (!electron) process.stderr.write('wallboard: the Electron binary is not installed (`npx install-electron` needs internet); serving the demo board to a browser instead\n');
const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
