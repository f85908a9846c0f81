// ${keychain:NAME}: secrets encrypted with safeStorage (the OS keychain's key) in the data dir.
// Only the main process reads them; they never reach the renderer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeychainLookup } from '../engine/config/keychain';
import type { ElectronApi } from './electron-api';

const FILE = 'secrets.json';

function readAll(dataDir: string): Record<string, string> {
  try {
    const v = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function keychainLookup(e: Pick<ElectronApi, 'safeStorage'>, dataDir: string): KeychainLookup {
  return (name) => {
    if (!e.safeStorage.isEncryptionAvailable()) return { ok: false, reason: `\${keychain:${name}}: the OS keychain is not available to this session; use \${env:…} instead` };
    const stored = readAll(dataDir)[name];
    if (stored === undefined) return { ok: false, reason: `no secret "${name}" in the keychain: store it with \`wallboard secret set ${name}\` (value on stdin)` };
    try {
      return { ok: true, value: e.safeStorage.decryptString(Buffer.from(stored, 'base64')) };
    } catch (err) {
      return { ok: false, reason: `secret "${name}" cannot be decrypted (${(err as Error).message}); store it again with \`wallboard secret set ${name}\`` };
    }
  };
}

export function storeSecret(e: Pick<ElectronApi, 'safeStorage'>, dataDir: string, name: string, value: string): void {
  if (!e.safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available to this session');
  const all = readAll(dataDir);
  all[name] = e.safeStorage.encryptString(value).toString('base64');
  writeFileSync(join(dataDir, FILE), JSON.stringify(all, null, 2), { mode: 0o600 });
}
