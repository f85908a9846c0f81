// The incident drawer's own state: the newest incident list (from live snapshots and from
// /api/incidents), results of actions taken here (shown at once, before the next snapshot
// confirms them), what is in flight, and whether the drawer is open.
import { create } from 'zustand';
import type { Incident } from '../../shared/model';

export type IncidentAction =
  | { t: 'ack'; id: string; note?: string }
  | { t: 'snooze'; id: string; until: number }
  /** durationMs in ms */
  | { t: 'silence'; id: string; durationMs: number; comment: string }
  | { t: 'unsilence'; id: string };

interface Override {
  incident: Incident;
  /** client ms when the action's answer arrived */
  at: number;
}

/** ms after which an action's answer gives way to any newer list, even one that disagrees. */
const OVERRIDE_MAX_MS = 10_000;

export interface IncidentsState {
  drawerOpen: boolean;
  /** The incident a notification click asked for: its row is marked and scrolled into view. */
  focusedId: string | null;
  list: Incident[];
  /** client ms when the request behind `list` started (or the snapshot arrived); older lists are ignored */
  listStamp: number;
  /** ms to add to Date.now() for the engine's clock (server time − client time), from live snapshots */
  clockOffsetMs: number;
  overrides: Record<string, Override>;
  pending: Record<string, IncidentAction['t']>;
  errors: Record<string, string>;
  setDrawerOpen(open: boolean): void;
  toggleDrawer(): void;
  /** Opens the drawer on one incident (a notification was clicked), or on the list when undefined. */
  openDrawerOn(id: string | undefined): void;
  acceptList(list: Incident[], stamp: number): void;
  acceptIncident(incident: Incident, at: number): void;
  setClockOffset(ms: number): void;
  setPending(id: string, action: IncidentAction['t'] | null): void;
  setError(id: string, message: string | null): void;
}

/** The list as the server last said, agreeing fields of an override make it redundant. */
function confirmedBy(o: Incident, l: Incident | undefined): boolean {
  if (!l) return false;
  return (
    l.status === o.status &&
    l.silenced === o.silenced &&
    l.snoozedUntil === o.snoozedUntil &&
    l.ack?.at === o.ack?.at
  );
}

export function createIncidentsStore() {
  return create<IncidentsState>()((set, get) => ({
    drawerOpen: false,
    focusedId: null,
    list: [],
    listStamp: 0,
    clockOffsetMs: 0,
    overrides: {},
    pending: {},
    errors: {},
    setDrawerOpen: (drawerOpen) => set({ drawerOpen, focusedId: null }),
    toggleDrawer: () => set({ drawerOpen: !get().drawerOpen, focusedId: null }),
    openDrawerOn: (id) => set({ drawerOpen: true, focusedId: id ?? null }),
    acceptList: (list, stamp) => {
      const s = get();
      if (stamp < s.listStamp) return; // why: an answer to an older request must not undo a newer one
      const byId = new Map(list.map((i) => [i.id, i]));
      const overrides: Record<string, Override> = {};
      for (const [id, o] of Object.entries(s.overrides)) {
        const keep = !confirmedBy(o.incident, byId.get(id)) && stamp - o.at < OVERRIDE_MAX_MS && !(stamp > o.at && !byId.has(id));
        if (keep) overrides[id] = o;
      }
      set({ list, listStamp: stamp, overrides });
    },
    acceptIncident: (incident, at) => set({ overrides: { ...get().overrides, [incident.id]: { incident, at } } }),
    setClockOffset: (clockOffsetMs) => {
      if (Math.abs(clockOffsetMs - get().clockOffsetMs) > 250) set({ clockOffsetMs });
    },
    setPending: (id, action) => {
      const pending = { ...get().pending };
      if (action === null) delete pending[id];
      else pending[id] = action;
      set({ pending });
    },
    setError: (id, message) => {
      const errors = { ...get().errors };
      if (message === null) delete errors[id];
      else errors[id] = message;
      set({ errors });
    },
  }));
}

/** The list with this client's newest action results laid over it. */
export function effectiveIncidents(list: Incident[], overrides: Record<string, Override>): Incident[] {
  if (Object.keys(overrides).length === 0) return list;
  return list.map((i) => overrides[i.id]?.incident ?? i);
}

export const useIncidents = createIncidentsStore();
