// A blink driven by timers (see blink.ts), still under `prefers-reduced-motion: reduce`.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ATTENTION, blinkAt, type BlinkPattern } from './blink';

const REDUCE = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(REDUCE);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(REDUCE).matches);
}

const STILL = { on: false, flashing: false };

/** `{on, flashing}` of `pattern` since `key` was last set or changed; still (and no timer) while
 *  `key` is undefined or motion is reduced. */
export function useBlink(key: string | undefined, pattern: BlinkPattern = ATTENTION): { on: boolean; flashing: boolean } {
  const reduce = usePrefersReducedMotion();
  const [state, setState] = useState(STILL);
  useEffect(() => {
    if (reduce || key === undefined) {
      setState(STILL);
      return;
    }
    const start = performance.now();
    let t: ReturnType<typeof setTimeout>;
    const step = (): void => {
      const s = blinkAt(performance.now() - start, pattern);
      setState((prev) => (prev.on === s.on && prev.flashing === s.flashing ? prev : { on: s.on, flashing: s.flashing }));
      t = setTimeout(step, Math.max(1, s.nextMs)); // ms; a timer that fires early just re-arms
    };
    step();
    return () => clearTimeout(t);
  }, [key, reduce, pattern]);
  return state;
}
