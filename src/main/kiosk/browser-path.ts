// Which Chromium-family browser `wallboard kiosk` runs: --browser when given, else the first known
// name found on PATH. Pure apart from the injected `isExecutable` check.
import { delimiter, join } from 'node:path';

/** Names tried on PATH, in order. */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge'] as const;

export type BrowserLookup = { ok: true; path: string } | { ok: false; reason: string };

export function findBrowser(opts: { explicit?: string; pathEnv: string; isExecutable: (file: string) => boolean; pathDelimiter?: string }): BrowserLookup {
  if (opts.explicit !== undefined) {
    return opts.isExecutable(opts.explicit) ? { ok: true, path: opts.explicit } : { ok: false, reason: `--browser ${opts.explicit}: not an executable file` };
  }
  const dirs = opts.pathEnv.split(opts.pathDelimiter ?? delimiter).filter(Boolean);
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (opts.isExecutable(file)) return { ok: true, path: file };
    }
  }
  return { ok: false, reason: `no Chromium or Chrome on PATH (looked for ${BROWSER_NAMES.join(', ')}): install one (e.g. apt-get install chromium) or pass --browser PATH` };
}
