// alertlist: firing alerts grouped by brand and severity, with age, silenced/inhibited marks and
// the summary/description annotations. Everything here is server text and rendered as text.
// dir="auto" isolates each server string (UA style `[dir] { unicode-bidi: isolate }`), so right-to-left
// text in one label cannot re-order its neighbours; the engine already made override controls visible.
import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import type { Brand, Panel } from '../../../shared/config-schema';
import type { AlertRecord } from '../../../shared/model';
import { formatAge } from '../../../shared/duration';
import { useWallboard } from '../../store';
import type { PanelProps } from '../types';
import { SEVERITIES_BY_RANK } from '../../../shared/severity-rank';
import { filterAlerts, groupAlerts } from './alert-groups';
import './alertlist.css';

const SEV_SHORT = { critical: 'CRIT', high: 'HIGH', warning: 'WARN', info: 'INFO' } as const;
const EMPTY: AlertRecord[] = [];
const NO_BRANDS: Brand[] = [];

function AlertRow({ alert, at }: { alert: AlertRecord; at: number }): React.JSX.Element {
  const name = alert.labels['alertname'] ?? alert.fingerprint;
  const where = alert.labels['instance'] ?? alert.labels['service'] ?? alert.labels['job'];
  const summary = alert.annotations['summary'];
  const description = alert.annotations['description'];
  const silenced = alert.silencedBy.length > 0;
  const inhibited = alert.inhibitedBy.length > 0;
  return (
    <li
      className={`wb-alert wb-alert--${alert.severity}${silenced || inhibited ? ' wb-alert--muted' : ''}`}
      data-testid="alert"
      data-severity={alert.severity}
      data-fingerprint={alert.fingerprint}
    >
      <span className="wb-alert__sev">{SEV_SHORT[alert.severity]}</span>
      <div className="wb-alert__text">
        <div className="wb-alert__line">
          <span className="wb-alert__name" dir="auto">{name}</span>
          {where && <span className="wb-alert__where" dir="auto">{where}</span>}
          {alert.state === 'pending' && <span className="wb-alert__mark">PENDING</span>}
          {silenced && <span className="wb-alert__mark" title={alert.silencedBy.join(', ')}>SILENCED</span>}
          {inhibited && <span className="wb-alert__mark" title={alert.inhibitedBy.join(', ')}>INHIBITED</span>}
        </div>
        {(summary ?? description) && <div className="wb-alert__summary" dir="auto">{summary ?? description}</div>}
        {summary && description && <div className="wb-alert__desc" dir="auto">{description}</div>}
      </div>
      <span className="wb-alert__age" title={new Date(alert.startsAt).toISOString()}>
        {formatAge(at - alert.startsAt)}
      </span>
    </li>
  );
}

export function AlertListPanel({ panel }: PanelProps): React.JSX.Element {
  const alerts = useWallboard((s) => s.snapshot?.alerts) ?? EMPTY;
  const at = useWallboard((s) => s.snapshot?.at ?? 0);
  const brands = useWallboard((s) => s.board?.brands) ?? NO_BRANDS;
  const brandFilter = useWallboard((s) => s.brandFilter);
  return <AlertList panel={panel} alerts={alerts} at={at} brands={brands} brandFilter={brandFilter} />;
}

export interface AlertListProps {
  panel: Panel;
  alerts: AlertRecord[];
  /** unix ms the ages are measured from (the snapshot's time, so replay shows ages at T) */
  at: number;
  brands: Brand[];
  brandFilter: string | null;
}

export function AlertList({ panel, alerts, at, brands, brandFilter }: AlertListProps): React.JSX.Element {
  const shown = filterAlerts(alerts, panel, brandFilter);
  const groups = groupAlerts(shown, brands);
  const listRef = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState(0);

  // why: the wall never scrolls; count the rows cut off at the bottom and say so
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const bottom = el.getBoundingClientRect().bottom;
    let n = 0;
    el.querySelectorAll('[data-testid="alert"]').forEach((row) => {
      if (row.getBoundingClientRect().bottom > bottom + 1) n++;
    });
    setHidden(n);
  });

  if (shown.length === 0) {
    return (
      <div className="wb-alerts__none">
        <span className="wb-alerts__check">✓</span> No active alerts
      </div>
    );
  }
  const total: Partial<Record<string, number>> = {};
  for (const a of shown) total[a.severity] = (total[a.severity] ?? 0) + 1;
  return (
    <div className="wb-alerts">
      <div className="wb-alerts__summary">
        {SEVERITIES_BY_RANK.filter((s) => total[s]).map((s) => (
          <span key={s} className={`wb-alerts__count wb-alerts__count--${s}`}>
            {total[s]} {s}
          </span>
        ))}
      </div>
      <div className="wb-alerts__list" ref={listRef}>
        {groups.map((g) => (
          <section key={g.brandId} className="wb-alerts__group" style={g.brand ? ({ '--group': g.brand.color } as CSSProperties) : undefined}>
            {(groups.length > 1 || g.brand) && (
              <h3 className="wb-alerts__brand">{g.brand?.name ?? (g.brandId || 'No brand')}</h3>
            )}
            <ul>
              {g.alerts.map((a) => (
                <AlertRow key={a.fingerprint} alert={a} at={at} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {hidden > 0 && <div className="wb-alerts__more">+{hidden} more</div>}
    </div>
  );
}
