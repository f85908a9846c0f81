// Mounts the browser notification sink once. Not used inside Electron, where the main process
// shows OS notifications itself (a second copy from the renderer would be a duplicate).
import { useEffect } from 'react';
import type { EngineApi, NotificationView } from '../../shared/api';
import { startNotificationSink } from './notification-sink';
import { browserNotification, refreshNotificationPermission } from './permission';
import { createSeenIds } from './seen-ids';
import { alertSound } from './sound-instance';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // why: reading localStorage throws when site data is blocked
  }
}

export function NotificationSink(props: { api: Pick<EngineApi, 'on'>; onClick?: (n: NotificationView) => void }): null {
  const { api, onClick } = props;
  useEffect(() => {
    const off = startNotificationSink({
      api,
      notification: browserNotification(),
      sound: alertSound,
      seen: createSeenIds(storage()),
      onClick: (n) => {
        window.focus();
        onClick?.(n);
      },
    });
    // why: audio may only start after a gesture; any first click or key on the wall unlocks it
    const unlock = (): void => alertSound.unlock();
    window.addEventListener('pointerdown', unlock, { once: true, capture: true });
    window.addEventListener('keydown', unlock, { once: true, capture: true });
    const onVisible = (): void => refreshNotificationPermission();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api, onClick]);
  return null;
}
