// Opening a .wbz for replay: checked whole (magic, version, header, size, sha-256, schema version)
// before anything is written; then the buffer and the board go into a fresh temp dir of their own,
// so the recording never touches any other buffer. The caller removes the dir when done.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordingView } from '../../../shared/api';
import { migrations } from '../store/migrations/index';
import { unpackRecording } from './format';

export interface OpenedRecording {
  /** The extracted board file and buffer dir (createEngine's configFile and dataDir). */
  boardFile: string;
  dataDir: string;
  view: RecordingView;
  /** Removes the temp dir. */
  dispose(): void;
}

export type OpenResult = { ok: true; recording: OpenedRecording } | { ok: false; reason: string };

const NEWEST_SCHEMA = Math.max(...migrations.map((m) => m.version));

export function openRecording(file: string): OpenResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'file not found' : (err as Error).message };
  }
  const r = unpackRecording(bytes);
  if (!r.ok) return r;
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-replay-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const dbFile = join(dir, 'wallboard.db');
    writeFileSync(dbFile, r.db);
    const db = new Database(dbFile, { readonly: true });
    let schema: number;
    try {
      schema = db.pragma('user_version', { simple: true }) as number;
    } catch {
      schema = -1;
    } finally {
      db.close();
    }
    if (schema < 1) {
      dispose();
      return { ok: false, reason: 'the recording is corrupt (its data is not a Wallboard buffer)' };
    }
    if (schema > NEWEST_SCHEMA) {
      dispose();
      return { ok: false, reason: `the recording's buffer is schema ${schema}, newer than this Wallboard reads (${NEWEST_SCHEMA}): open it with a newer version` };
    }
    // why: a fixed name inside the temp dir: the header's name is shown, never used as a path
    const boardFile = join(dir, 'board.yaml');
    writeFileSync(boardFile, r.header.board.text);
    const view: RecordingView = { from: r.header.from, to: r.header.to, createdAt: r.header.createdAt, file: basename(file) };
    return { ok: true, recording: { boardFile, dataDir: dir, view, dispose } };
  } catch (err) {
    dispose();
    return { ok: false, reason: (err as Error).message };
  }
}
