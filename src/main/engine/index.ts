// createEngine(options) → Engine: the one engine behind every face (Electron, serve, CLI).
// Plain Node: a unit test fails if anything under src/main/engine imports electron.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BoardView, StatusReport } from '../../shared/api';
import { panelQueries } from '../../shared/board-queries';
import type { Batch } from '../../shared/model';
import { toBoardView } from './board-view';
import { formatProblem, loadBoardFile } from './config/load';
import { watchFile } from './config/watch';
import { EngineEmitter } from './events';
import { startMaintenance, upkeep } from './maintenance';
import { demoBoardFile } from './paths';
import { SelfMetrics } from './self-metrics';
import { snapshotAt, sourcesAt } from './snapshot';
import { openStoreRecovering } from './store/recover';
import { UpdateCoalescer } from './update-coalescer';
import { BackfillWatch } from './backfill-watch';
import { Detection, type FlaggedAnomaly } from './detection';
import { IncidentFlow } from './incident-flow';
import { createLogSink, fanOut } from './notify/index';
import { WallCrashes } from './wall-crashes';
import { BufferWatch, RESUME_EVERY_MS } from './buffer-watch';
import { EngineState } from './state';
import { createReload } from './reload';
import { requestHandlers } from './requests';
import type { AnomalyObservation } from './alerts/index';
import { engineReads } from './reads';
import { ConfigError, type Engine, type EngineOptions } from './engine-types';

export { ActionError, READ_ONLY_REASON } from './requests';
export { ConfigError, type Engine, type EngineOptions } from './engine-types';

const CRASH_CHECK_MS = 30_000; // ms: how soon a quiet window resolves a wall crash incident

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

  const { liveUpdate, readSnapshot, readQuery } = engineReads({ store, state, detection, flow, now, recording: options.recording !== undefined });

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
