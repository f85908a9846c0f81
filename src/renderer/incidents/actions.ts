// Acknowledge, snooze, silence, unsilence through the engine API. Errors become text on the
// incident's row; the answer is shown at once and the next live snapshot confirms it everywhere.
import type { EngineApi } from '../../shared/api';
import type { Incident } from '../../shared/model';
import type { IncidentAction, useIncidents } from './store';

type Store = typeof useIncidents;

export const SNOOZE_CHOICES: { label: string; ms: number }[] = [
  { label: '15m', ms: 15 * 60_000 },
  { label: '1h', ms: 3_600_000 },
  { label: '4h', ms: 4 * 3_600_000 },
];

export const SILENCE_CHOICES: { label: string; ms: number }[] = [
  { label: '1h', ms: 3_600_000 },
  { label: '4h', ms: 4 * 3_600_000 },
  { label: '12h', ms: 12 * 3_600_000 },
  { label: '24h', ms: 24 * 3_600_000 },
  { label: '7d', ms: 7 * 24 * 3_600_000 },
];

function send(api: Pick<EngineApi, 'request'>, a: IncidentAction): Promise<Incident> {
  switch (a.t) {
    case 'ack':
      return api.request('ack', { id: a.id, ...(a.note ? { note: a.note } : {}) });
    case 'snooze':
      return api.request('snooze', { id: a.id, until: a.until });
    case 'silence':
      return api.request('silence', { id: a.id, duration: a.durationMs, comment: a.comment });
    case 'unsilence':
      return api.request('unsilence', { id: a.id });
  }
}

/** Runs one action; resolves true when the engine accepted it. Never throws. */
export async function runIncidentAction(api: Pick<EngineApi, 'request'>, store: Store, a: IncidentAction, now: () => number = Date.now): Promise<boolean> {
  const s = store.getState();
  if (s.pending[a.id]) return false; // why: a double click must not send two silences
  s.setPending(a.id, a.t);
  s.setError(a.id, null);
  try {
    const incident = await send(api, a);
    store.getState().acceptIncident(incident, now());
    return true;
  } catch (e) {
    store.getState().setError(a.id, e instanceof Error ? e.message : String(e));
    return false;
  } finally {
    store.getState().setPending(a.id, null);
  }
}
