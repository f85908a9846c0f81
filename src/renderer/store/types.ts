// The renderer's state, in slices: board (what to draw), live (data), incidents (jumps), ui (rotation, filter).
import type { BoardView, Snapshot, StatusReport, Timeline } from '../../shared/api';
import type { AnomalyPoint, SeriesData } from '../../shared/model';
import type { ConnectionState } from '../api/client';
import type { RotationEvent, RotationState } from '../board/rotation';

export interface BoardSlice {
  board: BoardView | null;
  /** Set when the board could not be loaded at all (the text of the error). */
  loadError: string | null;
  /** `?pages=`: the only pages this wall shows (a kiosk display's list); null = all. */
  pageFilter: string[] | null;
  setBoard(board: BoardView): void;
  setPageFilter(ids: string[] | null): void;
  setLoadError(reason: string | null): void;
}

export interface LiveSlice {
  /** Newest snapshot (live) or the replay snapshot. Unchanged parts keep their identity between ticks. */
  snapshot: Snapshot | null;
  /** Panel id → columnar data of the visible range (x in unix s). Charts subscribe to this directly. */
  series: Record<string, SeriesData>;
  /** Series key → anomaly points (may be empty). */
  anomalies: Record<string, AnomalyPoint[]>;
  /** ms, the visible window (default last 1 h). */
  range: { from: number; to: number };
  mode: 'live' | 'replay';
  /** Newest status report from the event stream (fresher than snapshot.sources between snapshots). */
  status: StatusReport | null;
  connection: ConnectionState;
  setSnapshot(snapshot: Snapshot): void;
  /**
   * Replaces the data of the given panels only (other panels keep their object identity), with
   * the anomalies and the range they were read for, in one store update.
   */
  setSeries(series: SeriesData[], anomalies?: Record<string, AnomalyPoint[]>, range?: { from: number; to: number }): void;
  setRange(range: { from: number; to: number }): void;
  /**
   * A live update in one store update: the engine's time, its snapshot, the panels' merged series,
   * anomalies and the window. why one: every subscriber (each panel, each chart) runs its selector
   * once per store update, and an update applied part by part made them run three times.
   */
  applyLive(patch: LivePatch): void;
  setStatus(status: StatusReport): void;
  setConnection(c: ConnectionState): void;
}

/** What a live update changes; each part is optional (absent: left as it is). */
export interface LivePatch {
  /** unix ms: the engine's newest time (ReplaySlice.liveAt) */
  liveAt?: number;
  snapshot?: Snapshot;
  series?: SeriesData[];
  anomalies?: Record<string, AnomalyPoint[]>;
  range?: { from: number; to: number };
}

export interface IncidentsSlice {
  /** Incident ids already seen (a critical one only makes the wall jump once). */
  seenIncidents: ReadonlySet<string>;
  markSeen(ids: string[]): void;
}

export interface UiSlice {
  theme: 'dark' | 'light';
  /** True once a person chose a theme: a board reload then keeps it. */
  themeLocked: boolean;
  rotation: RotationState;
  /** Laptop: show only this brand's panels. */
  brandFilter: string | null;
  /** Kiosk rotation on/off (`?rotate=0` turns it off). */
  rotate: boolean;
  setTheme(theme: 'dark' | 'light'): void;
  dispatchRotation(e: RotationEvent): void;
  setBrandFilter(brand: string | null): void;
  setRotate(on: boolean): void;
}

export const REPLAY_SPEEDS = [1, 10, 60, 600] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export interface ReplaySlice {
  /** unix ms the wall shows in replay; null when live. `mode` follows it. */
  replayAt: number | null;
  /** unix ms: the engine's newest time seen live (the end of the timeline). */
  liveAt: number;
  playing: boolean;
  speed: ReplaySpeed;
  /** Incident marks and gaps the replay bar draws; null until read. */
  timeline: Timeline | null;
  /** Enters replay at `at`, or moves T there when already replaying. */
  setReplayAt(at: number): void;
  /** Back to live (no-op for a recording, which has no live). */
  exitReplay(): void;
  setLiveAt(at: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: ReplaySpeed): void;
  setTimeline(timeline: Timeline): void;
}

export type WallboardState = BoardSlice & LiveSlice & IncidentsSlice & UiSlice & ReplaySlice;
