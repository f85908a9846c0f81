// Keeps the store in step with the engine: initial load, live updates (tail queries + a new
// snapshot), resync after a lost connection, replay at the store's replay time T (moved by the
// replay bar; each move re-reads what is on screen as of T, moves arriving meanwhile coalesce, and
// a frame read is shown at the next animation frame, a newer one read by then replacing it).
//
// Read top to bottom: the sync's state (one object, sync-state.ts), its transitions (each event or
// store change maps to one), the reads they schedule (one run at a time), then the wiring. How a
// live update (deferred while a read is in flight, backfills) is applied is sync-updates.ts; how a
// panel's series is read and merged, series-reads.ts; when a replay frame is shown, replay-frames.ts.
import type { BoardView, Snapshot, StatusReport } from '../../shared/api';
import type { ConnectionState, WallboardClient } from '../api/client';
import { seriesPanelIds, visiblePanels } from '../../shared/view/visible';
import { DEFAULT_WINDOW_MS } from '../../shared/view/url-options';
import { watchCriticals } from './watch-criticals';
import { seriesReads } from './series-reads';
import { markReplayFrame } from '../replay/frame-mark';
import { replayFrames } from './replay-frames';
import type { useWallboard } from './index';
import type { SyncOptions, SyncState, Work } from './sync-state';
import type { LivePatch } from './types';
import { animationFrame } from './animation-frame';
import { syncUpdates } from './sync-updates';

type Store = typeof useWallboard;

/**
 * ms without an update after which the snapshot is re-read anyway, so data ages keep growing and a
 * panel turns stale on time even when a dead upstream makes the engine quiet: one and a half times
 * the fastest source's interval (within 2-15 s before that). why not the interval itself: updates
 * come once per interval, so a late one (a slow poll, a busy wall) raced the refresh, and on a hub
 * every wall then asked for the snapshot the update was about to bring.
 */
function idleRefreshMs(intervals: number[]): number {
  return 1.5 * Math.min(15_000, Math.max(2_000, ...(intervals.length ? [Math.min(...intervals)] : [15_000])));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function startSync(client: WallboardClient, store: Store, opts: SyncOptions = {}): () => void {
  const windowMs = opts.windowMs ?? DEFAULT_WINDOW_MS;
  const pointsOpt = opts.maxPoints ?? 1_000;
  const maxPoints = (ids: readonly string[]): number => (typeof pointsOpt === 'function' ? pointsOpt(ids) : pointsOpt);
  const nextFrame = opts.nextFrame ?? animationFrame;

  const st: SyncState = {
    stopped: false,
    liveAt: Date.now(),
    liveKnown: false,
    lastSnapshotAt: 0,
    pending: { full: new Set(), tail: new Set(), snapshot: false },
    running: false,
    lost: false,
    // why: serve inlines the snapshot since it sends it in every update too (the same build), so
    // a status event before the first update needs no snapshot read either
    updatesCarrySnapshot: opts.snapshot !== undefined,
    deferred: [],
    updatesSeen: 0,
    fullSeen: new Map(),
    backfilledSinceRead: new Set(),
    earlyBoard: opts.board,
    earlySnapshot: opts.snapshot,
    boardSeen: false,
    timers: {},
  };

  // What the store says: the replay time (undefined when live), where reads end, what is on screen.
  const replayAt = (): number | undefined => store.getState().replayAt ?? undefined;
  const serverAt = (): number => replayAt() ?? st.liveAt;
  const frames = replayFrames(nextFrame, () => !st.stopped && replayAt() !== undefined, markReplayFrame);
  const reads = seriesReads(client, store, {
    windowMs,
    maxPoints,
    serverAt,
    fullRead: (ids, seen) => ids.forEach((id) => st.fullSeen.set(id, seen)),
    updatesSeen: () => st.updatesSeen,
    mayRewrite: (ids) => {
      // why every live read: one replaces what a live wall held only after a lost connection, a
      // backfill or a page change, never per tick; replay frames read a buffer that only backfills change
      const out = replayAt() === undefined ? new Set(ids) : new Set(ids.filter((id) => st.backfilledSinceRead.has(id)));
      for (const id of ids) st.backfilledSinceRead.delete(id);
      return out;
    },
    ...(opts.firstQuery ? { inlined: opts.firstQuery } : {}),
  });
  const visibleSeries = (): string[] => {
    const s = store.getState();
    return seriesPanelIds(visiblePanels(s.board, s.rotation.index, s.brandFilter));
  };
  const { updateArrived, deferredApplied } = syncUpdates({ st, store, reads, replayAt, visibleSeries, seeLive, schedule, snapshotArrived });

  // ---- transitions ----

  /**
   * The engine said what time it is: its clock wins over this client's, even when it is behind.
   * Returns the store's part, for the caller to apply with what else the event changes.
   */
  function seeLive(at: number): LivePatch {
    st.liveAt = st.liveKnown ? Math.max(st.liveAt, at) : at;
    st.liveKnown = true;
    return { liveAt: st.liveAt };
  }

  /**
   * Adds work to the next run. The run starts after the current task's other changes (a microtask
   * later), so a new board, the page change it causes and the board's own request are one read.
   */
  function schedule(work: Work): void {
    for (const id of work.full ?? []) st.pending.full.add(id);
    for (const id of work.tail ?? []) st.pending.tail.add(id);
    if (work.snapshot) st.pending.snapshot = true;
    if (st.running || st.stopped) return;
    st.running = true;
    queueMicrotask(() => void run());
  }

  /** A (new) board: into the store, then everything on screen is read as of now (or T). */
  function boardArrived(board: BoardView): void {
    st.boardSeen = true;
    store.getState().setBoard(board);
    // a recording has no live: the wall opens at its end
    if (board.recording && replayAt() === undefined) store.getState().setReplayAt(board.recording.to);
    const early = st.earlySnapshot;
    st.earlySnapshot = undefined;
    // why: the page's own snapshot is as old as the page; taken only live (replay reads as of T)
    const useEarly = early !== undefined && early.live && replayAt() === undefined;
    if (useEarly) snapshotArrived(early);
    schedule({ snapshot: !useEarly, full: visibleSeries() });
  }

  function boardFailed(e: unknown, attempt: number): void {
    store.getState().setLoadError(message(e));
    const delay = Math.min(30_000, 1_000 * 2 ** attempt); // ms
    st.timers.boardRetry = setTimeout(() => void loadBoard(attempt + 1), delay);
  }

  function statusArrived(status: StatusReport): void {
    store.getState().setStatus(status);
    // why: the update that follows this poll carries the snapshot; else ask for it
    if (replayAt() === undefined && !st.updatesCarrySnapshot) schedule({ snapshot: true });
  }

  function connectionChanged(c: ConnectionState): void {
    store.getState().setConnection(c);
    if (c.state === 'lost') st.lost = true;
    if (c.state !== 'open' || !st.lost) return;
    // why: events may have been missed while away; re-read everything that is on screen
    st.lost = false;
    void loadBoard();
  }

  /** A new page or brand filter needs its panels' data over the whole window. */
  function visibleChanged(): void {
    schedule({ full: visibleSeries() });
  }

  /** T moved (scrub, step, play) or the wall went back to live: everything on screen, as of then. */
  function replayMoved(): void {
    st.pending.tail.clear();
    schedule({ snapshot: true, full: visibleSeries() });
  }

  /** No update for a while (a dead upstream makes the engine quiet): re-read the snapshot so data ages keep growing. */
  function idleCheck(): void {
    const every = idleRefreshMs((store.getState().board?.sources ?? []).map((s) => s.intervalMs));
    if (replayAt() === undefined && Date.now() - st.lastSnapshotAt >= every) schedule({ snapshot: true });
    if (!st.stopped) st.timers.idle = setTimeout(idleCheck, 1_000);
  }

  function stop(): void {
    st.stopped = true;
    clearTimeout(st.timers.idle);
    clearTimeout(st.timers.boardRetry);
    for (const off of offs) off();
  }

  // ---- reads ----

  async function loadBoard(attempt = 0): Promise<void> {
    try {
      const request = st.earlyBoard ?? client.request('board', {});
      st.earlyBoard = undefined;
      const board = await request;
      if (!st.stopped) boardArrived(board);
    } catch (e) {
      if (!st.stopped) boardFailed(e, attempt);
    }
  }

  /** Runs the pending work until there is none; one run at a time. */
  async function run(): Promise<void> {
    try {
      while (!st.stopped && (st.pending.full.size || st.pending.tail.size || st.pending.snapshot)) {
        const full = [...st.pending.full];
        const tail = [...st.pending.tail].filter((id) => !st.pending.full.has(id));
        const snapshot = st.pending.snapshot;
        st.pending = { full: new Set(), tail: new Set(), snapshot: false };
        const frameAt = snapshot ? replayAt() : undefined;
        try {
          // why: the snapshot and a full read go out together (a page's first paint waits for
          // neither round trip twice); a full read ends at the newest time known when it starts
          // (the query first: the engine answers in order, and charts wait on the query)
          if (frameAt !== undefined) await readFrame(full, frameAt);
          else {
            await Promise.all([reads.fetchFull(full).then(frames.inOrder), snapshot ? readSnapshot() : undefined]);
          }
          // tails after the snapshot, so they end at the engine's newest time
          if (tail.length) await reads.readTail(tail);
        } catch (e) {
          // keep the data we have; panel states and the connection banner tell the truth
          console.warn(`wallboard: refresh failed: ${message(e)}`);
        }
      }
    } finally {
      st.running = false;
    }
    deferredApplied();
  }

  /**
   * A replay frame: the snapshot and the visible series as of T, read together and shown together
   * (replay-frames.ts). The run goes on meanwhile, so the next T is read while this one waits.
   */
  async function readFrame(full: string[], at: number): Promise<void> {
    const [series, snap] = await Promise.all([reads.fetchFull(full), client.request('snapshot', { at })]);
    frames.offer(at, () => {
      series();
      snapshotArrived(snap);
    });
  }

  async function readSnapshot(): Promise<void> {
    const at = replayAt();
    const snap = await client.request('snapshot', at !== undefined ? { at } : {});
    // why: a live answer arriving after the wall went into replay (or back) would flash the other
    // mode; an answer for an earlier T is kept (reads run one at a time, so it is the newest yet)
    if ((replayAt() === undefined) === (at === undefined)) frames.inOrder(() => snapshotArrived(snap));
  }

  /** A snapshot (and `with`, what else the same event changes) into the store in one update. */
  function snapshotArrived(snap: Snapshot, with_: LivePatch = {}): void {
    const live = snap.live ? seeLive(snap.at) : {};
    st.lastSnapshotAt = Date.now();
    store.getState().applyLive({ ...with_, ...live, snapshot: snap });
  }

  // ---- wiring: each event and store change is one transition ----

  // why before the subscriptions: nothing is on screen yet; the board's first read covers T
  if (opts.replayAt !== undefined) store.getState().setReplayAt(opts.replayAt);
  const offs: (() => void)[] = [
    watchCriticals(store),
    client.on('update', updateArrived),
    client.on('status', statusArrived),
    client.on('config', boardArrived),
    client.onConnection(connectionChanged),
    store.subscribe((s) => visiblePanels(s.board, s.rotation.index, s.brandFilter), visibleChanged, {
      equalityFn: (a, b) => a.length === b.length && a.every((p, i) => p === b[i]),
    }),
    store.subscribe((s) => s.replayAt, replayMoved),
  ];
  st.timers.idle = setTimeout(idleCheck, 1_000);
  void loadBoard();
  return stop;
}
