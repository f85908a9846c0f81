// What a click on a desktop notification, or its "Acknowledge" action, leads to.
// Shared: the desktop shell sends it as the `focus` event, the browser's own notification click uses it too.
import type { FocusTarget, NotificationView } from './api';

export function notificationTarget(n: Pick<NotificationView, 'incidentIds' | 'brand'>): FocusTarget {
  const only = n.incidentIds.length === 1 ? n.incidentIds[0] : undefined;
  return { ...(only !== undefined ? { incidentId: only } : {}), ...(n.brand !== undefined ? { brand: n.brand } : {}) };
}

/** The "Acknowledge" action: offered for one incident that opened or escalated, never for a resolved one or a summary. */
export function acknowledgeAction(n: Pick<NotificationView, 'incidentIds' | 'kind'>): { id: string } | undefined {
  if (n.incidentIds.length !== 1 || !(n.kind === 'open' || n.kind === 'escalation' || n.kind === 'pipeline')) return undefined;
  return { id: n.incidentIds[0] as string };
}
