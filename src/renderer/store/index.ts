// zustand store (v5, subscribeWithSelector so charts subscribe to their own panel's series).
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { SeriesData } from '../../shared/model';
import { onlyPages } from '../../shared/view/page-filter';
import { initialRotation, rotate } from '../board/rotation';
import { shareSnapshot } from './share';
import type { WallboardState } from './types';

export type { WallboardState } from './types';

const HOUR = 3_600_000; // ms

function perfNow(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

export function createWallboardStore() {
  return create<WallboardState>()(
    subscribeWithSelector((set, get) => ({
      // board
      board: null,
      loadError: null,
      pageFilter: null,
      setBoard: (board) => set({ board: onlyPages(board, get().pageFilter), loadError: null, theme: get().themeLocked ? get().theme : board.theme }),
      setPageFilter: (pageFilter) => set({ pageFilter }),
      setLoadError: (loadError) => set({ loadError }),

      // live
      snapshot: null,
      series: {},
      anomalies: {},
      range: { from: Date.now() - HOUR, to: Date.now() },
      mode: 'live',
      status: null,
      connection: { state: 'connecting', since: Date.now(), attempt: 0 },
      setSnapshot: (snapshot) => set({ snapshot: shareSnapshot(get().snapshot, snapshot) }),
      // why: one update for a live tick's series, anomalies and range: every subscriber (each
      // chart, each panel frame) runs its selector once per update
      setSeries: (list, anomalies, range) => {
        const r = get().range;
        const newRange = range && (r.from !== range.from || r.to !== range.to) ? range : undefined;
        if (list.length === 0 && !anomalies && !newRange) return;
        const patch: Partial<WallboardState> = newRange ? { range: newRange } : {};
        if (list.length > 0) {
          const series: Record<string, SeriesData> = { ...get().series };
          for (const s of list) series[s.panelId] = s;
          patch.series = series;
        }
        if (anomalies) patch.anomalies = { ...get().anomalies, ...anomalies };
        set(patch);
      },
      setRange: (range) => {
        const r = get().range;
        if (r.from !== range.from || r.to !== range.to) set({ range });
      },
      setStatus: (status) => set({ status }),
      setConnection: (connection) => set({ connection }),

      // incidents
      seenIncidents: new Set<string>(),
      markSeen: (ids) => {
        const seen = get().seenIncidents;
        if (ids.every((id) => seen.has(id))) return;
        set({ seenIncidents: new Set([...seen, ...ids]) });
      },

      // ui
      theme: 'dark',
      themeLocked: false,
      rotation: initialRotation(perfNow()),
      brandFilter: null,
      rotate: true,
      setTheme: (theme) => set({ theme, themeLocked: true }),
      dispatchRotation: (e) => {
        const next = rotate(get().rotation, e);
        if (next !== get().rotation) set({ rotation: next });
      },
      setBrandFilter: (brandFilter) => set({ brandFilter }),
      setRotate: (on) => set({ rotate: on }),

      // replay
      replayAt: null,
      liveAt: Date.now(),
      playing: false,
      speed: 1,
      timeline: null,
      setReplayAt: (at) => {
        if (get().replayAt !== at || get().mode !== 'replay') set({ replayAt: at, mode: 'replay' });
      },
      exitReplay: () => {
        if (get().board?.recording || get().mode === 'live') return;
        set({ replayAt: null, mode: 'live', playing: false });
      },
      setLiveAt: (at) => {
        if (at !== get().liveAt) set({ liveAt: at });
      },
      setPlaying: (playing) => set({ playing }),
      setSpeed: (speed) => set({ speed }),
      setTimeline: (timeline) => set({ timeline }),
    })),
  );
}

/** The renderer's one store. */
export const useWallboard = createWallboardStore();
