// The incident drawer (laptop): every open and acknowledged incident, worst and newest first,
// with its actions. Opened by the toggle or a notification click (on that incident), closed by
// Escape or the close button.
import { useEffect, useMemo, useRef } from 'react';
import type { EngineApi } from '../../shared/api';
import { EnableNotifications } from '../notify/EnableNotifications';
import { useWallboard } from '../store/index';
import { useBrandLook } from './brands';
import { IncidentRow } from './IncidentRow';
import { openCount, sortIncidents } from './incident-view';
import { effectiveIncidents, useIncidents } from './store';
import { useEngineNow } from './use-engine-now';

export function IncidentDrawer({ api, notifications }: { api: Pick<EngineApi, 'request'>; notifications: boolean }): React.JSX.Element | null {
  const open = useIncidents((s) => s.drawerOpen);
  const list = useIncidents((s) => s.list);
  const overrides = useIncidents((s) => s.overrides);
  const focusedId = useIncidents((s) => s.focusedId);
  const close = useIncidents((s) => s.setDrawerOpen);
  const mode = useWallboard((s) => s.mode);
  const brandLook = useBrandLook();
  const now = useEngineNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const incidents = useMemo(() => sortIncidents(effectiveIncidents(list, overrides), now), [list, overrides, now]);
  const { count } = openCount(incidents, now);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  if (!open) return null;
  return (
    <aside
      className="wb-drawer"
      data-testid="incident-drawer"
      role="dialog"
      aria-label="Incidents"
      onKeyDown={(e) => {
        // why: typing a note must not page or pause the wall (the board listens on window)
        e.stopPropagation();
        if (e.key === 'Escape') close(false);
      }}
    >
      <header className="wb-drawer__head">
        <h2 className="wb-drawer__title" ref={heading} tabIndex={-1}>
          Incidents
          <span className="wb-drawer__count">
            {count} open · {incidents.length} total
          </span>
        </h2>
        <button type="button" className="wb-inc-btn wb-drawer__close" aria-label="Close incidents" data-testid="incident-drawer-close" onClick={() => close(false)}>
          ✕
        </button>
      </header>
      <div className="wb-drawer__tools">
        {notifications && <EnableNotifications />}
        {mode === 'replay' && (
          <span className="wb-drawer__replay" data-testid="incident-drawer-replay">
            Replay: incidents as they were. Actions are off: back to live to act
          </span>
        )}
      </div>
      {incidents.length === 0 ? (
        <p className="wb-drawer__empty" data-testid="incidents-empty">
          No open incidents.
        </p>
      ) : (
        <ul className="wb-drawer__list">
          {incidents.map((i) => (
            <IncidentRow key={i.id} api={api} incident={i} brand={brandLook(i.brand)} now={now} actions={mode === 'live'} focused={i.id === focusedId} />
          ))}
        </ul>
      )}
    </aside>
  );
}
