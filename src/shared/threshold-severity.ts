// Which threshold a value has crossed: the one source of truth for the engine's snapshots and
// incidents and the renderer's colours. Thresholds are crossed at value ≥ threshold, or, on a panel
// where lower is worse (`worse: below`, e.g. a success rate), at value ≤ threshold.
import type { Severity, Threshold } from './config-schema';

export type Worse = 'above' | 'below';

export function crossedSeverity(value: number | null | undefined, thresholds: readonly Threshold[], worse: Worse = 'above'): Severity | undefined {
  if (value === null || value === undefined || Number.isNaN(value)) return undefined;
  let best: Threshold | undefined;
  for (const t of thresholds) {
    if (worse === 'above' ? value >= t.value && (!best || t.value > best.value) : value <= t.value && (!best || t.value < best.value)) best = t;
  }
  return best?.severity;
}

/** The next threshold the value would cross going the worse way, if any (for forecasts). */
export function nextThreshold(value: number, thresholds: readonly Threshold[], worse: Worse = 'above'): Threshold | undefined {
  const ahead = thresholds.filter((t) => (worse === 'above' ? t.value > value : t.value < value));
  return ahead.sort((a, b) => (worse === 'above' ? a.value - b.value : b.value - a.value))[0];
}
