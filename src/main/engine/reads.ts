// The engine's reads of its buffer: the snapshot and series a wall asks for, and what one update
// event carries (the live snapshot and, for a short span, the new samples), read once for all walls.
import type { QueryRequest, QueryResult, Snapshot, UpdateEvent, UpdateTail } from '../../shared/api';
import { anomalyPoints, type Detection } from './detection';
import { enrichPanels } from './enrich';
import type { IncidentFlow } from './incident-flow';
import { queryPanels } from './query';
import { snapshotAt } from './snapshot';
import type { EngineState } from './state';
import type { Store } from './store/types';
import type { UpdateNews } from './update-coalescer';

/** ms of new samples an update carries at most; a longer span (a backfill) is left to the walls' queries */
const MAX_TAIL_MS = 10 * 60_000;
/** points per series of an update's tail: raw samples (a few per update at 15 s) */
const TAIL_MAX_POINTS = 10_000;

export interface EngineReadDeps {
  store: Store;
  state: EngineState;
  detection: Detection;
  flow: IncidentFlow;
  now: () => number;
  /** A recording is replayed: no snapshot is live. */
  recording: boolean;
}

export interface EngineReads {
  /** The update event for news `u` whose new samples start at `samplesFrom` (unix ms). */
  liveUpdate(u: UpdateNews, samplesFrom: number | undefined): UpdateEvent;
  /** The snapshot at `at` (unix ms), live when undefined. */
  readSnapshot(at: number | undefined): Snapshot;
  readQuery(args: QueryRequest): QueryResult;
}

export function engineReads({ store, state, detection, flow, now, recording }: EngineReadDeps): EngineReads {
  function liveUpdate(u: UpdateNews, samplesFrom: number | undefined): UpdateEvent {
    const snapshot = readSnapshot(undefined);
    const to = snapshot.at;
    // why a bound: after an outage the backfill spans hours; walls then re-query what they show
    if (samplesFrom === undefined || u.panels.length === 0 || to - samplesFrom > MAX_TAIL_MS) return { ...u, snapshot };
    const q = readQuery({ panels: u.panels, from: samplesFrom, to, maxPoints: TAIL_MAX_POINTS });
    // why keys only: walls hold each series' query, labels and name from their reads (UpdateTail)
    const tail: UpdateTail = { ...q, panels: q.panels.map((p) => ({ ...p, series: p.series.map((x) => ({ key: x.key })) })) };
    return { ...u, snapshot, tail };
  }

  function readSnapshot(at: number | undefined): Snapshot {
    const snap = snapshotAt(store, state.board, at ?? now(), { live: at === undefined && !recording, intervals: state.intervals });
    enrichPanels(snap, state.board, store, detection);
    return { ...snap, incidents: flow.list(at) };
  }

  function readQuery(args: QueryRequest): QueryResult {
    const result = queryPanels(store, state.board, args);
    const anomalies = anomalyPoints(store, result.panels.flatMap((p) => p.series), args.from, args.to);
    return Object.keys(anomalies).length ? { ...result, anomalies } : result;
  }

  return { liveUpdate, readSnapshot, readQuery };
}
