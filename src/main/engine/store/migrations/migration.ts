// A numbered schema step. Applied in order, each in its own transaction, and recorded in
// PRAGMA user_version so reopening a file never applies one twice.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
