// What createEngine (index.ts) is given and what it returns: the Engine every face drives.
import type { AppUpdateStatus, EngineApi, RecordingView } from '../../shared/api';
import type { Batch } from '../../shared/model';
import type { KeychainLookup } from './config/keychain';
import type { NotificationSink } from './notify/index';
import type { Store } from './store/types';

export interface EngineOptions {
  /** Board file; the built-in demo board when absent. */
  configFile?: string;
  dataDir: string;
  /** Re-read the board file when it changes (default true). */
  watch?: boolean;
  now?: () => number;
  log?: (line: string) => void;
  /** Where notifications go besides the `notification` event (OS notifications in Electron). */
  sinks?: NotificationSink[];
  /** Replay a recording (`serve --replay`): read-only, nothing is polled, every write is refused. */
  recording?: RecordingView;
  /** Resolves `${keychain:NAME}` (the desktop app's safeStorage); other faces get a clear error. */
  keychain?: KeychainLookup;
}

export interface Engine extends EngineApi {
  readonly configFile: string;
  readonly store: Store;
  start(): void;
  stop(): Promise<void>;
  /** Applies the board file now (hot reload calls this); false when it was rejected. */
  reload(): Promise<boolean>;
  metricsText(): string;
  /** Feeds a batch through the path a poll takes (store, detection, incidents, update and status
   *  events), for runs in simulated time (the soak bench) that cannot wait for the scheduler. */
  ingest(batch: Batch): void;
  /** One round of buffer upkeep at `at` (seal, retention, resolved incidents past the window), in
   *  one go, for runs in simulated time; a started engine does this by itself every minute. */
  upkeep(at: number): void;
  /**
   * The face saw part of the wall crash ("renderer": Electron's render process gone or hung;
   * "kiosk-browser"): counted in /metrics, and 3 within 10 min open a pipeline incident of the wall
   * ("wall renderer crashed 3 times in 10 min"), resolved after 10 min without one.
   */
  wallCrashed(part: string): void;
  /** The desktop app's update state, shown in status (`/api/status` and the status request). */
  setUpdateStatus(u: AppUpdateStatus): void;
  /** For /healthz: the engine runs and at least one source delivered recently (or none is configured). */
  healthy(): boolean;
}

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
