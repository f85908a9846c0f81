// What the desktop app remembers between runs, in the data dir: the last board it ran and the
// laptop window (bounds, maximized, page). Small JSON, replaced atomically (a crash mid-write leaves
// the old file), validated on read: a bad file is ignored with one log line, never a failed start.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { windowState } from './window-state';

export const STATE_FILE = 'desktop-state.json';

const desktopState = z
  .object({
    /** Absolute path of the last board file the app ran. */
    lastBoard: z.string().min(1).optional(),
    window: windowState.optional(),
  })
  .strict();

export type DesktopState = z.infer<typeof desktopState>;

/** The saved state; {} when there is none yet, or when the file is unreadable or invalid (logged). */
export function readDesktopState(dataDir: string, log: (line: string) => void): DesktopState {
  const file = join(dataDir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`${file}: ignored, cannot read it (${(err as Error).message}); starting with the default window`);
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    log(`${file}: ignored, not JSON (${(err as Error).message}); starting with the default window`);
    return {};
  }
  const parsed = desktopState.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    log(`${file}: ignored, ${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'invalid'}; starting with the default window`);
    return {};
  }
  return parsed.data;
}

/** Replaces the state file atomically (temp file + rename); a failure is logged, never thrown. */
export function writeDesktopState(dataDir: string, state: DesktopState, log: (line: string) => void): void {
  const file = join(dataDir, STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(desktopState.parse(state), null, 2)}\n`);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    // why: losing the remembered window is not worth stopping the wall for
    log(`${file}: not saved (${(err as Error).message})`);
  }
}
