// The one mount for incidents and notifications: toggle, drawer, kiosk banner, browser sink.
// Drawn above the board; carries the board's theme so its colours follow light/dark.
import { useCallback, useEffect } from 'react';
import type { EngineApi, NotificationView } from '../../shared/api';
import { notificationTarget } from '../../shared/notification-target';
import { NotificationSink } from '../notify/NotificationSink';
import { useWallboard } from '../store/index';
import { CriticalBanner } from './CriticalBanner';
import { IncidentDrawer } from './IncidentDrawer';
import { IncidentsToggle } from './IncidentsToggle';
import { startIncidentFeed } from './feed';
import { useIncidents } from './store';
import './incidents.css';

export interface IncidentsLayerProps {
  api: EngineApi;
  /**
   * Browser notifications from this page. Default: on, unless inside Electron (a `wallboard`
   * bridge on window), where the main process shows OS notifications itself.
   */
  notifications?: boolean;
  /** Draw the floating toggle (false when the host puts IncidentsToggle somewhere itself). */
  toggle?: boolean;
}

function inElectron(): boolean {
  return typeof window !== 'undefined' && 'wallboard' in window;
}

export function IncidentsLayer({ api, notifications = !inElectron(), toggle = true }: IncidentsLayerProps): React.JSX.Element {
  const theme = useWallboard((s) => s.theme);
  useEffect(() => startIncidentFeed(api, useWallboard, useIncidents), [api]);
  // why: the desktop shell sends `focus` when one of its OS notifications is clicked
  useEffect(() => api.on('focus', (t) => useIncidents.getState().openDrawerOn(t.incidentId)), [api]);
  const onClick = useCallback((n: NotificationView) => useIncidents.getState().openDrawerOn(notificationTarget(n).incidentId), []);
  return (
    <div className="wb-incidents" data-theme={theme}>
      {notifications && <NotificationSink api={api} onClick={onClick} />}
      <CriticalBanner />
      {toggle && <IncidentsToggle className="wb-inc-toggle--floating" />}
      <IncidentDrawer api={api} notifications={notifications} />
    </div>
  );
}
