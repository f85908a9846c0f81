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
      setSnapshot: (snapshot) => get().applyLive({ snapshot }),
      setSeries: (series, anomalies, range) => get().applyLive({ series, ...(anomalies ? { anomalies } : {}), ...(range ? { range } : {}) }),
      setRange: (range) => get().applyLive({ range }),
      applyLive: (p) => {
        const s = get();
        const patch: Partial<WallboardState> = {};
        if (p.liveAt !== undefined && p.liveAt !== s.liveAt) patch.liveAt = p.liveAt;
        if (p.snapshot) patch.snapshot = shareSnapshot(s.snapshot, p.snapshot);
        if (p.range && (s.range.from !== p.range.from || s.range.to !== p.range.to)) patch.range = p.range;
        if (p.series?.length) {
          const series: Record<string, SeriesData> = { ...s.series };
          for (const x of p.series) series[x.panelId] = x;
          patch.series = series;
        }
        if (p.anomalies) patch.anomalies = { ...s.anomalies, ...p.anomalies };
        // why: nothing changed, no subscriber runs
        if (Object.keys(patch).length) set(patch);
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
      setLiveAt: (liveAt) => get().applyLive({ liveAt }),
      setPlaying: (playing) => set({ playing }),
      setSpeed: (speed) => set({ speed }),
      setTimeline: (timeline) => set({ timeline }),
    })),
  );
}

/** The renderer's one store. */
export const useWallboard = createWallboardStore();
