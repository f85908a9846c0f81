// The browser notification sink (serve mode): the engine's notify policy decides, this only
// delivers. Each NotificationView id is shown at most once per browser, whatever the event stream does.
import type { EngineApi, NotificationView } from '../../shared/api';
import type { SeenIds } from './seen-ids';
import type { SoundPlayer } from './sound';

/** The parts of the DOM `Notification` class this uses (so tests can pass their own). */
export interface NotificationCtor {
  readonly permission: NotificationPermission;
  new (title: string, options?: NotificationOptions): { onclick: ((this: Notification, ev: Event) => unknown) | null; close(): void };
}

export interface NotificationSinkOptions {
  api: Pick<EngineApi, 'on'>;
  /** `window.Notification`; undefined where the browser has none (then only sound plays). */
  notification: NotificationCtor | undefined;
  sound?: SoundPlayer;
  seen: SeenIds;
  /** A person clicked the notification: bring the wall forward and show the incident. */
  onClick?: (n: NotificationView) => void;
}

export type Delivery = 'shown' | 'duplicate' | 'no-permission' | 'failed';

export function notificationOptions(n: NotificationView): NotificationOptions {
  return {
    body: n.body,
    // why: the OS replaces a notification with the same tag instead of stacking a copy (other tabs)
    tag: n.id,
    // a resolved notice is good news; only a live critical should stay until someone looks
    requireInteraction: n.severity === 'critical' && n.kind !== 'resolved',
  };
}

/** Delivers one notification; what happened, for tests and logs. */
export function deliver(n: NotificationView, o: Omit<NotificationSinkOptions, 'api'>): Delivery {
  if (o.seen.has(n.id)) return 'duplicate';
  o.seen.add(n.id);
  if (n.sound !== undefined) o.sound?.play(n.severity, n.sound);
  const N = o.notification;
  if (!N || N.permission !== 'granted') return 'no-permission';
  try {
    const shown = new N(n.title, notificationOptions(n));
    shown.onclick = () => {
      o.onClick?.(n);
      shown.close();
    };
    return 'shown';
  } catch (e) {
    // why: some browsers (Chrome on Android) only allow notifications from a service worker
    console.warn(`wallboard: notification failed: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}

/** Listens to the engine's `notification` events; returns the unsubscribe function. */
export function startNotificationSink(o: NotificationSinkOptions): () => void {
  return o.api.on('notification', (n) => {
    deliver(n, o);
  });
}
