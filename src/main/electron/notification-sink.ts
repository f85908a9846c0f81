// Electron's Notification as a sink of the engine's notify policy: the policy decided, this only
// delivers. A click focuses the board on the incident; "Acknowledge" acknowledges it (where the OS
// shows actions). Sounds are the renderer's, as in the browser.
import type { FocusTarget, NotificationView } from '../../shared/api';
import type { NotificationSink } from '../engine/notify/sinks';
import { acknowledgeAction, notificationTarget } from '../../shared/notification-target';
import type { ElectronApi } from './electron-api';

export interface OsSinkDeps {
  e: Pick<ElectronApi, 'Notification'>;
  focus: (target: FocusTarget) => void;
  acknowledge: (id: string) => void;
  /** notifications are not shown while this is true ("Pause notifications for 1 h") */
  paused: () => boolean;
}

export function createOsNotificationSink(d: OsSinkDeps): NotificationSink {
  return {
    name: 'electron',
    deliver(n: NotificationView) {
      if (d.paused() || !d.e.Notification.isSupported()) return;
      const ack = acknowledgeAction(n);
      const note = new d.e.Notification({
        title: n.title,
        body: n.body,
        // why: the renderer plays the severity's sound, as in the browser; the OS one would double it
        silent: true,
        urgency: n.severity === 'critical' ? 'critical' : 'normal',
        ...(ack ? { actions: [{ type: 'button' as const, text: 'Acknowledge' }] } : {}),
      });
      note.on('click', () => d.focus(notificationTarget(n)));
      if (ack) note.on('action', () => d.acknowledge(ack.id));
      note.show();
    },
  };
}
