// Opening the buffer when it may be damaged (a disk that lied, a copied file, a half-written
// restore): a buffer SQLite cannot open, or one that fails quick_check, is moved aside with a
// timestamp, together with its WAL and shared-memory files, and a fresh one starts. The wall is
// told (a pipeline incident) instead of crashing at every start.
import { existsSync, renameSync } from 'node:fs';
import { openStore, type OpenStoreOptions } from './index';
import type { Store } from './types';

export interface Recovered {
  /** Where the damaged buffer now lives. */
  movedTo: string;
  /** What SQLite said about it. */
  reason: string;
}

const SIDE_FILES = ['', '-wal', '-shm'];

function openChecked(opts: OpenStoreOptions): Store {
  const store = openStore(opts);
  try {
    // why: quick_check reads every page once, catching a truncated or scribbled file before a poll trips on it
    const rows = store.db.pragma('quick_check') as { quick_check: string }[];
    const verdict = rows.map((r) => r.quick_check).join('; ');
    if (verdict !== 'ok') throw new Error(`quick_check: ${verdict.slice(0, 300)}`);
    return store;
  } catch (err) {
    store.close();
    throw err;
  }
}

export function openStoreRecovering(opts: OpenStoreOptions, now: () => number): { store: Store; recovered?: Recovered } {
  try {
    return { store: openChecked(opts) };
  } catch (err) {
    if (!existsSync(opts.file)) throw err; // why: nothing to move aside; a fresh buffer failing is the real error
    const reason = (err as Error).message;
    const movedTo = `${opts.file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of SIDE_FILES) {
      if (existsSync(opts.file + suffix)) renameSync(opts.file + suffix, movedTo + suffix);
    }
    return { store: openChecked(opts), recovered: { movedTo, reason } };
  }
}
