// Whether a downloaded update may install now. Never while a critical incident is open (a restart
// would blank the wall when it matters most), and in kiosk mode only inside `updates.window`.
import type { Incident } from '../../shared/model';
import { isQuiet } from '../engine/notify/quiet-hours';

export type UpdateGate = { install: true } | { install: false; reason: string };

export function updateGate(opts: {
  incidents: readonly Pick<Incident, 'status' | 'severity' | 'title'>[];
  kiosk: boolean;
  /** "03:00-05:00", local to the board */
  window: string | undefined;
  now: number;
  /** minutes east of UTC of the board's timezone at `now` */
  utcOffsetMinutes: number;
}): UpdateGate {
  const critical = opts.incidents.filter((i) => i.status !== 'resolved' && i.severity === 'critical');
  if (critical.length) return { install: false, reason: `${critical.length} critical incident${critical.length === 1 ? ' is' : 's are'} open (${critical[0]?.title ?? ''})` };
  if (opts.kiosk) {
    if (!opts.window) return { install: false, reason: 'kiosk mode installs updates only inside updates.window, and the board sets none' };
    const [from, to] = opts.window.split('-') as [string, string];
    if (!isQuiet(opts.now, { from, to }, opts.utcOffsetMinutes)) return { install: false, reason: `outside the update window ${opts.window}` };
  }
  return { install: true };
}
