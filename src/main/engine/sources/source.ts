// The one interface every upstream module implements. A source maps its upstream's JSON to model
// types and nothing else knows that shape. poll() never throws: failures are a Batch with status.ok false.
import type { Board } from '../../../shared/config-schema';
import { emptyBatch, type Batch } from '../../../shared/model';

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

/**
 * The frame every upstream poll shares: an empty batch of this source at ctx.now, `fill` writing
 * into it, the poll's duration (ms) stamped, and a throw turned into an error status, so poll()
 * never throws.
 */
export async function timedPoll(source: Pick<Source, 'id' | 'kind'>, ctx: PollContext, fill: (batch: Batch) => Promise<void>): Promise<Batch> {
  const started = performance.now();
  const batch = emptyBatch(source.id, source.kind, ctx.now);
  try {
    await fill(batch);
  } catch (err) {
    // why: a bug in a source must show as its error, not kill the scheduler
    batch.status = { ok: false, reason: `internal error: ${err instanceof Error ? err.message : String(err)}` };
    // why: a batch's alerts are the upstream's whole list (the store ends every alert it lacks); a list cut short is not written
    delete batch.alerts;
  }
  batch.durationMs = Math.round(performance.now() - started);
  return batch;
}

/**
 * A source that polls one upstream over HTTP each interval: its header from the source's config and
 * each poll through timedPoll. why a second past the request's own timeout: that timeout must fire
 * first, so a slow upstream reads "timed out after 5s" instead of the engine's cancellation.
 */
export function httpSource(
  cfg: { readonly id: string; readonly interval: number; readonly timeout: number },
  kind: Batch['kind'],
  fill: (batch: Batch, ctx: PollContext) => Promise<void>,
): Source {
  const source: Source = {
    id: cfg.id,
    kind,
    intervalMs: cfg.interval,
    timeoutMs: cfg.timeout + 1000,
    poll: (ctx) => timedPoll(source, ctx, (batch) => fill(batch, ctx)),
  };
  return source;
}
