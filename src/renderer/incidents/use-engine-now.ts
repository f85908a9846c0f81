// The engine's "now" for ages: client time corrected by the offset seen in live snapshots, or the
// replay time when replaying (ages then read as they did at that moment).
import { useEffect, useState } from 'react';
import { useWallboard } from '../store/index';
import { useIncidents } from './store';

export function useEngineNow(periodMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let t: ReturnType<typeof setTimeout>;
    const step = (): void => {
      setNow(Date.now());
      t = setTimeout(step, periodMs - (Date.now() % periodMs)); // ms: align to the period
    };
    t = setTimeout(step, periodMs - (Date.now() % periodMs));
    return () => clearTimeout(t);
  }, [periodMs]);
  const offset = useIncidents((s) => s.clockOffsetMs);
  const replayAt = useWallboard((s) => (s.mode === 'replay' ? s.snapshot?.at : undefined));
  return replayAt ?? now + offset;
}
