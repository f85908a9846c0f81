// A new critical incident makes a rotating wall jump to its page and hold there until it is no
// longer open (acknowledged, resolved, silenced or snoozed).
import { isActiveCritical, newCriticals, pageForIncident } from '../board/critical';
import type { useWallboard } from './index';

type Store = typeof useWallboard;

function perfNow(): number {
  return performance.now();
}

export function watchCriticals(store: Store): () => void {
  return store.subscribe(
    (s) => [s.snapshot, s.board] as const,
    ([snapshot, board]) => {
      if (!snapshot || !board) return;
      const s = store.getState();
      const fresh = newCriticals(snapshot.incidents, s.seenIncidents, snapshot.at);
      if (fresh.length) s.markSeen(fresh.map((i) => i.id));
      const hold = s.rotation.hold;
      if (hold) {
        const held = snapshot.incidents.find((i) => i.id === hold.incidentId);
        if (!held || !isActiveCritical(held, snapshot.at)) {
          s.dispatchRotation({ t: 'release', now: perfNow() });
          // why: another critical still open keeps the wall held, on its own page
          const other = snapshot.incidents
            .filter((i) => isActiveCritical(i, snapshot.at))
            .sort((a, b) => b.openedAt - a.openedAt)[0];
          const pageIndex = other ? pageForIncident(board, other) : undefined;
          if (other && pageIndex !== undefined && s.mode === 'live' && s.rotate && !fresh.length) {
            store.getState().dispatchRotation({ t: 'critical', now: perfNow(), incidentId: other.id, pageIndex });
          }
        }
      }
      // why: only a rotating kiosk jumps; on a laptop (`?rotate=0`) a person chose the page, and the
      // critical banner and notifications tell them instead
      if (s.mode !== 'live' || !s.rotate) return;
      for (const incident of fresh) {
        const pageIndex = pageForIncident(board, incident);
        if (pageIndex === undefined) continue;
        store.getState().dispatchRotation({ t: 'critical', now: perfNow(), incidentId: incident.id, pageIndex });
        break;
      }
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
}
