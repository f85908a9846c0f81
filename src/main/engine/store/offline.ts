// When the disk refuses the buffer (full, read-only, the data dir deleted), the buffer moves into
// memory: a copy of the SQLite file as it stood, written on from there, so the wall keeps showing
// live data and history. When the disk takes writes again, the copy is written back as the file and
// recording resumes with nothing lost in between (unless the process stops while offline).
import { accessSync, closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Why the buffer is not recording to its file. */
export interface DiskFailure {
  what: 'full' | 'read-only' | 'deleted' | 'I/O error';
  reason: string;
}
export type NotRecording = DiskFailure & { ok: false; since: number };
export type RecordingState = { ok: true } | NotRecording;

/** bytes of room the disk must have beyond the buffer itself before recording resumes: less would
 *  fill up again within minutes and the wall would flap between recording and not */
export const RESUME_HEADROOM_BYTES = 256 * 1024;

/** The disk-side failures that move the buffer into memory; anything else is a bug and is thrown. */
export function diskFailure(err: unknown, file: string): DiskFailure | undefined {
  const code = String((err as { code?: unknown }).code ?? '');
  const message = (err as Error).message;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { what: 'full', reason: `disk full (${message})` };
  if (code === 'SQLITE_READONLY_DBMOVED') return { what: 'deleted', reason: `buffer file deleted (${message})` };
  const readOnly = { what: 'read-only' as const, reason: `data dir ${dirname(file)} read-only (${message})` };
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') return readOnly;
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'EIO') {
    // why: SQLite says "disk I/O error" or "unable to open" for a read-only file system too
    try {
      accessSync(dirname(file), constants.W_OK);
    } catch (e) {
      const c = (e as { code?: string }).code;
      if (c === 'EROFS' || c === 'EACCES') return readOnly;
    }
    return { what: 'I/O error', reason: `disk error (${message})` };
  }
  return undefined;
}

/** A memory database to start from when the file cannot be opened for writing: a copy of the file
 *  when it can be read (so its history is kept and written back later), else an empty buffer. */
export function memoryStart(file: string, migrate: (db: Database.Database) => unknown): Database.Database {
  if (existsSync(file)) {
    const ro = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return copyIntoMemory(ro);
    } finally {
      ro.close();
    }
  }
  const mem = new Database(':memory:');
  mem.pragma('foreign_keys = ON');
  migrate(mem);
  return mem;
}

/** The buffer file went away under the open connection (SQLite would go on writing to the unlinked file). */
export function fileGone(file: string): boolean {
  return !existsSync(file);
}

/** An in-memory database holding what `db` holds. */
export function copyIntoMemory(db: Database.Database): Database.Database {
  const image = db.serialize();
  // why: the header's read/write versions say WAL (2); a memory database has no WAL and will not
  // open one that says so, so mark it a rollback-journal database (1)
  image[18] = 1;
  image[19] = 1;
  const mem = new Database(image);
  mem.pragma('foreign_keys = ON');
  return mem;
}

/**
 * Writes the in-memory buffer back as `file` (via a temporary file and a rename, so a crash half-way
 * leaves the old file) when the disk has room for it and some headroom. Throws when it cannot; the
 * caller stays in memory and tries again later.
 */
export function writeBack(mem: Database.Database, file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true }); // the data dir was deleted: make it again
  const image = mem.serialize();
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  if (free < image.length + RESUME_HEADROOM_BYTES) {
    throw Object.assign(new Error(`${free} bytes free, the buffer needs ${image.length} + ${RESUME_HEADROOM_BYTES} headroom`), { code: 'ENOSPC' });
  }
  const tmp = `${file}.resume-${process.pid}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, image);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // why before the rename: a WAL left from the old file would be replayed into the new one
    for (const side of ['-wal', '-shm']) rmSync(file + side, { force: true });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
