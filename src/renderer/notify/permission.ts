// Desktop notification permission: read once, asked for only from a click (browsers ignore or
// penalise a prompt without a user gesture).
import { create } from 'zustand';
import type { NotificationCtor } from './notification-sink';

export type PermissionState = NotificationPermission | 'unsupported';

interface PermissionStore {
  permission: PermissionState;
  set(p: PermissionState): void;
}

export function browserNotification(): NotificationCtor | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification;
}

function current(): PermissionState {
  return browserNotification()?.permission ?? 'unsupported';
}

export const useNotifyPermission = create<PermissionStore>()((set) => ({
  permission: current(),
  set: (permission) => set({ permission }),
}));

/** Call from a click handler. Resolves the permission the person chose. */
export async function requestNotificationPermission(): Promise<PermissionState> {
  const N = typeof Notification === 'undefined' ? undefined : Notification;
  if (!N) return 'unsupported';
  let p: PermissionState;
  try {
    p = await N.requestPermission();
  } catch {
    p = N.permission;
  }
  useNotifyPermission.getState().set(p);
  return p;
}

/** Re-reads the permission (it can change in the browser's site settings while the wall runs). */
export function refreshNotificationPermission(): void {
  const p = current();
  if (p !== useNotifyPermission.getState().permission) useNotifyPermission.getState().set(p);
}
