// Which query_range requests fill the gap after an outage or at first start. Pure, so it is tested alone.

/** Prometheus refuses a query_range of more than 11,000 points per series; stay below it. */
export const MAX_POINTS_PER_REQUEST = 10_000;
/** ms; one poll backfills at most this span per query, so a poll after a long outage stays bounded. */
export const MAX_BACKFILL_SPAN_MS = 24 * 3_600_000;

export interface BackfillChunk {
  /** unix ms, on the interval grid, inclusive */
  start: number;
  /** unix ms, on the interval grid, inclusive */
  end: number;
}

export interface BackfillInput {
  /** Newest buffered sample of the query (unix ms), undefined at first start. */
  last: number | undefined;
  /** unix ms */
  now: number;
  /** ms; also the query_range step */
  intervalMs: number;
  /** ms; nothing older is kept, so nothing older is fetched */
  retentionMs: number;
  maxSpanMs?: number;
  maxPointsPerRequest?: number;
}

/** The instant query of this poll is evaluated at this time (ms): aligned so samples share a grid. */
export function alignedTime(now: number, intervalMs: number): number {
  return Math.floor(now / intervalMs) * intervalMs;
}

/**
 * The chunks to fetch, oldest first, covering [max(last + interval, now − retention), aligned(now) − interval]
 * on the interval grid; empty when the buffer is at most 2 intervals behind. When the gap is longer than
 * `maxSpanMs`, the newest part is fetched: the wall needs recent data first, and the instant sample
 * written by the same poll would hide any older remainder from the next poll anyway.
 */
export function planBackfill(input: BackfillInput): BackfillChunk[] {
  const step = input.intervalMs;
  const maxSpan = input.maxSpanMs ?? MAX_BACKFILL_SPAN_MS;
  const perRequest = Math.max(1, (input.maxPointsPerRequest ?? MAX_POINTS_PER_REQUEST) - 1);
  if (input.last !== undefined && input.last >= input.now - 2 * step) return [];
  const end = alignedTime(input.now, step) - step;
  let start = input.now - input.retentionMs;
  if (input.last !== undefined) start = Math.max(start, input.last + step);
  start = Math.ceil(start / step) * step;
  start = Math.max(start, end - Math.floor(maxSpan / step) * step);
  const chunks: BackfillChunk[] = [];
  for (let s = start; s <= end; ) {
    const e = Math.min(s + perRequest * step, end);
    chunks.push({ start: s, end: e });
    s = e + step;
  }
  return chunks;
}

/** Points a chunk asks for per series. */
export function chunkPoints(c: BackfillChunk, intervalMs: number): number {
  return Math.floor((c.end - c.start) / intervalMs) + 1;
}
