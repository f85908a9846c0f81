// The engine's request handlers (board, query, snapshot, ..., ack, silence): one per RequestName.
import type { BoardView, EngineRequests, QueryRequest, QueryResult, RecordingView, RequestName, Snapshot, StatusReport } from '../../shared/api';
import type { Incident } from '../../shared/model';
import type { ActionResult } from './alerts/index';
import type { IncidentFlow } from './incident-flow';
import type { EngineState } from './state';
import type { Store } from './store/types';
import { timelineOf } from './timeline';

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

export type Handlers = { [K in RequestName]: (args: EngineRequests[K]['args']) => EngineRequests[K]['result'] | Promise<EngineRequests[K]['result']> };

export interface RequestDeps {
  recording: RecordingView | undefined;
  state: EngineState;
  store: Store;
  flow: IncidentFlow;
  boardView: () => BoardView;
  status: () => StatusReport;
  readSnapshot: (at: number | undefined) => Snapshot;
  readQuery: (args: QueryRequest) => QueryResult;
}

export function requestHandlers(d: RequestDeps): Handlers {
  const { recording, flow } = d;
  return {
    board: () => d.boardView(),
    query: (args) => d.readQuery(args),
    snapshot: (args) => d.readSnapshot(args.at),
    status: () => d.status(),
    incidents: (args) => flow.list(args.at, args.includeResolved ?? false),
    timeline: (args) => {
      const configured = d.boardView().sources;
      const every = new Map([...configured.map((s) => [s.id, s.intervalMs] as const), ...d.state.intervals]);
      return timelineOf(d.store, flow.list(args.to, true), args.from, args.to, every, configured.map((s) => s.id));
    },
    ack: (args) => (recording ? refuse() : unwrap(flow.tracker.ack(args.id, args.note, args.by))),
    snooze: (args) => (recording ? refuse() : unwrap(flow.tracker.snooze(args.id, args.until))),
    silence: async (args) => (recording ? refuse() : unwrap(await flow.tracker.silence(args.id, args.duration, args.comment))),
    unsilence: async (args) => (recording ? refuse() : unwrap(await flow.tracker.unsilence(args.id))),
  };
}
