// Burn-in protection: the whole board drifts a few pixels every few minutes, in a closed loop.
import { useEffect, useState } from 'react';

/** px offsets visited in turn; small enough that nobody notices, large enough to move every edge. */
const PATH: [number, number][] = [
  [0, 0],
  [2, 1],
  [3, -1],
  [1, -2],
  [-1, -2],
  [-3, -1],
  [-2, 1],
  [0, 2],
];
const STEP_MS = 120_000;

export function useBurnIn(enabled: boolean): [number, number] {
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const next = (): void => {
      setStep((s) => (s + 1) % PATH.length);
      timer = setTimeout(next, STEP_MS);
    };
    timer = setTimeout(next, STEP_MS);
    return () => clearTimeout(timer);
  }, [enabled]);
  return enabled ? (PATH[step] ?? [0, 0]) : [0, 0];
}
