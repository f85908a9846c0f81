// What the sync (sync.ts) is told when it starts, and what it knows between events.
import type { BoardView, QueryRequest, QueryResult, Snapshot, UpdateEvent } from '../../shared/api';

export interface SyncOptions {
  /** unix ms: start in replay, showing the wall as it was at this time. */
  replayAt?: number;
  /** ms of history every chart and sparkline shows. */
  windowMs?: number;
  /** The board, already requested (the page asks for it before React mounts); used once. */
  board?: Promise<BoardView>;
  /** The live snapshot that came with the page (serve inlines it); the first live load uses it instead of asking. */
  snapshot?: Snapshot;
  /** The page's first read and its answer (serve inlines them); the first full read takes it when it fits. */
  firstQuery?: { args: QueryRequest; result: QueryResult };
  /** Points per series requested (about what the widest chart can show), or a function of the panels queried. */
  maxPoints?: number | ((panelIds: readonly string[]) => number);
  /** Calls `show` at the next animation frame (default: requestAnimationFrame, at once where there is none). */
  nextFrame?: (show: () => void) => void;
}

/** What the sync knows between events. Only the transitions in startSync change it. */
export interface SyncState {
  stopped: boolean;
  /** ms: the engine's notion of "now" (this client's clock until the engine says) */
  liveAt: number;
  liveKnown: boolean;
  /** Date.now() of the last snapshot read, for the idle refresh. */
  lastSnapshotAt: number;
  /** Reads waiting for the next run: panels to read over the whole window, panels to read from their last point, the snapshot. */
  pending: { full: Set<string>; tail: Set<string>; snapshot: boolean };
  /** A run is queued or in flight; work scheduled meanwhile joins it. */
  running: boolean;
  /** The event stream was lost and has not come back yet. */
  lost: boolean;
  /** This engine's updates carry the live snapshot, so a status event needs no snapshot read. */
  updatesCarrySnapshot: boolean;
  /** Updates carrying data that arrived while a read was in flight: applied when the run ends. */
  deferred: { ev: UpdateEvent; n: number }[];
  /** Updates that have arrived (the n of the newest). */
  updatesSeen: number;
  /**
   * Per panel, the updates that had arrived when its last full read was asked: a deferred update n
   * at or below it is held already. why not times: an update's `at` is when its poll began, and a
   * backfill is written long after, so a read ending past `at` can still predate the writes.
   */
  fullSeen: Map<string, number>;
  /**
   * Panels an update backfilled since their last full read was asked: a replay frame of one is
   * marked as changing held rows (series-reads.ts); live full reads are marked anyway.
   */
  backfilledSinceRead: Set<string>;
  /** The board the page asked for before React mounted; the first load uses it, later ones ask again. */
  earlyBoard: Promise<BoardView> | undefined;
  /** The snapshot that came with the page; the first live load takes it, later ones ask. */
  earlySnapshot: Snapshot | undefined;
  /** A board arrived (updates before it wait in `deferred`). */
  boardSeen: boolean;
  timers: { idle?: ReturnType<typeof setTimeout>; boardRetry?: ReturnType<typeof setTimeout> };
}

export type Work = { full?: readonly string[]; tail?: readonly string[]; snapshot?: boolean };
