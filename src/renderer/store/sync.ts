// Keeps the store in step with the engine: initial load, live updates (tail queries + a new
// snapshot), resync after a lost connection, replay at the store's replay time T (moved by the
// replay bar; each move re-reads what is on screen as of T, moves arriving meanwhile coalesce).
import type { BoardView, UpdateEvent } from '../../shared/api';
import type { WallboardClient } from '../api/client';
import { seriesPanelIds, visiblePanels } from '../board/visible';
import { watchCriticals } from './watch-criticals';
import { mergeTail } from './series-merge';
import type { useWallboard } from './index';

type Store = typeof useWallboard;

export interface SyncOptions {
  /** unix ms: start in replay, showing the wall as it was at this time. */
  replayAt?: number;
  /** ms of history every chart and sparkline shows. */
  windowMs?: number;
  /** The board, already requested (the page asks for it before React mounts); used once. */
  board?: Promise<BoardView>;
  /** Points per series requested (about what the widest chart can show), or a function of the panels queried. */
  maxPoints?: number | ((panelIds: readonly string[]) => number);
}

/**
 * ms without an update after which the snapshot is re-read anyway, so data ages keep growing and a
 * panel turns stale on time even when a dead upstream makes the engine quiet: the fastest source's
 * interval, within 2-15 s.
 */
function idleRefreshMs(intervals: number[]): number {
  return Math.min(15_000, Math.max(2_000, ...(intervals.length ? [Math.min(...intervals)] : [15_000])));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function startSync(client: WallboardClient, store: Store, opts: SyncOptions = {}): () => void {
  const windowMs = opts.windowMs ?? 3_600_000;
  const pointsOpt = opts.maxPoints ?? 1_000;
  const maxPoints = (ids: readonly string[]): number => (typeof pointsOpt === 'function' ? pointsOpt(ids) : pointsOpt);
  /** unix ms being replayed, or undefined when live. */
  const replayAt = (): number | undefined => store.getState().replayAt ?? undefined;
  const offs: (() => void)[] = [];
  let stopped = false;
  let liveAt = Date.now(); // ms: the engine's notion of "now" (this client's clock until the engine says)
  let liveKnown = false;
  /** The engine's clock wins over this client's, even when it is behind. */
  const seeLive = (at: number): void => {
    liveAt = liveKnown ? Math.max(liveAt, at) : at;
    liveKnown = true;
    store.getState().setLiveAt(liveAt);
  };
  /** ms: where reads end: the replay time, or the engine's now. */
  const serverAt = (): number => replayAt() ?? liveAt;
  let lastRefresh = 0;

  // One refresh runs at a time; work arriving meanwhile is merged into the next run.
  const pending = { full: new Set<string>(), tail: new Set<string>(), snapshot: false };
  let running = false;
  /** Counts changes of the visible panels (each schedules their full read). */
  let visibleChanges = 0;

  const visibleSeries = (): string[] => {
    const s = store.getState();
    return seriesPanelIds(visiblePanels(s.board, s.rotation.index, s.brandFilter));
  };

  async function queryFull(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const to = serverAt();
    const from = to - windowMs;
    const r = await client.request('query', { panels: ids, from, to, maxPoints: maxPoints(ids) });
    store.getState().setSeries(r.panels, r.anomalies, { from, to });
  }

  async function queryTail(ids: string[]): Promise<void> {
    const state = store.getState();
    const full: string[] = [];
    let fromSec = Infinity;
    for (const id of ids) {
      const s = state.series[id];
      const last = s?.x[s.x.length - 1];
      if (last === undefined) full.push(id);
      else fromSec = Math.min(fromSec, last);
    }
    const tailIds = ids.filter((id) => !full.includes(id));
    const to = serverAt();
    const from = to - windowMs;
    if (tailIds.length) {
      const r = await client.request('query', { panels: tailIds, from: Math.max(from, fromSec * 1000), to, maxPoints: maxPoints(tailIds) });
      const merged = [];
      const series = store.getState().series;
      for (const tail of r.panels) {
        const prev = series[tail.panelId];
        const m = prev ? mergeTail(prev, tail, from / 1000) : undefined;
        if (m === undefined) full.push(tail.panelId);
        else if (m !== prev) merged.push(m);
      }
      store.getState().setSeries(merged, r.anomalies, { from, to });
    } else {
      store.getState().setRange({ from, to });
    }
    await queryFull(full);
  }

  async function refreshSnapshot(): Promise<void> {
    const at = replayAt();
    const snap = await client.request('snapshot', at !== undefined ? { at } : {});
    if (at === undefined) seeLive(snap.at);
    lastRefresh = Date.now();
    // why: a live answer arriving after the wall went into replay (or back) would flash the other
    // mode; an answer for an earlier T is kept (reads run one at a time, so it is the newest yet)
    if ((replayAt() === undefined) === (at === undefined)) store.getState().setSnapshot(snap);
  }

  async function run(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && (pending.full.size || pending.tail.size || pending.snapshot)) {
        const full = [...pending.full];
        const tail = [...pending.tail].filter((id) => !pending.full.has(id));
        const snapshot = pending.snapshot;
        pending.full.clear();
        pending.tail.clear();
        pending.snapshot = false;
        try {
          // why: the snapshot and a full read go out together (a page's first paint waits for
          // neither round trip twice); a full read ends at the newest time known when it starts
          // (the query first: the engine answers in order, and charts wait on the query)
          await Promise.all([queryFull(full), snapshot ? refreshSnapshot() : undefined]);
          // tails after the snapshot, so they end at the engine's newest time
          if (tail.length) await queryTail(tail);
        } catch (e) {
          // keep the data we have; panel states and the connection banner tell the truth
          console.warn(`wallboard: refresh failed: ${message(e)}`);
        }
      }
    } finally {
      running = false;
    }
  }

  function schedule(work: { full?: string[]; tail?: string[]; snapshot?: boolean }): void {
    for (const id of work.full ?? []) pending.full.add(id);
    for (const id of work.tail ?? []) pending.tail.add(id);
    if (work.snapshot) pending.snapshot = true;
    void run();
  }

  /**
   * Puts a (new) board in the store and re-reads what is on screen. Setting a board whose visible
   * panels changed already schedules their full read (the subscription below); asking again here
   * would read the whole window of every panel twice on each page load.
   */
  function applyBoard(board: BoardView): void {
    // a recording has no live: the wall opens at its end
    if (board.recording && replayAt() === undefined) store.getState().setReplayAt(board.recording.to);
    // why: set before the board, so the snapshot goes out with the full read the board triggers
    pending.snapshot = true;
    const seen = visibleChanges;
    store.getState().setBoard(board);
    // when the visible panels changed, the subscription has scheduled both already
    if (visibleChanges === seen) schedule({ snapshot: true, full: visibleSeries() });
  }

  let early = opts.board;
  async function loadBoard(attempt = 0): Promise<void> {
    try {
      const request = early ?? client.request('board', {});
      early = undefined;
      const board = await request;
      if (stopped) return;
      applyBoard(board);
    } catch (e) {
      if (stopped) return;
      store.getState().setLoadError(message(e));
      const delay = Math.min(30_000, 1_000 * 2 ** attempt); // ms
      setTimeout(() => void loadBoard(attempt + 1), delay);
    }
  }

  if (opts.replayAt !== undefined) store.getState().setReplayAt(opts.replayAt);
  void loadBoard();
  offs.push(watchCriticals(store));

  offs.push(
    client.on('update', (ev: UpdateEvent) => {
      seeLive(ev.at);
      if (replayAt() !== undefined) return;
      const visible = new Set(visibleSeries());
      schedule({ snapshot: true, tail: ev.panels.filter((id) => visible.has(id)) });
    }),
    client.on('status', (status) => {
      store.getState().setStatus(status);
      if (replayAt() === undefined) schedule({ snapshot: true });
    }),
    client.on('config', (board) => applyBoard(board)),
  );

  let wasLost = false;
  offs.push(
    client.onConnection((c) => {
      store.getState().setConnection(c);
      if (c.state === 'lost') wasLost = true;
      if (c.state === 'open' && wasLost) {
        // why: events may have been missed while away; re-read everything that is on screen
        wasLost = false;
        void loadBoard();
      }
    }),
  );

  // A new page or brand filter needs its panels' data over the whole window.
  offs.push(
    store.subscribe(
      (s) => visiblePanels(s.board, s.rotation.index, s.brandFilter),
      () => {
        visibleChanges++;
        schedule({ full: visibleSeries() });
      },
      { equalityFn: (a, b) => a.length === b.length && a.every((p, i) => p === b[i]) },
    ),
  );

  // T moved (scrub, step, play) or the wall went back to live: everything on screen, as of then
  offs.push(
    store.subscribe(
      (s) => s.replayAt,
      () => {
        pending.tail.clear();
        schedule({ snapshot: true, full: visibleSeries() });
      },
    ),
  );

  let idle: ReturnType<typeof setTimeout> | undefined;
  const idleCheck = (): void => {
    const every = idleRefreshMs((store.getState().board?.sources ?? []).map((s) => s.intervalMs));
    if (replayAt() === undefined && Date.now() - lastRefresh >= every) schedule({ snapshot: true });
    if (!stopped) idle = setTimeout(idleCheck, 1_000);
  };
  idle = setTimeout(idleCheck, 1_000);
  offs.push(() => clearTimeout(idle));

  return () => {
    stopped = true;
    for (const off of offs) off();
  };
}
