// Opening a store file: pragmas, then every migration the file has not seen yet.
import Database from 'better-sqlite3';
import { migrations as all, type Migration } from './migrations';

export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  // why: auto_vacuum only takes effect before the first table exists, so it goes first
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // why: each poll touches the head pages of every series; the 2 MiB default cache re-reads them
  db.pragma('cache_size = -32768'); // KiB
  db.pragma('temp_store = MEMORY');
  return db;
}

/** Applies pending migrations in version order, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = all): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]?.version === m.version) throw new Error(`two migrations have version ${m.version}`);
  });
  const applied: number[] = [];
  for (const m of sorted) {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.up?.(db);
      // why: a pragma cannot take a bound parameter; the version is an integer we control
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
