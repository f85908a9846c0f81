// Which batches write samples older than ones their source wrote before (one query's gap
// backfilled while the source's other queries went on), so the update can tell the walls: a tail
// reaches a wall as the points after its last one, and these would never be drawn without a re-read.
import type { SeriesSamples } from '../../shared/model';

export interface SampleSpan {
  /** unix ms: the oldest sample of the batch (undefined: it wrote none) */
  from: number | undefined;
  /** unix ms: where the written samples reach back to, older than the source's newest before (undefined: none did) */
  backfill: { from: number; to: number } | undefined;
}

export class BackfillWatch {
  /** unix ms: per source, the newest sample written since start */
  readonly #newest = new Map<string, number>();

  /** Records a source's written samples; says how far back they reach. */
  written(source: string, samples: readonly Pick<SeriesSamples, 'ts'>[]): SampleSpan {
    let from = Infinity;
    let to = -Infinity;
    for (const s of samples) {
      for (const t of s.ts) {
        if (t < from) from = t;
        if (t > to) to = t;
      }
    }
    if (from === Infinity) return { from: undefined, backfill: undefined };
    const newest = this.#newest.get(source);
    if (newest === undefined || to > newest) this.#newest.set(source, to);
    // why strict: a second poll in the same interval slot writes the same aligned time again
    const backfill = newest !== undefined && from < newest ? { from, to: newest } : undefined;
    return { from, backfill };
  }
}
