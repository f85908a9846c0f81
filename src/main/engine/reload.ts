// Hot reload: apply the board file again, or show why not while the last good board keeps running.
import type { BoardView, StatusReport } from '../../shared/api';
import type { Board } from '../../shared/config-schema';
import { sourcesThat } from '../../shared/board-queries';
import { emptyBatch, type Batch } from '../../shared/model';
import type { KeychainLookup } from './config/keychain';
import { formatProblem, loadBoardFile } from './config/load';
import { summarize } from './config/summary';
import type { Detection } from './detection';
import type { EngineEmitter } from './events';
import type { IncidentFlow } from './incident-flow';
import { snapshotAt } from './snapshot';
import type { EngineState } from './state';
import type { Store } from './store/types';
import type { UpdateCoalescer } from './update-coalescer';

export interface ReloadDeps {
  configFile: string;
  keychain: KeychainLookup | undefined;
  state: EngineState;
  store: Store;
  detection: Detection;
  flow: IncidentFlow;
  updates: UpdateCoalescer;
  emitter: EngineEmitter;
  now: () => number;
  log: (line: string) => void;
  boardView: () => BoardView;
  status: () => StatusReport;
}

/** The board's sources that report alerts, by id. */
function alertSources(board: Board): Map<string, Batch['kind']> {
  return new Map(sourcesThat(board, (k) => k.alerts).map((s) => [s.id, s.kind]));
}

/** reload(): applies the board file now; false when it was rejected. Never rejects: whatever goes wrong while applying a board file is shown, and the last good board keeps running. */
export function createReload(d: ReloadDeps): () => Promise<boolean> {
  const { configFile, state, store, flow, now, log, emitter } = d;

  /**
   * Alert sources gone from the board: what they showed stops now (else their last alerts would
   * stay on the wall for ever), and incidents follow as if each had reported an empty list.
   */
  function retireAlertSources(before: Map<string, Batch['kind']>, after: Map<string, Batch['kind']>): void {
    for (const [id, kind] of before) {
      if (after.has(id)) continue;
      const at = now();
      store.closeSource(id, at);
      const snap = snapshotAt(store, state.board, at, { live: true, intervals: state.intervals });
      flow.afterBatch({ ...emptyBatch(id, kind, at), alerts: [] }, snap, snap.sources, []);
      d.updates.add({ at, panels: [], health: false, alerts: true, incidents: false });
      log(`source ${id} left the board: its alerts and silences are no longer shown`);
    }
  }

  function rejectBoard(errors: string[]): false {
    state.rejectBoard({ file: configFile, errors, at: now() });
    log(`board file rejected, keeping the last good board:\n${errors.join('\n')}`);
    emitter.emit('config', d.boardView());
    emitter.emit('status', d.status());
    return false;
  }

  async function applyBoardFile(): Promise<boolean> {
    const next = loadBoardFile(configFile, process.env, d.keychain);
    if (!next.ok) return rejectBoard(next.problems.map(formatProblem));
    await state.stopPolling();
    const before = alertSources(state.board);
    state.applyBoard(next.board);
    const board = state.board;
    d.detection.setBoard(board, now());
    retireAlertSources(before, alertSources(board));
    store.configure({ retentionMs: board.retention, significantDigits: board.storage.significantDigits });
    if (state.started) state.startPolling();
    log(`board reloaded: ${summarize(board)}`);
    emitter.emit('config', d.boardView());
    emitter.emit('status', d.status());
    return true;
  }

  return async function reload(): Promise<boolean> {
    const previous = state.board;
    try {
      return await applyBoardFile();
    } catch (err) {
      state.restoreBoard(previous);
      if (state.started) {
        await state.stopPolling();
        state.startPolling(); // why: the failure may have come after polling stopped; the last good board polls on
      }
      return rejectBoard([`${configFile}:1:1: board not applied: ${(err as Error).message}`]);
    }
  };
}
