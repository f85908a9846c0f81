// `wallboard secret set NAME`: stores a secret in the OS keychain for ${keychain:NAME}. Only Electron's
// safeStorage reaches the keychain, so this runs the desktop app's binary with the value on its stdin
// (never on a command line); without that binary it says what to do instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNameFor } from '../engine/config/keychain';

/** The Electron binary of node_modules/electron, when it was downloaded. */
export function electronBinary(root: string): string | undefined {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
}

export async function secretSetCommand(name: string): Promise<number> {
  const root = projectRoot();
  const bin = electronBinary(root);
  if (!bin) {
    process.stderr.write(
      `wallboard secret set: the OS keychain is reached through the desktop app, and its Electron binary is not installed (npx install-electron). Without it, put the secret in an environment variable and write \${env:${envNameFor(name)}} in the board.\n`,
    );
    return 1;
  }
  const child = spawn(bin, [root, 'secret', 'set', name], { stdio: ['inherit', 'inherit', 'inherit'] });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
