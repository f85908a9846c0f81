// Drives rotation: a 1 s tick, keyboard (←/→ page, space pause, f fullscreen), and pause on input.
import { useEffect } from 'react';
import { useWallboard } from '../store';

const TICK_MS = 1_000;
/** ms between two "input" dispatches from pointer movement, to keep mousemove cheap. */
const INPUT_THROTTLE_MS = 1_000;

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen().catch(() => undefined);
}

export function useRotation(): void {
  useEffect(() => {
    const store = useWallboard;
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      const s = store.getState();
      const pages = s.board?.pages ?? [];
      // why: with rotation off the tick still runs, so a critical hold can bring the wall back
      const dwellMs = pages.map((p) => (s.rotate ? p.dwell : Infinity));
      s.dispatchRotation({ t: 'tick', now: performance.now(), dwellMs });
      timer = setTimeout(tick, TICK_MS);
    };
    timer = setTimeout(tick, TICK_MS);

    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
      const s = store.getState();
      const pageCount = s.board?.pages.length ?? 0;
      const now = performance.now();
      if (e.key === 'ArrowRight') s.dispatchRotation({ t: 'go', now, delta: 1, pageCount });
      else if (e.key === 'ArrowLeft') s.dispatchRotation({ t: 'go', now, delta: -1, pageCount });
      else if (e.key === ' ') {
        e.preventDefault();
        s.dispatchRotation({ t: 'toggle-pause', now });
      } else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
      else s.dispatchRotation({ t: 'input', now });
    };
    let lastInput = -Infinity;
    const onPointer = (): void => {
      const now = performance.now();
      if (now - lastInput < INPUT_THROTTLE_MS) return;
      lastInput = now;
      store.getState().dispatchRotation({ t: 'input', now });
    };
    window.addEventListener('keydown', onKey);
    for (const ev of ['mousemove', 'mousedown', 'wheel', 'touchstart'] as const) window.addEventListener(ev, onPointer, { passive: true });

    // keep the page index valid when a reload changes the number of pages
    const offPages = store.subscribe(
      (s) => s.board?.pages.length ?? 0,
      (pageCount) => store.getState().dispatchRotation({ t: 'pages', now: performance.now(), pageCount }),
    );
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
      for (const ev of ['mousemove', 'mousedown', 'wheel', 'touchstart'] as const) window.removeEventListener(ev, onPointer);
      offPages();
    };
  }, []);
}
