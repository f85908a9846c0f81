// createEngine(options) → Engine: the one engine behind every face (Electron, serve, CLI).
// Plain Node: a unit test fails if anything under src/main/engine imports electron.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppUpdateStatus, BoardView, ConfigErrorView, EngineApi, EngineRequests, QueryRequest, QueryResult, RecordingView, RequestName, Snapshot, StatusReport, UpdateEvent } from '../../shared/api';
import { type Board, panelQueries, sourcesThat } from '../../shared/config-schema';
import { emptyBatch, type Batch, type Incident } from '../../shared/model';
import { toBoardView } from './board-view';
import { formatProblem, loadBoardFile } from './config/load';
import { summarize } from './config/summary';
import { watchFile } from './config/watch';
import { EngineEmitter } from './events';
import { startMaintenance } from './maintenance';
import { demoBoardFile } from './paths';
import { queryPanels } from './query';
import { createScheduler, type Scheduler } from './scheduler';
import { SelfMetrics } from './self-metrics';
import { snapshotAt, sourcesAt } from './snapshot';
import { timelineOf } from './timeline';
import { createSources } from './sources/registry';
import { openStoreRecovering } from './store/recover';
import type { Store } from './store/types';
import { UpdateCoalescer, type UpdateNews } from './update-coalescer';
import { anomalyPoints, Detection, type FlaggedAnomaly } from './detection';
import { enrichPanels } from './enrich';
import { IncidentFlow } from './incident-flow';
import { createLogSink, fanOut, type NotificationSink } from './notify/index';
import type { KeychainLookup } from './config/keychain';
import { WallCrashes } from './wall-crashes';

/** ms of new samples an update carries at most; a longer span (a backfill) is left to the walls' queries */
const MAX_TAIL_MS = 10 * 60_000;
/** points per series of an update's tail: raw samples (a few per update at 15 s) */
const TAIL_MAX_POINTS = 10_000;
const CRASH_CHECK_MS = 30_000; // ms: how soon a quiet window resolves a wall crash incident
import type { ActionResult, AnomalyObservation } from './alerts/index';

/** The board's sources that report alerts, by id. */
function alertSources(board: Board): Map<string, Batch['kind']> {
  return new Map(sourcesThat(board, (k) => k.alerts).map((s) => [s.id, s.kind]));
}

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

/** A rejected action; `status` maps to HTTP (400 bad request, 404 unknown incident, 502 upstream failed). */
export class ActionError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Why a recording refuses an action. */
export const READ_ONLY_REASON = 'this wall replays a recording: it is read-only, so nothing was changed (act on the live wall instead)';

function refuse(): never {
  throw new ActionError(409, READ_ONLY_REASON);
}

function unwrap(r: ActionResult): Incident {
  if (!r.ok) throw new ActionError(r.status, r.reason);
  return r.incident;
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

  let board: Board = first.board;
  let version = 1;
  let configError: ConfigErrorView | undefined;
  mkdirSync(options.dataDir, { recursive: true });
  const { store, recovered } = openStoreRecovering({ file: join(options.dataDir, 'wallboard.db'), retentionMs: board.retention, now, significantDigits: board.storage.significantDigits }, now);
  const emitter = new EngineEmitter();
  const metrics = new SelfMetrics();
  // why the data in the event: every wall would otherwise ask for the same snapshot and tails at the
  // same instant (2 snapshots and a query per wall per update); read once here, encoded once by serve
  const updates = new UpdateCoalescer((u, samplesFrom) => emitter.emit('update', liveUpdate(u, samplesFrom)));
  let scheduler: Scheduler | undefined;
  let intervals = new Map<string, number>();
  let stopWatch: () => void = () => undefined;
  let stopMaintenance: () => void = () => undefined;
  let started = false;
  const detection = new Detection(store);
  detection.setBoard(board, now());
  const flow = new IncidentFlow({
    store,
    board: () => board,
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
  let updateStatus: AppUpdateStatus | undefined;
  if (recovered) {
    const title = `buffer was damaged and moved aside to ${basename(recovered.movedTo)}; a fresh buffer started (${recovered.reason})`;
    log(title);
    flow.wallFault({ ref: 'wall:buffer', title });
  }

  function boardView(): BoardView {
    const view = toBoardView(board, version, configError);
    return options.recording ? { ...view, recording: options.recording } : view;
  }

  function status(at = now(), sources = sourcesAt(store, board, at, intervals)): StatusReport {
    return { at, ok: sources.every((s) => s.state === 'ok'), sources, ...(configError ? { configError } : {}), ...(updateStatus ? { update: updateStatus } : {}) };
  }

  /** Panels that draw something this source delivers. */
  function panelsOf(sourceId: string): string[] {
    const ids = new Set<string>();
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
    const snap = snapshotAt(store, board, at ?? now(), { live: at === undefined && !options.recording, intervals });
    enrichPanels(snap, board, store, detection);
    return { ...snap, incidents: flow.list(at) };
  }

  function readQuery(args: QueryRequest): QueryResult {
    const result = queryPanels(store, board, args);
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
    }
    metrics.recordPoll(polled, stored);
    const at = now();
    const snap = snapshotAt(store, board, at, { live: true, intervals });
    try {
      flow.afterBatch(batch, snap, snap.sources, changed.map((a) => anomalyObservation(a)));
    } catch (err) {
      log(`incident update failed: ${(err as Error).message}`);
    }
    let samplesFrom = Infinity;
    for (const s of polled.samples) for (const t of s.ts) if (t < samplesFrom) samplesFrom = t;
    updates.add(
      {
        at: batch.at,
        panels: panelsOf(batch.source),
        health: batch.health.length > 0,
        alerts: batch.alerts !== undefined,
        incidents: false,
      },
      samplesFrom === Infinity ? undefined : samplesFrom,
    );
    emitter.emit('status', status(at, snap.sources));
  }

  function startPolling(): void {
    const sources = createSources(board);
    intervals = new Map(sources.map((s) => [s.id, s.intervalMs]));
    scheduler = createScheduler({
      sources,
      onBatch,
      now,
      context: (source, signal) => ({
        signal,
        now: now(),
        board,
        lastSampleAt: (query) => store.lastSampleAt(source.id, query),
      }),
    });
    scheduler.start();
  }

  /**
   * Alert sources gone from the board: what they showed stops now (else their last alerts would
   * stay on the wall for ever), and incidents follow as if each had reported an empty list.
   */
  function retireAlertSources(before: Map<string, Batch['kind']>, after: Map<string, Batch['kind']>): void {
    for (const [id, kind] of before) {
      if (after.has(id)) continue;
      const at = now();
      store.closeSource(id, at);
      const snap = snapshotAt(store, board, at, { live: true, intervals });
      flow.afterBatch({ ...emptyBatch(id, kind, at), alerts: [] }, snap, snap.sources, []);
      updates.add({ at, panels: [], health: false, alerts: true, incidents: false });
      log(`source ${id} left the board: its alerts and silences are no longer shown`);
    }
  }

  /** Never rejects: whatever goes wrong while applying a board file is shown, and the last good board keeps running. */
  async function reload(): Promise<boolean> {
    const previous = board;
    try {
      return await applyBoardFile();
    } catch (err) {
      board = previous;
      if (started) {
        await scheduler?.stop();
        startPolling(); // why: the failure may have come after polling stopped; the last good board polls on
      }
      return rejectBoard([`${configFile}:1:1: board not applied: ${(err as Error).message}`]);
    }
  }

  function rejectBoard(errors: string[]): false {
    configError = { file: configFile, errors, at: now() };
    log(`board file rejected, keeping the last good board:\n${errors.join('\n')}`);
    emitter.emit('config', boardView());
    emitter.emit('status', status());
    return false;
  }

  async function applyBoardFile(): Promise<boolean> {
    const next = loadBoardFile(configFile, process.env, options.keychain);
    if (!next.ok) return rejectBoard(next.problems.map(formatProblem));
    await scheduler?.stop();
    const before = alertSources(board);
    board = next.board;
    configError = undefined;
    version++;
    detection.setBoard(board, now());
    retireAlertSources(before, alertSources(board));
    store.configure({ retentionMs: board.retention, significantDigits: board.storage.significantDigits });
    if (started) startPolling();
    log(`board reloaded: ${summarize(board)}`);
    emitter.emit('config', boardView());
    emitter.emit('status', status());
    return true;
  }

  const handlers: { [K in RequestName]: (args: EngineRequests[K]['args']) => EngineRequests[K]['result'] | Promise<EngineRequests[K]['result']> } = {
    board: () => boardView(),
    query: (args) => readQuery(args),
    snapshot: (args) => readSnapshot(args.at),
    status: () => status(),
    incidents: (args) => flow.list(args.at, args.includeResolved ?? false),
    timeline: (args) => {
      const configured = boardView().sources;
      const every = new Map([...configured.map((s) => [s.id, s.intervalMs] as const), ...intervals]);
      return timelineOf(store, flow.list(args.to, true), args.from, args.to, every, configured.map((s) => s.id));
    },
    ack: (args) => (options.recording ? refuse() : unwrap(flow.tracker.ack(args.id, args.note, args.by))),
    snooze: (args) => (options.recording ? refuse() : unwrap(flow.tracker.snooze(args.id, args.until))),
    silence: async (args) => (options.recording ? refuse() : unwrap(await flow.tracker.silence(args.id, args.duration, args.comment))),
    unsilence: async (args) => (options.recording ? refuse() : unwrap(await flow.tracker.unsilence(args.id))),
  };

  return {
    configFile,
    store,
    start() {
      if (started) return;
      started = true;
      // a recording is history only: nothing to poll, escalate, retain or reload
      if (options.recording) return;
      startPolling();
      flow.start();
      stopMaintenance = startMaintenance(store, () => board.retention, now, log);
      crashTimer = setInterval(() => crashes.check(now()), CRASH_CHECK_MS);
      crashTimer.unref();
      if (options.watch !== false) stopWatch = watchFile(configFile, () => void reload()); // reload never rejects
    },
    async stop() {
      started = false;
      stopWatch();
      stopMaintenance();
      clearInterval(crashTimer);
      flow.stop();
      await scheduler?.stop();
      updates.flush();
      store.close();
    },
    reload,
    async request(name, args) {
      return handlers[name](args as never) as never;
    },
    on: (event, listener) => emitter.on(event, listener),
    metricsText() {
      const st = store.stats();
      const sourceUp = new Map(status().sources.map((s) => [s.sourceId, s.state !== 'down']));
      return metrics.render({ dbBytes: st.bytes, series: st.series, headSamples: st.headSamples, chunks: st.chunks, sourceUp, configOk: !configError }) + crashes.metricsText();
    },
    setUpdateStatus(u) {
      updateStatus = u;
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
