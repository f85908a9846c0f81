// Kiosk banner for a critical incident: readable from 5 m, it stays until the incident is
// acknowledged, resolved, silenced or snoozed. Live mode only (replay shows what was, calmly).
import { useEffect, useMemo } from 'react';
import type { CSSProperties } from 'react';
import { useWallboard } from '../store/index';
import { useBrandLook } from './brands';
import { formatAge } from '../../shared/duration';
import { bannerIncident, bannerText } from './incident-view';
import { effectiveIncidents, useIncidents } from './store';
import { useEngineNow } from './use-engine-now';
import { useBlink } from '../board/use-blink';
import './critical-banner.css';

export function CriticalBanner(): React.JSX.Element | null {
  const list = useIncidents((s) => s.list);
  const overrides = useIncidents((s) => s.overrides);
  const openDrawer = useIncidents((s) => s.setDrawerOpen);
  const live = useWallboard((s) => s.mode === 'live');
  const brandLook = useBrandLook();
  const now = useEngineNow();
  const shown = useMemo(() => (live ? bannerIncident(effectiveIncidents(list, overrides), now) : null), [live, list, overrides, now]);

  // why: the board moves down below the banner instead of hiding its top row (see incidents.css)
  const on = shown !== null;
  useEffect(() => {
    const root = document.documentElement;
    if (on) root.setAttribute('data-critical-banner', '');
    else root.removeAttribute('data-critical-banner');
    return () => root.removeAttribute('data-critical-banner');
  }, [on]);

  // a newer critical starts the pattern again with its first-seconds flash
  const blink = useBlink(shown?.incident.id);

  if (!shown) return null;
  const { incident, more } = shown;
  const brand = brandLook(incident.brand);
  const { headline, detail } = bannerText(incident);
  const style = brand ? ({ '--brand': brand.color } as CSSProperties) : undefined;
  const look = blink.on ? (blink.flashing ? ' wb-critical--flash' : ' wb-critical--dim') : '';
  return (
    <div className={`wb-critical${look}`} data-testid="critical-banner" data-incident-id={incident.id} role="alert" style={style}>
      <div className="wb-critical__sev">CRITICAL</div>
      <div className="wb-critical__main">
        <div className="wb-critical__title" title={incident.title}>
          {headline}
        </div>
        <div className="wb-critical__meta">
          {brand && <span className="wb-critical__brand">{brand.name}</span>}
          <span className="wb-critical__age">open {formatAge(now - incident.openedAt)}</span>
          {detail && <span className="wb-critical__summary">{detail}</span>}
        </div>
      </div>
      <div className="wb-critical__side">
        {more > 0 && <span className="wb-critical__more">+{more} more critical</span>}
        <button type="button" className="wb-critical__open" data-testid="critical-banner-open" onClick={() => openDrawer(true)}>
          Details
        </button>
      </div>
    </div>
  );
}
