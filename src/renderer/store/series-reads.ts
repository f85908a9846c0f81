// How panel series reach the store: read over the whole window, read from each panel's last point
// on, or taken from an update's tail. The sync (sync.ts) decides when; this file, how.
import type { QueryRequest, QueryResult, UpdateTail } from '../../shared/api';
import type { SeriesData } from '../../shared/model';
import type { WallboardClient } from '../api/client';
import { markRewritten, mergeTail } from './series-merge';
import type { LivePatch } from './types';
import type { useWallboard } from './index';

export interface SeriesReadOptions {
  /** ms of history every chart shows. */
  windowMs: number;
  /** Points per series requested for these panels. */
  maxPoints: (panelIds: readonly string[]) => number;
  /** unix ms: where a read ends (the engine's now, or the replay time T). */
  serverAt: () => number;
  /**
   * The panels `ids` now hold the whole window as the engine had it after the updates counted by
   * `updatesSeen` when the read was asked (-Infinity: an answer older than any update).
   */
  fullRead: (ids: readonly string[], updatesSeen: number) => void;
  /**
   * Of `ids`, asked when a full read is: the panels whose answer may hold other values than the
   * wall holds at the same x (a live re-read after a lost connection or a backfill; a replay frame
   * of a panel backfilled since). The charts start their decimation over for those (olderRowsChanged);
   * the others (replay frames of an unchanged buffer) keep reusing it.
   */
  mayRewrite: (ids: readonly string[]) => ReadonlySet<string>;
  /** How many updates had arrived: a read asked after update n is answered after its writes. */
  updatesSeen: () => number;
  /** A read already answered (serve inlines the page's first one): the first full read takes it instead of asking, when it fits. */
  inlined?: { args: QueryRequest; result: QueryResult };
}

export interface SeriesReads {
  readFull(ids: string[]): Promise<void>;
  /** Reads like readFull and returns what puts the answer into the store, to be called later (or never). */
  fetchFull(ids: string[]): Promise<() => void>;
  readTail(ids: string[]): Promise<void>;
  mergeUpdateTail(tail: UpdateTail, to: number, ids: readonly string[]): { left: string[]; patch: LivePatch };
}

export function seriesReads(client: WallboardClient, store: typeof useWallboard, opts: SeriesReadOptions): SeriesReads {
  let inlined = opts.inlined;

  /**
   * The inlined answer when it is the read wanted (used once, by the first full read): the same
   * range, every panel in it, and at least the points wanted (more are fine: the charts decimate
   * to their width; a wider screen than serve assumed asks instead).
   */
  function takeInlined(want: QueryRequest): QueryResult | undefined {
    const q = inlined;
    inlined = undefined;
    if (!q || q.args.from !== want.from || q.args.to !== want.to || q.args.maxPoints < want.maxPoints) return undefined;
    const ids = new Set(want.panels);
    if (!want.panels.every((id) => q.args.panels.includes(id))) return undefined;
    return { ...q.result, panels: q.result.panels.filter((p) => ids.has(p.panelId)) };
  }

  async function fetchFull(ids: string[]): Promise<() => void> {
    if (ids.length === 0) return () => undefined;
    const to = opts.serverAt();
    const from = to - opts.windowMs;
    const want = { panels: ids, from, to, maxPoints: opts.maxPoints(ids) };
    const early = takeInlined(want);
    // why -Infinity: serve read the inlined answer before the event stream it resumes began
    const seen = early ? -Infinity : opts.updatesSeen();
    // why asked before the read: a backfill landing while it is in flight marks the next one too
    const rewrites = opts.mayRewrite(ids);
    const r = early ?? (await client.request('query', want));
    return () => {
      for (const p of r.panels) if (rewrites.has(p.panelId)) markRewritten(p);
      store.getState().setSeries(r.panels, r.anomalies, { from, to });
      opts.fullRead(ids, seen);
    };
  }

  async function readFull(ids: string[]): Promise<void> {
    (await fetchFull(ids))();
  }

  /**
   * Appends an update's `tail` to the panels `ids` and moves the window to end at `to`, as a patch
   * the caller applies with the update's snapshot (one store update); returns it and the panels it
   * could not extend (none held yet, or their series set changed). Called only with no
   * read in flight: what the wall holds then ends at or after the previous update, and the tail
   * holds every sample written since.
   */
  function mergeUpdateTail(tail: UpdateTail, to: number, ids: readonly string[]): { left: string[]; patch: LivePatch } {
    const state = store.getState();
    const byId = new Map(tail.panels.map((p) => [p.panelId, p]));
    const from = to - opts.windowMs;
    const left: string[] = [];
    const merged: SeriesData[] = [];
    for (const id of ids) {
      const prev = state.series[id];
      const t = byId.get(id);
      const m = prev && t ? mergeTail(prev, t, from / 1000) : undefined;
      if (m === undefined) left.push(id);
      else if (m !== prev) merged.push(m);
    }
    const range = { from, to };
    return { left, patch: merged.length ? { series: merged, range, ...(tail.anomalies ? { anomalies: tail.anomalies } : {}) } : { range } };
  }

  /** Reads each panel from its last point on and appends; a panel with nothing to append to is read in full. */
  async function readTail(ids: string[]): Promise<void> {
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
    const to = opts.serverAt();
    const from = to - opts.windowMs;
    if (tailIds.length) {
      const r = await client.request('query', { panels: tailIds, from: Math.max(from, fromSec * 1000), to, maxPoints: opts.maxPoints(tailIds) });
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
    await readFull(full);
  }

  return { readFull, fetchFull, readTail, mergeUpdateTail };
}
