// The offline buffer: better-sqlite3 behind the Store interface (store/types.ts).
import { statSync } from 'node:fs';
import type { Batch } from '../../../shared/model';
import { Head } from './head';
import { alertIntervals, HealthTable, mergeAlerts, mergeSilences, silenceIntervals } from './intervals';
import { migrate, openDatabase } from './migrate';
import { OutcomeTables } from './outcomes';
import { createRetainer, DEFAULT_RETAIN_LIMITS, type RetainLimits } from './retain';
import { clampDigits } from './precision';
import { createSealer, DEFAULT_SEAL_LIMITS, type SealLimits } from './seal';
import { SeriesTable, type PendingHead } from './series';
import type { Store } from './types';

export type { Store } from './types';

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
}

export function openStore(opts: OpenStoreOptions): Store {
  const now = opts.now ?? Date.now;
  let retentionMs = opts.retentionMs;
  const db = openDatabase(opts.file);
  migrate(db);
  const sealLimits = { ...DEFAULT_SEAL_LIMITS, ...opts.seal };
  if (opts.significantDigits !== undefined) sealLimits.significantDigits = clampDigits(opts.significantDigits);
  const head = new Head(db, sealLimits);
  const sealer = createSealer(db, head, sealLimits);
  const series = new SeriesTable(db, head, sealer.mergeLate, sealLimits);
  const outcomes = new OutcomeTables(db);
  const health = new HealthTable(db);
  const alerts = alertIntervals(db);
  const silences = silenceIntervals(db);
  const retain = createRetainer(db, head, (ids) => series.forgetIds(ids), { ...DEFAULT_RETAIN_LIMITS, ...opts.retain });
  const counts = db.prepare<[], { series: number; chunks: number; chunkSamples: number | null }>(
    `SELECT (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM chunks) AS chunks,
            (SELECT sum(count) FROM chunks) AS chunkSamples`,
  );

  const write = db.transaction((batch: Batch, added: string[]): PendingHead[] => {
    const pending = series.write(batch.samples, now() - retentionMs, added);
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

  const fileBytes = (f: string): number => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  };

  return {
    file: opts.file,
    db,
    writeBatch(batch) {
      const added: string[] = [];
      let pending: PendingHead[];
      try {
        pending = write.immediate(batch, added);
      } catch (err) {
        // why: ids handed out inside the rolled-back transaction no longer exist
        series.forgetKeys(added);
        outcomes.forget();
        throw err;
      }
      // committed: now the in-memory head may follow
      for (const p of pending) {
        const h = head.get(p.id);
        for (let i = 0; i < p.ts.length; i++) head.add(h, p.ts[i] as number, p.values[i] as number);
        head.plan(p.id, h);
      }
    },
    seriesFor: (source, query) => series.seriesFor(source, query),
    range: (id, from, to) => series.range(id, from, to),
    latest: (id, at) => series.latest(id, at),
    lastSampleAt: (source, query, at) => series.lastSampleAt(source, query, at),
    queryOutcomeAt: (source, query, at) => outcomes.queryOutcomeAt(source, query, at),
    healthAt: (at) => health.at(at),
    alertsAt: (at) => mergeAlerts(alerts.at(at)),
    silencesAt: (at) => mergeSilences(silences.at(at)),
    closeSource: (source, at) => closeSource.immediate(source, at),
    configure(settings) {
      if (settings.retentionMs !== undefined) retentionMs = settings.retentionMs;
      // why: the sealer and the series table read this one limits object, so chunks sealed and
      // head samples written from now on both follow
      if (settings.significantDigits !== undefined) sealLimits.significantDigits = clampDigits(settings.significantDigits);
    },
    sourceStatusAt: (at) => outcomes.sourceStatusAt(at),
    statusRuns: (from, to) => outcomes.statusRuns(from, to),
    retain,
    seal: (before) => sealer.seal(before),
    stats() {
      const c = counts.get();
      const headSamples = head.size();
      return {
        series: c?.series ?? 0,
        chunks: c?.chunks ?? 0,
        headSamples,
        samples: headSamples + (c?.chunkSamples ?? 0),
        bytes: fileBytes(opts.file) + fileBytes(`${opts.file}-wal`),
      };
    },
    close() {
      db.close();
    },
  };
}
