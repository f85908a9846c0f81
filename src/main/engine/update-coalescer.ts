// Merges the `update` events of polls that land close together into one, so a face sends at most
// one update per tick however many sources report at once.
import type { UpdateEvent } from '../../shared/api';

const TICK_MS = 100; // ms: well under a poll interval, long enough to merge simultaneous sources

/** What an update is about, before the engine adds the live data it carries (see reads.ts). */
export type UpdateNews = Pick<UpdateEvent, 'at' | 'panels' | 'health' | 'alerts' | 'incidents' | 'backfill'>;

export class UpdateCoalescer {
  private pending: UpdateNews | undefined;
  /** unix ms: oldest sample written since the last flush (undefined: none) */
  private from: number | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly emit: (u: UpdateNews, samplesFrom: number | undefined) => void) {}

  /** `samplesFrom`: the oldest sample time (ms) the poll wrote, when it wrote samples. */
  add(u: UpdateNews, samplesFrom?: number): void {
    if (samplesFrom !== undefined) this.from = Math.min(this.from ?? Infinity, samplesFrom);
    if (!this.pending) {
      this.pending = { ...u, panels: [...u.panels], ...(u.backfill ? { backfill: { ...u.backfill } } : {}) };
      this.timer = setTimeout(() => this.flush(), TICK_MS);
      return;
    }
    const p = this.pending;
    p.at = Math.max(p.at, u.at);
    p.panels = [...new Set([...p.panels, ...u.panels])];
    p.health ||= u.health;
    p.alerts ||= u.alerts;
    p.incidents ||= u.incidents;
    if (u.backfill) p.backfill = mergeBackfill(p.backfill, u.backfill);
  }

  flush(): void {
    clearTimeout(this.timer);
    const p = this.pending;
    const from = this.from;
    this.pending = undefined;
    this.from = undefined;
    if (p) this.emit(p, from);
  }
}

type Backfill = NonNullable<UpdateEvent['backfill']>;

function mergeBackfill(a: Backfill | undefined, b: Backfill): Backfill {
  if (!a) return { ...b };
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), panels: [...new Set([...a.panels, ...b.panels])] };
}
