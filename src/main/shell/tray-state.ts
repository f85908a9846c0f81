// The tray shows the worst open incident: its icon's colour and a tooltip that counts them.
import type { Incident } from '../../shared/model';
import { SEVERITIES_BY_RANK, severityRank } from '../../shared/severity-rank';
import type { Severity } from '../../shared/config-schema';

export type TrayLevel = 'none' | Severity;

export interface TrayState {
  level: TrayLevel;
  /** file name under resources/tray/ */
  icon: string;
  tooltip: string;
}

export function trayState(incidents: readonly Pick<Incident, 'status' | 'severity'>[], opts: { paused?: boolean } = {}): TrayState {
  const open = incidents.filter((i) => i.status !== 'resolved');
  let worst: Severity | undefined;
  for (const i of open) if (worst === undefined || severityRank(i.severity) > severityRank(worst)) worst = i.severity;
  const level: TrayLevel = worst ?? 'none';
  const counts = SEVERITIES_BY_RANK.map((s) => [s, open.filter((i) => i.severity === s).length] as const).filter(([, n]) => n > 0);
  const summary = open.length === 0 ? 'no open incidents' : `${open.length} open incident${open.length === 1 ? '' : 's'}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`;
  return { level, icon: `tray-${level}.png`, tooltip: `Wallboard — ${summary}${opts.paused ? ' (notifications paused)' : ''}` };
}
