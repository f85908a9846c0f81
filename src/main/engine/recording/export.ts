// `wallboard export`: the buffer window plus the board (secrets stripped) into one .wbz file.
// The live buffer is only read (VACUUM INTO a temp copy, which SQLite allows on a read-only
// connection, so a running wall is not disturbed); the copy is trimmed to the window, compacted
// and gzipped. The output is written to a temp name and renamed, so a failed export leaves nothing.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parseBoardText, formatProblem } from '../config/load';
import { FORMAT_VERSION, packRecording, sha256 } from './format';
import { redactBoardText } from './redact';

export interface ExportOptions {
  dataDir: string;
  boardFile: string;
  /** ms of history to keep, ending at the buffer's newest poll */
  sinceMs: number;
  out: string;
  /** unix ms: the end when the buffer has no poll at all */
  now?: () => number;
  /** One line of progress (stderr). */
  progress?: (line: string) => void;
  app?: string;
}

export type ExportResult = { ok: true; bytes: number; dbBytes: number; from: number; to: number } | { ok: false; reason: string };

const MB = 1024 * 1024;
const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;

/** Rows wholly before `from` (unix ms) go; what was open across it stays. */
const TRIM = [
  'DELETE FROM chunks WHERE t_max < @from',
  'DELETE FROM head_log WHERE t_max < @from',
  'DELETE FROM health WHERE at < @from',
  'DELETE FROM query_outcomes WHERE last_at < @from',
  'DELETE FROM source_status WHERE last_at < @from',
  'DELETE FROM alert_intervals WHERE end_at IS NOT NULL AND end_at < @from',
  'DELETE FROM silence_intervals WHERE end_at IS NOT NULL AND end_at < @from',
];

/** unix ms of the oldest thing the buffer holds. */
const OLDEST = `SELECT min(t) AS t FROM (SELECT min(t_min) AS t FROM chunks UNION ALL SELECT min(t_min) FROM head_log UNION ALL SELECT min(at) FROM source_status)`;

export function exportRecording(o: ExportOptions): ExportResult {
  const progress = o.progress ?? (() => undefined);
  const src = join(o.dataDir, 'wallboard.db');
  if (!existsSync(src)) return { ok: false, reason: `no buffer in ${o.dataDir} (wallboard.db not found): pass the --data-dir the wall runs with` };
  let boardText: string;
  try {
    boardText = redactBoardText(readFileSync(o.boardFile, 'utf8'));
  } catch (err) {
    return { ok: false, reason: `cannot read the board ${o.boardFile}: ${(err as Error).message}` };
  }
  // why: the recording must open on a machine without this one's secrets
  const check = parseBoardText(boardText, basename(o.boardFile), {});
  if (!check.ok) return { ok: false, reason: `the board without its secrets does not load: ${check.problems.map(formatProblem).join('; ')}` };

  const tmpDb = `${o.out}.${process.pid}.tmp.db`;
  const tmpOut = `${o.out}.${process.pid}.tmp`;
  try {
    progress(`export: copying the buffer (${mb(fileSize(src))})…`);
    let to: number;
    let oldest: number;
    const live = new Database(src, { readonly: true, fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      live.prepare('VACUUM INTO ?').run(tmpDb);
      // why: the window ends where the buffer does, so a buffer from a wall stopped last week still exports its last day
      const newest = live.prepare<[], { t: number | null }>('SELECT max(last_at) AS t FROM source_status').get()?.t;
      to = newest ?? (o.now ?? Date.now)();
      oldest = live.prepare<[], { t: number | null }>(OLDEST).get()?.t ?? to;
    } finally {
      live.close();
    }
    // why: a wall that ran for an hour makes a one-hour recording, not 23 h of "no data"
    const from = Math.max(to - o.sinceMs, Math.min(oldest, to));
    progress(`export: keeping ${new Date(from).toISOString()} – ${new Date(to).toISOString()}…`);
    const copy = new Database(tmpDb);
    try {
      copy.transaction(() => {
        for (const sql of TRIM) copy.prepare(sql).run({ from });
      })();
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    const db = readFileSync(tmpDb);
    progress(`export: compressing ${mb(db.length)}…`);
    const gz = gzipSync(db, { level: 6 });
    const file = packRecording(
      { format: FORMAT_VERSION, createdAt: (o.now ?? Date.now)(), from, to, board: { name: basename(o.boardFile), text: boardText }, db: { bytes: db.length, sha256: sha256(db) }, app: o.app ?? 'wallboard' },
      gz,
    );
    writeFileSync(tmpOut, file);
    renameSync(tmpOut, o.out);
    progress(`export: wrote ${o.out} (${mb(file.length)})`);
    return { ok: true, bytes: file.length, dbBytes: db.length, from, to };
  } catch (err) {
    rmSync(tmpOut, { force: true });
    return { ok: false, reason: (err as Error).message };
  } finally {
    rmSync(tmpDb, { force: true });
  }
}

function fileSize(f: string): number {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
}
