// The engine's mutable state in one place, changed only through its named transitions:
// which board runs (and its version), why the last file was rejected, and whether it polls.
import type { AppUpdateStatus, ConfigErrorView } from '../../shared/api';
import type { Board } from '../../shared/config-schema';
import type { Batch } from '../../shared/model';
import { createScheduler, type Scheduler } from './scheduler';
import { createSources } from './sources/registry';
import type { Store } from './store/types';

export interface PollingDeps {
  store: Store;
  now: () => number;
  onBatch: (batch: Batch) => void;
}

export class EngineState {
  #board: Board;
  #version = 1;
  #configError: ConfigErrorView | undefined;
  /** ms between polls, by source id, of the board that polls now */
  #intervals = new Map<string, number>();
  #scheduler: Scheduler | undefined;
  #started = false;
  #updateStatus: AppUpdateStatus | undefined;

  constructor(board: Board, private readonly polling: PollingDeps) {
    this.#board = board;
  }

  get board(): Board {
    return this.#board;
  }
  get version(): number {
    return this.#version;
  }
  get configError(): ConfigErrorView | undefined {
    return this.#configError;
  }
  get intervals(): Map<string, number> {
    return this.#intervals;
  }
  get started(): boolean {
    return this.#started;
  }
  get updateStatus(): AppUpdateStatus | undefined {
    return this.#updateStatus;
  }

  /** A new board file was accepted: it runs from now, as the next version, with no config error. */
  applyBoard(board: Board): void {
    this.#board = board;
    this.#configError = undefined;
    this.#version++;
  }

  /** Applying a board failed part-way: the last good board runs again (same version). */
  restoreBoard(board: Board): void {
    this.#board = board;
  }

  /** A board file was rejected; the running board stays. */
  rejectBoard(error: ConfigErrorView): void {
    this.#configError = error;
  }

  setUpdateStatus(u: AppUpdateStatus): void {
    this.#updateStatus = u;
  }

  /** false when already started */
  markStarted(): boolean {
    if (this.#started) return false;
    this.#started = true;
    return true;
  }

  markStopped(): void {
    this.#started = false;
  }

  /** Polls every source of the current board. */
  startPolling(): void {
    const { store, now, onBatch } = this.polling;
    const sources = createSources(this.#board);
    this.#intervals = new Map(sources.map((s) => [s.id, s.intervalMs]));
    this.#scheduler = createScheduler({
      sources,
      onBatch,
      now,
      context: (source, signal) => {
        const at = now();
        return { signal, now: at, board: this.#board, lastSampleAt: (query) => store.lastSampleAt(source.id, query, at) };
      },
    });
    this.#scheduler.start();
  }

  async stopPolling(): Promise<void> {
    await this.#scheduler?.stop();
  }
}
