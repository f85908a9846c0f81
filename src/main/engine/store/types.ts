// What the rest of the engine may ask of the buffer. Implemented by store/index.ts (better-sqlite3).
import type Database from 'better-sqlite3';
import type { RecordingState } from './offline';
import type { StatusRun } from './outcomes';
import type {
  AlertRecord,
  Batch,
  HealthResult,
  Labels,
  SilenceRecord,
  SourceStatus,
} from '../../../shared/model';

export interface StoredSeries {
  id: number;
  key: string;
  source: string;
  query: string;
  labels: Labels;
}

export interface RangeResult {
  series: StoredSeries;
  /** unix ms, ascending */
  ts: Float64Array | number[];
  values: Float64Array | number[];
}

export interface QueryOutcomeAt {
  ok: boolean;
  reason?: string;
  at: number;
}

export interface Store {
  readonly file: string;
  /** One transaction: samples, query outcomes, health, alert intervals, source status. All or nothing. */
  writeBatch(batch: Batch): void;
  /** Every series ever seen for source+query (within retention). */
  seriesFor(source: string, query: string): readonly StoredSeries[];
  /** Raw samples of one series in [from, to] (unix ms), ascending. */
  range(seriesId: number, from: number, to: number): RangeResult;
  /** Newest sample at or before `at` (unix ms) of one series. */
  latest(seriesId: number, at: number): { t: number; v: number } | undefined;
  /** Newest sample time at or before `at` (unix ms) of any series of a query, for backfill. */
  lastSampleAt(source: string, query: string, at: number): number | undefined;
  /** Outcome of the newest poll of a query at or before `at`. */
  queryOutcomeAt(source: string, query: string, at: number): QueryOutcomeAt | undefined;
  /** The newest health result per target at or before `at`. */
  healthAt(at: number): HealthResult[];
  /** Alerts active at `at` per source (from stored alert state intervals). */
  alertsAt(at: number): AlertRecord[];
  silencesAt(at: number): SilenceRecord[];
  /** A source left the board: the alerts and silences it showed stop being shown at `at`. */
  closeSource(source: string, at: number): void;
  /** A reloaded board's storage settings; they apply to what is written from now on. */
  configure(settings: { retentionMs?: number; significantDigits?: number; maxBytes?: number }): void;
  /** Whether writes reach the file. When the disk refuses them (full, read-only, the file deleted)
   *  the buffer goes on in memory, so reads stay live, until resume() writes it back. */
  recording(): RecordingState;
  /** Tries to write the in-memory buffer back to its file and record there again; true when recording. */
  resume(): boolean;
  /** Source status as of `at`: last attempt, last success, reason. State/dataAge are computed by the caller. */
  sourceStatusAt(at: number): Omit<SourceStatus, 'state' | 'intervalMs' | 'dataAgeMs'>[];
  /** Runs of equal source poll outcomes overlapping [from, to] (unix ms), by source then time. */
  statusRuns(from: number, to: number): StatusRun[];
  /** Delete chunks and rows wholly older than `before` (unix ms). Bounded work per call. */
  retain(before: number): { deletedChunks: number; more: boolean };
  /** Seal head samples older than `before` into compressed chunks. */
  seal(before: number): number;
  stats(): { series: number; samples: number; chunks: number; headSamples: number; bytes: number };
  /** The handle, for engine modules that own tables of their own (alerts/ keeps incidents);
   *  their tables come from numbered files in store/migrations like everything else. It changes
   *  when the buffer moves into memory and back (see recording()): do not keep it. */
  readonly db: Database.Database;
  close(): void;
}
