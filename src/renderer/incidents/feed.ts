// Feeds the incident store: every snapshot the board store receives (live and replay), plus a
// fresh /api/incidents read whenever the drawer opens, or is sent to an incident, in live mode.
import type { EngineApi } from '../../shared/api';
import type { useWallboard } from '../store/index';
import type { useIncidents } from './store';

type WallboardStore = typeof useWallboard;
type IncidentsStore = typeof useIncidents;

export function startIncidentFeed(api: Pick<EngineApi, 'request'>, board: WallboardStore, incidents: IncidentsStore): () => void {
  let stopped = false;

  const fromSnapshot = (): void => {
    const snap = board.getState().snapshot;
    if (!snap) return;
    const now = Date.now();
    if (snap.live) incidents.getState().setClockOffset(snap.at - now);
    incidents.getState().acceptList(snap.incidents, now);
  };

  async function fetchList(): Promise<void> {
    if (board.getState().mode !== 'live') return; // why: replay shows incidents as they were, from the snapshot
    const stamp = Date.now();
    try {
      const list = await api.request('incidents', {});
      if (!stopped && board.getState().mode === 'live') incidents.getState().acceptList(list, stamp);
    } catch (e) {
      // the snapshot feed keeps the list; the connection banner tells about a lost engine
      console.warn(`wallboard: incidents: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  fromSnapshot();
  const offSnap = board.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot) fromSnapshot();
  });
  const offOpen = incidents.subscribe((s, prev) => {
    const focused = s.focusedId !== null && s.focusedId !== prev.focusedId;
    if ((s.drawerOpen && !prev.drawerOpen) || focused) void fetchList();
  });
  return () => {
    stopped = true;
    offSnap();
    offOpen();
  };
}
