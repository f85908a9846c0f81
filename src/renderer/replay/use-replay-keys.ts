// Replay keys: `r` toggles replay; in replay `,` `.` step one interval, `<` `>` step 5 min, `[` `]`
// jump to the previous / next incident, space plays and pauses. A rotating kiosk left in replay
// returns to live after 5 minutes without input.
import { useEffect } from 'react';
import { useWallboard } from '../store';
import { jumpIncident, step, toggleReplay, togglePlay } from './replay-actions';

export const KIOSK_IDLE_MS = 5 * 60_000;
const IDLE_CHECK_MS = 5_000;

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

export function useReplayKeys(): void {
  useEffect(() => {
    let lastInput = performance.now();
    const onKey = (e: KeyboardEvent): void => {
      lastInput = performance.now();
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const replay = useWallboard.getState().mode === 'replay';
      let handled = true;
      if (e.key === 'r' || e.key === 'R') toggleReplay();
      else if (!replay) handled = false;
      else if (e.key === ',') step(-1, false);
      else if (e.key === '.') step(1, false);
      else if (e.key === '<') step(-1, true);
      else if (e.key === '>') step(1, true);
      else if (e.key === '[') jumpIncident(-1);
      else if (e.key === ']') jumpIncident(1);
      else if (e.key === ' ') togglePlay();
      else handled = false;
      if (handled) {
        // why: capture phase on window, so the rotation's own space (pause rotation) does not also fire
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    const onPointer = (): void => {
      lastInput = performance.now();
    };
    let timer: ReturnType<typeof setTimeout>;
    const idleCheck = (): void => {
      const s = useWallboard.getState();
      if (s.mode === 'replay' && s.rotate && performance.now() - lastInput >= KIOSK_IDLE_MS) s.exitReplay();
      timer = setTimeout(idleCheck, IDLE_CHECK_MS);
    };
    timer = setTimeout(idleCheck, IDLE_CHECK_MS);
    window.addEventListener('keydown', onKey, { capture: true });
    for (const ev of ['pointerdown', 'pointermove', 'wheel'] as const) window.addEventListener(ev, onPointer, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey, { capture: true });
      for (const ev of ['pointerdown', 'pointermove', 'wheel'] as const) window.removeEventListener(ev, onPointer);
    };
  }, []);
}
