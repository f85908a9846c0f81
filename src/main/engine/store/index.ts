// The offline buffer: better-sqlite3 behind the Store interface (store/types.ts).
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Batch } from '../../../shared/model';
import { Head, type PendingHead } from './head';
import { alertIntervals, HealthTable, mergeAlerts, mergeSilences, silenceIntervals } from './intervals';
import { migrate, openDatabase } from './migrate';
import { OutcomeTables } from './outcomes';
import { copyIntoMemory, diskFailure, fileGone, memoryStart, RESUME_HEADROOM_BYTES, writeBack, type DiskFailure, type RecordingState } from './offline';
import { createRetainer, DEFAULT_RETAIN_LIMITS, type RetainLimits } from './retain';
import { clampDigits } from './precision';
import { createSealer, DEFAULT_SEAL_LIMITS, type SealLimits } from './seal';
import { SeriesTable } from './series';
import type { Store } from './types';

export type { Store } from './types';
export type { RecordingState } from './offline';

export interface OpenStoreOptions {
  file: string;
  /** ms of history kept; samples older than now − retention are not written. */
  retentionMs: number;
  /** unix ms; injected for tests and the bench. */
  now?: () => number;
  seal?: Partial<SealLimits>;
  /** Significant digits kept when sealing (3..17; 17 = lossless). Applies to chunks sealed from now
   *  on; chunks already written keep theirs. Default DEFAULT_SIGNIFICANT_DIGITS (precision.ts). */
  significantDigits?: number;
  retain?: Partial<RetainLimits>;
  /** bytes the file may grow to (SQLite's max_page_count); past it the buffer is full, as on a full
   *  disk. Unbounded when absent. */
  maxBytes?: number;
}

/** Everything built on one database handle; rebuilt when the buffer moves into memory and back. */
function buildParts(db: Database.Database, sealLimits: SealLimits, retainLimits: RetainLimits, retentionMs: () => number, now: () => number) {
  const head = new Head(db, sealLimits);
  const sealer = createSealer(db, head, sealLimits);
  const series = new SeriesTable(db, head, sealer.mergeLate, sealLimits);
  const outcomes = new OutcomeTables(db);
  const health = new HealthTable(db);
  const alerts = alertIntervals(db);
  const silences = silenceIntervals(db);
  const retain = createRetainer(db, head, (ids) => series.forgetIds(ids), retainLimits);
  const counts = db.prepare<[], { series: number; chunks: number; chunkSamples: number | null }>(
    `SELECT (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM chunks) AS chunks,
            (SELECT sum(count) FROM chunks) AS chunkSamples`,
  );
  const write = db.transaction((batch: Batch, added: string[]): PendingHead => {
    const pending = series.write(batch.source, batch.samples, now() - retentionMs(), added);
    outcomes.write(batch);
    health.write(batch.health);
    if (batch.alerts !== undefined) alerts.write(batch.source, batch.at, batch.alerts);
    if (batch.silences !== undefined) silences.write(batch.source, batch.at, batch.silences);
    return pending;
  });
  const closeSource = db.transaction((source: string, at: number): void => {
    alerts.write(source, at, []);
    silences.write(source, at, []);
  });
  return { db, head, sealer, series, outcomes, health, alerts, silences, retain, counts, write, closeSource };
}

export function openStore(opts: OpenStoreOptions): Store {
  const now = opts.now ?? Date.now;
  let retentionMs = opts.retentionMs;
  let maxBytes = opts.maxBytes;
  const sealLimits = { ...DEFAULT_SEAL_LIMITS, ...opts.seal };
  if (opts.significantDigits !== undefined) sealLimits.significantDigits = clampDigits(opts.significantDigits);
  const retainLimits = { ...DEFAULT_RETAIN_LIMITS, ...opts.retain };

  /** The file's handle with its pragmas, migrations and size cap. */
  function openFile(): Database.Database {
    const db = openDatabase(opts.file);
    try {
      migrate(db);
      capSize(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return db;
  }
  function capSize(db: Database.Database): void {
    if (maxBytes === undefined || db.memory) return;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
  }

  let state: RecordingState = { ok: true };
  let first: Database.Database;
  try {
    first = openFile();
  } catch (err) {
    // a read-only or full disk at start: the wall starts from memory instead of not at all
    const failure = diskFailure(err, opts.file);
    if (!failure) throw err;
    first = memoryStart(opts.file, migrate);
    state = { ...failure, ok: false, since: now() };
  }
  let p = buildParts(first, sealLimits, retainLimits, () => retentionMs, now);

  /** The disk refused a write: go on in memory from a copy of what the file holds. */
  function goOffline(failure: DiskFailure): void {
    const mem = copyIntoMemory(p.db);
    const old = p.db;
    p = buildParts(mem, sealLimits, retainLimits, () => retentionMs, now);
    state = { ...failure, ok: false, since: now() };
    try {
      old.close();
    } catch {
      // why: closing checkpoints the WAL, which a full or read-only disk may refuse; the copy is safe
    }
  }

  /** Runs a write; a disk failure moves the buffer into memory and runs it there. */
  function guarded<T>(run: () => T): T {
    if (state.ok && fileGone(opts.file)) goOffline({ what: 'deleted', reason: `buffer file ${opts.file} deleted` });
    try {
      return run();
    } catch (err) {
      const failure = state.ok ? diskFailure(err, opts.file) : undefined;
      if (!failure) throw err;
      goOffline(failure);
      return run();
    }
  }

  const memoryBytes = (db: Database.Database): number => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  const fileBytes = (f: string): number => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  };

  return {
    file: opts.file,
    get db() {
      return p.db;
    },
    writeBatch(batch) {
      guarded(() => {
        const { series, outcomes, head } = p;
        const added: string[] = [];
        let pending: PendingHead;
        try {
          pending = p.write.immediate(batch, added);
        } catch (err) {
          // why: ids handed out inside the rolled-back transaction no longer exist
          series.forgetKeys(added);
          outcomes.forget();
          throw err;
        }
        // committed: now the in-memory head may follow
        head.apply(pending);
      });
    },
    seriesFor: (source, query) => p.series.seriesFor(source, query),
    range: (id, from, to) => p.series.range(id, from, to),
    latest: (id, at) => p.series.latest(id, at),
    lastSampleAt: (source, query, at) => p.series.lastSampleAt(source, query, at),
    queryOutcomeAt: (source, query, at) => p.outcomes.queryOutcomeAt(source, query, at),
    healthAt: (at) => p.health.at(at),
    alertsAt: (at) => mergeAlerts(p.alerts.at(at)),
    silencesAt: (at) => mergeSilences(p.silences.at(at)),
    closeSource: (source, at) => guarded(() => p.closeSource.immediate(source, at)),
    configure(settings) {
      if (settings.retentionMs !== undefined) retentionMs = settings.retentionMs;
      // why: the sealer and the series table read this one limits object, so chunks sealed and
      // head samples written from now on both follow
      if (settings.significantDigits !== undefined) sealLimits.significantDigits = clampDigits(settings.significantDigits);
      if (settings.maxBytes !== undefined) {
        maxBytes = settings.maxBytes;
        capSize(p.db);
      }
    },
    sourceStatusAt: (at) => p.outcomes.sourceStatusAt(at),
    statusRuns: (from, to) => p.outcomes.statusRuns(from, to),
    retain: (before) => guarded(() => p.retain(before)),
    seal: (before) => guarded(() => p.sealer.seal(before)),
    recording: () => state,
    resume() {
      if (state.ok) return true;
      const mem = p.db;
      let db: Database.Database | undefined;
      try {
        writeBack(mem, opts.file);
        db = openFile();
        if (maxBytes !== undefined) {
          const pages = db.pragma('page_count', { simple: true }) as number;
          const pageSize = db.pragma('page_size', { simple: true }) as number;
          if ((pages * pageSize) + RESUME_HEADROOM_BYTES > maxBytes) throw new Error(`the buffer (${pages * pageSize} bytes) leaves too little room under its cap of ${maxBytes} bytes`);
        }
        p = buildParts(db, sealLimits, retainLimits, () => retentionMs, now);
      } catch {
        db?.close();
        return false;
      }
      mem.close();
      state = { ok: true };
      return true;
    },
    stats() {
      const c = p.counts.get();
      const headSamples = p.head.size();
      return {
        series: c?.series ?? 0,
        chunks: c?.chunks ?? 0,
        headSamples,
        samples: headSamples + (c?.chunkSamples ?? 0),
        bytes: p.db.memory ? memoryBytes(p.db) : fileBytes(opts.file) + fileBytes(`${opts.file}-wal`),
      };
    },
    close() {
      // why: a buffer kept in memory is lost at close unless the disk takes it back now
      if (!state.ok) this.resume();
      p.db.close();
    },
  };
}
