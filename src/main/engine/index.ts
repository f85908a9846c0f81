// createEngine(options) → Engine: the one engine behind every face (Electron, serve, CLI).
// Plain Node: a unit test fails if anything under src/main/engine imports electron.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppUpdateStatus, BoardView, EngineApi, QueryRequest, QueryResult, RecordingView, Snapshot, StatusReport, UpdateEvent } from '../../shared/api';
import { panelQueries } from '../../shared/board-queries';
import type { Batch } from '../../shared/model';
import { toBoardView } from './board-view';
import { formatProblem, loadBoardFile } from './config/load';
import { watchFile } from './config/watch';
import { EngineEmitter } from './events';
import { startMaintenance, upkeep } from './maintenance';
import { demoBoardFile } from './paths';
import { queryPanels } from './query';
import { SelfMetrics } from './self-metrics';
import { snapshotAt, sourcesAt } from './snapshot';
import { openStoreRecovering } from './store/recover';
import type { Store } from './store/types';
import { UpdateCoalescer, type UpdateNews } from './update-coalescer';
import { BackfillWatch } from './backfill-watch';
import { anomalyPoints, Detection, type FlaggedAnomaly } from './detection';
import { enrichPanels } from './enrich';
import { IncidentFlow } from './incident-flow';
import { createLogSink, fanOut, type NotificationSink } from './notify/index';
import type { KeychainLookup } from './config/keychain';
import { WallCrashes } from './wall-crashes';
import { BufferWatch, RESUME_EVERY_MS } from './buffer-watch';
import { EngineState } from './state';
import { createReload } from './reload';
import { requestHandlers } from './requests';
import type { AnomalyObservation } from './alerts/index';

export { ActionError, READ_ONLY_REASON } from './requests';

/** ms of new samples an update carries at most; a longer span (a backfill) is left to the walls' queries */
const MAX_TAIL_MS = 10 * 60_000;
/** points per series of an update's tail: raw samples (a few per update at 15 s) */
const TAIL_MAX_POINTS = 10_000;
const CRASH_CHECK_MS = 30_000; // ms: how soon a quiet window resolves a wall crash incident

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

export function createEngine(options: EngineOptions): Engine {
  const configFile = options.configFile ?? demoBoardFile();
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const first = loadBoardFile(configFile, process.env, options.keychain);
  if (!first.ok) throw new ConfigError(first.problems.map(formatProblem));

  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (err) {
    // why not fatal: the buffer then starts in memory and says why it is not recording
    log(`data dir ${options.dataDir}: ${(err as Error).message}`);
  }
  const { store, recovered } = openStoreRecovering({ file: join(options.dataDir, 'wallboard.db'), retentionMs: first.board.retention, now, significantDigits: first.board.storage.significantDigits }, now);
  const emitter = new EngineEmitter();
  const metrics = new SelfMetrics();
  // why the data in the event: every wall would otherwise ask for the same snapshot and tails at the
  // same instant (2 snapshots and a query per wall per update); read once here, encoded once by serve
  const backfills = new BackfillWatch();
  const updates = new UpdateCoalescer((u, samplesFrom) => emitter.emit('update', liveUpdate(u, samplesFrom)));
  const state = new EngineState(first.board, { store, now, onBatch });
  let stopWatch: () => void = () => undefined;
  let stopMaintenance: () => void = () => undefined;
  const detection = new Detection(store);
  detection.setBoard(state.board, now());
  const flow = new IncidentFlow({
    store,
    board: () => state.board,
    now,
    log,
    sink: fanOut([createLogSink(log), { name: 'event', deliver: (n) => emitter.emit('notification', n) }, ...(options.sinks ?? [])]),
    onIncidents: () => updates.add({ at: now(), panels: [], health: false, alerts: false, incidents: true }),
  });

  const crashes = new WallCrashes((ref, title) => {
    try {
      flow.wallFault({ ref, ...(title !== undefined ? { title } : {}) });
    } catch (err) {
      log(`wall crash incident not recorded: ${(err as Error).message}`);
    }
  });
  let crashTimer: NodeJS.Timeout | undefined;
  let resumeTimer: NodeJS.Timeout | undefined;
  const buffer = new BufferWatch(
    store,
    (title) => {
      try {
        flow.wallFault({ ref: 'wall:buffer-recording', ...(title !== undefined ? { title } : {}) });
      } catch (err) {
        log(`buffer incident not recorded: ${(err as Error).message}`);
      }
    },
    log,
  );
  buffer.check(); // a full or read-only disk at start
  if (recovered) {
    const title = `buffer was damaged and moved aside to ${basename(recovered.movedTo)}; a fresh buffer started (${recovered.reason})`;
    log(title);
    flow.wallFault({ ref: 'wall:buffer', title });
  }

  function boardView(): BoardView {
    const view = toBoardView(state.board, state.version, state.configError);
    return options.recording ? { ...view, recording: options.recording } : view;
  }

  function status(at = now(), sources = sourcesAt(store, state.board, at, state.intervals)): StatusReport {
    const { configError, updateStatus } = state;
    return { at, ok: sources.every((s) => s.state === 'ok'), sources, ...(configError ? { configError } : {}), ...(updateStatus ? { update: updateStatus } : {}) };
  }

  /** Panels that draw something this source delivers. */
  function panelsOf(sourceId: string): string[] {
    const ids = new Set<string>();
    const board = state.board;
    for (const page of board.pages) {
      for (const panel of page.panels) {
        if (panelQueries(board, panel).some((q) => q.source === sourceId)) ids.add(panel.id);
        if (panel.targets?.includes(sourceId)) ids.add(panel.id);
      }
    }
    return [...ids];
  }

  function liveUpdate(u: UpdateNews, samplesFrom: number | undefined): UpdateEvent {
    const snapshot = readSnapshot(undefined);
    const to = snapshot.at;
    // why a bound: after an outage the backfill spans hours; walls then re-query what they show
    if (samplesFrom === undefined || u.panels.length === 0 || to - samplesFrom > MAX_TAIL_MS) return { ...u, snapshot };
    const tail = readQuery({ panels: u.panels, from: samplesFrom, to, maxPoints: TAIL_MAX_POINTS });
    return { ...u, snapshot, tail };
  }

  function readSnapshot(at: number | undefined): Snapshot {
    const snap = snapshotAt(store, state.board, at ?? now(), { live: at === undefined && !options.recording, intervals: state.intervals });
    enrichPanels(snap, state.board, store, detection);
    return { ...snap, incidents: flow.list(at) };
  }

  function readQuery(args: QueryRequest): QueryResult {
    const result = queryPanels(store, state.board, args);
    const anomalies = anomalyPoints(store, result.panels.flatMap((p) => p.series), args.from, args.to);
    return Object.keys(anomalies).length ? { ...result, anomalies } : result;
  }

  function onBatch(polled: Batch): void {
    const stored = polled.samples.reduce((n, s) => n + s.ts.length, 0);
    const { scores, changed } = detection.score(polled.samples);
    // why: scores are written in the same transaction as the samples they score
    const batch = scores.length ? { ...polled, samples: [...polled.samples, ...scores] } : polled;
    try {
      store.writeBatch(batch);
    } catch (err) {
      metrics.recordStoreError();
      log(`buffer write failed for ${batch.source}: ${(err as Error).message}`);
      throw err;
    } finally {
      buffer.check();
    }
    metrics.recordPoll(polled, stored);
    const at = now();
    const snap = snapshotAt(store, state.board, at, { live: true, intervals: state.intervals });
    try {
      flow.afterBatch(batch, snap, snap.sources, changed.map((a) => anomalyObservation(a)));
    } catch (err) {
      log(`incident update failed: ${(err as Error).message}`);
    }
    const panels = panelsOf(batch.source);
    const span = backfills.written(batch.source, polled.samples);
    updates.add(
      {
        at: batch.at,
        panels,
        health: batch.health.length > 0,
        alerts: batch.alerts !== undefined,
        incidents: false,
        ...(span.backfill ? { backfill: { ...span.backfill, panels } } : {}),
      },
      span.from,
    );
    emitter.emit('status', status(at, snap.sources));
  }

  const reload = createReload({ configFile, keychain: options.keychain, state, store, detection, flow, updates, emitter, now, log, boardView, status });
  const handlers = requestHandlers({ recording: options.recording, state, store, flow, boardView, status, readSnapshot, readQuery });

  const pruneIncidents = (before: number): void => void flow.tracker.prune(before);

  return {
    configFile,
    store,
    upkeep: (at) => upkeep(store, state.board.retention, at, pruneIncidents),
    start() {
      if (!state.markStarted()) return;
      // a recording is history only: nothing to poll, escalate, retain or reload
      if (options.recording) return;
      state.startPolling();
      flow.start();
      stopMaintenance = startMaintenance(store, () => state.board.retention, now, log, pruneIncidents);
      crashTimer = setInterval(() => crashes.check(now()), CRASH_CHECK_MS);
      crashTimer.unref();
      resumeTimer = setInterval(() => buffer.tick(), RESUME_EVERY_MS);
      resumeTimer.unref();
      if (options.watch !== false) stopWatch = watchFile(configFile, () => void reload()); // reload never rejects
    },
    async stop() {
      state.markStopped();
      stopWatch();
      stopMaintenance();
      clearInterval(crashTimer);
      clearInterval(resumeTimer);
      flow.stop();
      await state.stopPolling();
      updates.flush();
      store.close();
    },
    reload,
    ingest: (batch) => onBatch(batch),
    async request(name, args) {
      return handlers[name](args as never) as never;
    },
    on: (event, listener) => emitter.on(event, listener),
    metricsText() {
      const st = store.stats();
      const sourceUp = new Map(status().sources.map((s) => [s.sourceId, s.state !== 'down']));
      return metrics.render({ dbBytes: st.bytes, series: st.series, headSamples: st.headSamples, chunks: st.chunks, sourceUp, configOk: !state.configError, recording: buffer.recording }) + crashes.metricsText();
    },
    setUpdateStatus(u) {
      state.setUpdateStatus(u);
      emitter.emit('status', status());
    },
    wallCrashed(part) {
      log(`wall ${part} crashed`);
      crashes.crashed(part, now());
    },
    healthy() {
      if (options.recording) return true;
      const s = status().sources;
      return s.length === 0 || s.some((x) => x.state === 'ok');
    },
  };
}

function anomalyObservation(a: FlaggedAnomaly): AnomalyObservation {
  return {
    ref: a.key,
    panelId: a.panelId,
    title: a.explanation ? `Anomaly on ${a.panelId}: ${a.explanation}` : `Anomaly on ${a.panelId}`,
    score: a.score,
    flagged: a.flagged,
    ...(a.explanation ? { explanation: a.explanation } : {}),
  };
}
