// When a replay frame read by the sync (sync.ts) is shown: the next animation frame.

// why the timer: a hidden page gets no animation frames; a replay frame still lands
const FRAME_FALLBACK = 100; // ms

/** requestAnimationFrame, or a timer when none comes; at once where there is no animation frame (tests in Node). */
export function animationFrame(show: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return show();
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    show();
  };
  const raf = requestAnimationFrame(once);
  const timer = setTimeout(once, FRAME_FALLBACK);
}
