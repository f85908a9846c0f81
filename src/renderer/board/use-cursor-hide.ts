// Kiosk walls hide the mouse cursor after a few idle seconds; any movement shows it again.
import { useEffect } from 'react';

export const CURSOR_IDLE_MS = 5_000;
export const CURSOR_HIDDEN_CLASS = 'wb-cursor-hidden';

export function useCursorHide(enabled: boolean, idleMs: number = CURSOR_IDLE_MS): void {
  useEffect(() => {
    if (!enabled) return;
    const root = document.documentElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      root.classList.remove(CURSOR_HIDDEN_CLASS);
      clearTimeout(timer);
      timer = setTimeout(() => root.classList.add(CURSOR_HIDDEN_CLASS), idleMs);
    };
    arm();
    window.addEventListener('mousemove', arm, { passive: true });
    window.addEventListener('mousedown', arm, { passive: true });
    return () => {
      clearTimeout(timer);
      root.classList.remove(CURSOR_HIDDEN_CLASS);
      window.removeEventListener('mousemove', arm);
      window.removeEventListener('mousedown', arm);
    };
  }, [enabled, idleMs]);
}
