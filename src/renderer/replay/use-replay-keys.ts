// Replay keys: `r` toggles replay; in replay `,` `.` step one interval, `<` `>` step 5 min, `[` `]`
// jump to the previous / next incident, space plays and pauses. A rotating kiosk left in replay
// returns to live after 5 minutes without input.
import { useEffect } from 'react';
import { useWallboard } from '../store';
import { startKioskIdleReturn } from './kiosk-idle';
import { jumpIncident, step, toggleReplay, togglePlay } from './replay-actions';

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

export function useReplayKeys(): void {
  useEffect(() => {
    const idle = startKioskIdleReturn(useWallboard);
    const onKey = (e: KeyboardEvent): void => {
      idle.touch();
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
    const onPointer = (): void => idle.touch();
    window.addEventListener('keydown', onKey, { capture: true });
    for (const ev of ['pointerdown', 'pointermove', 'wheel'] as const) window.addEventListener(ev, onPointer, { passive: true });
    return () => {
      idle.stop();
      window.removeEventListener('keydown', onKey, { capture: true });
      for (const ev of ['pointerdown', 'pointermove', 'wheel'] as const) window.removeEventListener(ev, onPointer);
    };
  }, []);
}
