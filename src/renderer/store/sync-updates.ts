// Live updates reaching the sync (sync.ts): each update's snapshot and the new samples of the
// visible panels it names, taken from the event when it carries them (else read); an update that
// comes while a read is in flight waits for the run to end (deferredApplied), and the panels an
// update backfilled (samples older than the wall's last point) are merged from its tail in time
// order, or read over the whole window when it carries none for them.
import type { Snapshot, UpdateEvent } from '../../shared/api';
import type { SeriesReads } from './series-reads';
import type { useWallboard } from './index';
import type { SyncState, Work } from './sync-state';
import type { LivePatch } from './types';

export interface SyncUpdateDeps {
  st: SyncState;
  store: typeof useWallboard;
  reads: SeriesReads;
  /** unix ms: the replay time T, undefined when live. */
  replayAt: () => number | undefined;
  /** Series panels on screen. */
  visibleSeries: () => string[];
  /** The engine said what time it is: the store's live time, as a patch to apply. */
  seeLive: (at: number) => LivePatch;
  /** Adds work to the next run. */
  schedule: (work: Work) => void;
  /** The snapshot (and `with`, in the same store update) into the store. */
  snapshotArrived: (snap: Snapshot, with_?: LivePatch) => void;
}

export interface SyncUpdates {
  updateArrived(ev: UpdateEvent): void;
  /** The run ended: the updates that came meanwhile, in order, minus what its full reads already hold. */
  deferredApplied(): void;
}

export function syncUpdates(d: SyncUpdateDeps): SyncUpdates {
  const { st, store, reads, replayAt, visibleSeries, seeLive, schedule, snapshotArrived } = d;

  /**
   * Live data moved on: the snapshot and the new samples of the visible panels it names, taken from
   * the event when it carries them (else read). While a read is in flight the event waits for the
   * run to end (deferredApplied): a read started before this update could land after it without the
   * new samples and replace them; re-reading instead made every busy wall ask again, on a hub all
   * at once.
   */
  function updateArrived(ev: UpdateEvent): void {
    const n = ++st.updatesSeen;
    // why at arrival: an update deferred below is dropped if the wall goes into replay meanwhile
    for (const id of ev.backfill?.panels ?? []) st.backfilledSinceRead.add(id);
    if (ev.snapshot) st.updatesCarrySnapshot = true;
    // why: before the first board no panel is known, and the page's inlined data may be older than
    // this update (the stream resumes where serve read it): it waits for the first read, as below
    if (!st.boardSeen) {
      st.deferred.push({ ev, n });
      return;
    }
    const live = seeLive(ev.at);
    if (replayAt() !== undefined) return store.getState().applyLive(live);
    const visible = new Set(visibleSeries());
    const shown = ev.panels.filter((id) => visible.has(id));
    if (!ev.snapshot || st.running) {
      store.getState().applyLive(live);
      if (ev.snapshot) st.deferred.push({ ev, n });
      else schedule({ snapshot: true, tail: shown, full: backfilled(ev, shown) });
      return;
    }
    // why one patch: the live time, the snapshot and the merged tails reach the store's subscribers once
    const snap = ev.snapshot;
    mergeThenRead(ev, snap.at, shown, (patch) => snapshotArrived(snap, { ...live, ...patch }));
  }

  /**
   * The update's tail merged into `shown` up to `at`, its store patch handed to `apply`; then the
   * panels the tail could not carry are read: their tail, or the whole window for those it backfilled.
   */
  function mergeThenRead(ev: UpdateEvent, at: number, shown: string[], apply: (patch: LivePatch) => void): void {
    const { left, patch } = ev.tail ? reads.mergeUpdateTail(ev.tail, at, shown) : { left: shown, patch: {} };
    apply(patch);
    const full = backfilled(ev, left);
    if (left.length || full.length) schedule({ tail: left, full });
  }

  /**
   * Of `unmerged`, the panels the update backfilled (samples older than the wall's last point): read
   * over the window. A panel its tail extended is not among them: the tail starts at the oldest
   * sample written, so it holds the backfill too, merged in time order (series-merge.ts).
   */
  function backfilled(ev: UpdateEvent, unmerged: readonly string[]): string[] {
    const ids = new Set(ev.backfill?.panels ?? []);
    return unmerged.filter((id) => ids.has(id));
  }

  function deferredApplied(): void {
    for (const item of st.deferred.splice(0)) {
      const { ev, n } = item;
      const snap = ev.snapshot;
      if (!snap || st.stopped || replayAt() !== undefined) continue;
      if (st.running) {
        st.deferred.push(item); // a tail read of an earlier one is in flight again
        continue;
      }
      const visible = new Set(visibleSeries());
      const shown = ev.panels.filter((id) => visible.has(id) && (st.fullSeen.get(id) ?? -Infinity) < n);
      // why max: the window never moves back to an older update than a read already showed
      mergeThenRead(ev, Math.max(snap.at, store.getState().range.to), shown, (patch) => {
        // why the check: a snapshot read that started after this update answered with a newer one
        if ((store.getState().snapshot?.at ?? -Infinity) <= snap.at) snapshotArrived(snap, patch);
        else store.getState().applyLive(patch);
      });
    }
  }

  return { updateArrived, deferredApplied };
}
