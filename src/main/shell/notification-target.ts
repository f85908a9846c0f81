// What a click on a desktop notification, or its "Acknowledge" action, leads to.
import type { NotificationView } from '../../shared/api';

export interface NotificationTarget {
  /** The incident the board focuses; undefined for a summary of several (the drawer opens on the list). */
  incidentId?: string;
  /** The brand whose page the wall shows. */
  brand?: string;
}

export function notificationTarget(n: Pick<NotificationView, 'incidentIds' | 'brand'>): NotificationTarget {
  const only = n.incidentIds.length === 1 ? n.incidentIds[0] : undefined;
  return { ...(only !== undefined ? { incidentId: only } : {}), ...(n.brand !== undefined ? { brand: n.brand } : {}) };
}

/** The "Acknowledge" action: offered for one incident that opened or escalated, never for a resolved one or a summary. */
export function acknowledgeAction(n: Pick<NotificationView, 'incidentIds' | 'kind'>): { id: string } | undefined {
  if (n.incidentIds.length !== 1 || !(n.kind === 'open' || n.kind === 'escalation' || n.kind === 'pipeline')) return undefined;
  return { id: n.incidentIds[0] as string };
}
