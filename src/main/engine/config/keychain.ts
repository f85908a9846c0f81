// `${keychain:NAME}` in a board: a secret from the OS keychain. Only the desktop app has one (Electron's
// safeStorage, injected as a lookup); every other face gets a clear error pointing to ${env:…}.

export type KeychainLookup = (name: string) => { ok: true; value: string } | { ok: false; reason: string };

export const KEYCHAIN_RE = /\$\{keychain:([A-Za-z0-9_.-]+)\}/g;

/** The environment variable name we suggest instead of a keychain entry. */
export function envNameFor(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** The lookup of faces without a keychain (serve, kiosk, check-config). */
export const noKeychain: KeychainLookup = (name) => ({
  ok: false,
  reason: `\${keychain:${name}} needs the desktop app's OS keychain, which this command does not use: set an environment variable and write \${env:${envNameFor(name)}} instead (or run the board in the desktop app after \`wallboard secret set ${name}\`)`,
});
