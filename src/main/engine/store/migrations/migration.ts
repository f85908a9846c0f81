// A numbered schema step. Applied in order, each in its own transaction, and recorded in
// PRAGMA user_version so reopening a file never applies one twice.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data conversion SQL cannot do, run after `sql` in the same transaction. */
  up?: (db: Database.Database) => void;
}
