// The desktop app's command line: which board, which mode, or a `secret set NAME` errand.
// Pure: argv in, a decision out (unknown flags are Chromium's or Electron's, and are ignored).

export type AppCommand =
  | { kind: 'run'; config?: string; kiosk: boolean }
  | { kind: 'secret-set'; name: string }
  | { kind: 'error'; message: string };

const SECRET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export function parseAppArgs(argv: readonly string[]): AppCommand {
  const args = [...argv];
  const secret = args.indexOf('secret');
  if (secret >= 0 && args[secret + 1] === 'set') {
    const name = args[secret + 2];
    if (name === undefined || !SECRET_NAME.test(name)) return { kind: 'error', message: 'usage: wallboard secret set NAME (letters, digits, . _ -), the value on stdin' };
    return { kind: 'secret-set', name };
  }
  let config: string | undefined;
  let kiosk = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--kiosk') kiosk = true;
    else if (a === '--config' || a === '-c') {
      const v = args[++i];
      if (v === undefined || v.startsWith('-')) return { kind: 'error', message: `${a} needs a board file` };
      config = v;
    } else if (a.startsWith('--config=')) config = a.slice('--config='.length);
  }
  return { kind: 'run', kiosk, ...(config !== undefined ? { config } : {}) };
}

/** Which board to run: --config, else the last one this app ran (if it still exists), else the demo. */
export function chooseBoard(opts: { config?: string; last?: string; exists: (file: string) => boolean }): string | undefined {
  if (opts.config !== undefined) return opts.config;
  if (opts.last !== undefined && opts.exists(opts.last)) return opts.last;
  return undefined;
}
