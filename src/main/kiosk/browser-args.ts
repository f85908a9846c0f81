// The command line of the kiosk browser: full screen app window on the wall's URL, its own profile,
// none of the first-run, translate, crash-restore or update prompts a wall cannot answer.

export const KIOSK_FLAGS = [
  '--kiosk',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-translate',
  '--disable-features=Translate',
  '--disable-infobars',
  '--disable-session-crashed-bubble',
  '--noerrdialogs',
  '--disable-component-update',
  '--check-for-update-interval=31536000',
  // why: alert sounds play without a click on a wall nobody touches
  '--autoplay-policy=no-user-gesture-required',
  // why: no keyring prompt on a wall with no user session
  '--password-store=basic',
] as const;

/** `screen`: cover it even without a window manager; `extra` comes after ours, so a user's flag wins. */
export function browserArgs(opts: { url: string; profileDir: string; extra: readonly string[]; screen?: { width: number; height: number } }): string[] {
  const geometry = opts.screen ? ['--window-position=0,0', `--window-size=${opts.screen.width},${opts.screen.height}`] : [];
  return [...KIOSK_FLAGS, ...geometry, `--user-data-dir=${opts.profileDir}`, ...opts.extra, `--app=${opts.url}`];
}
