// The one interface every upstream module implements. A source maps its upstream's JSON to model
// types and nothing else knows that shape. poll() never throws: failures are a Batch with status.ok false.
import type { Board } from '../../../shared/config-schema';
import type { Batch } from '../../../shared/model';

export interface PollContext {
  signal: AbortSignal;
  /** unix ms; injected so tests and the demo source are deterministic. */
  now: number;
  board: Board;
  /** Newest buffered sample time at or before `now` of a query of this source (unix ms), for
   *  backfill after an outage. */
  lastSampleAt(query: string): number | undefined;
}

export interface Source {
  readonly id: string;
  readonly kind: Batch['kind'];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  poll(ctx: PollContext): Promise<Batch>;
}

/** Builds the sources of one kind from the board; registered in sources/registry.ts. */
export type SourceFactory = (board: Board) => Source[];
