// Merges the `update` events of polls that land close together into one, so a face sends at most
// one update per tick however many sources report at once.
import type { UpdateEvent } from '../../shared/api';

const TICK_MS = 100; // ms: well under a poll interval, long enough to merge simultaneous sources

export class UpdateCoalescer {
  private pending: UpdateEvent | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly emit: (u: UpdateEvent) => void) {}

  add(u: UpdateEvent): void {
    if (!this.pending) {
      this.pending = { ...u, panels: [...u.panels] };
      this.timer = setTimeout(() => this.flush(), TICK_MS);
      return;
    }
    const p = this.pending;
    p.at = Math.max(p.at, u.at);
    p.panels = [...new Set([...p.panels, ...u.panels])];
    p.health ||= u.health;
    p.alerts ||= u.alerts;
    p.incidents ||= u.incidents;
  }

  flush(): void {
    clearTimeout(this.timer);
    const p = this.pending;
    this.pending = undefined;
    if (p) this.emit(p);
  }
}
