// "Enable desktop notifications": the one place that asks for permission, from a click.
import { useNotifyPermission, requestNotificationPermission } from './permission';
import { alertSound } from './sound-instance';
import './notify.css';

export function EnableNotifications(): React.JSX.Element | null {
  const permission = useNotifyPermission((s) => s.permission);
  if (permission === 'unsupported') return null;
  if (permission === 'granted') {
    return (
      <span className="wb-notify-state" data-testid="notifications-enabled">
        Desktop notifications on
      </span>
    );
  }
  if (permission === 'denied') {
    return (
      <span className="wb-notify-state wb-notify-denied" data-testid="notifications-blocked">
        Desktop notifications are blocked in this browser's site settings
      </span>
    );
  }
  return (
    <button
      type="button"
      className="wb-notify-enable"
      data-testid="enable-notifications"
      onClick={() => {
        alertSound.unlock();
        void requestNotificationPermission();
      }}
    >
      Enable desktop notifications
    </button>
  );
}
