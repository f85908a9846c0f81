// Threshold colour of a value: the highest threshold the value has reached (higher is worse).
import type { Severity, Threshold } from '../../shared/config-schema';

export function thresholdSeverity(thresholds: Threshold[], value: number | null | undefined): Severity | undefined {
  if (value === null || value === undefined || Number.isNaN(value)) return undefined;
  let best: Threshold | undefined;
  for (const t of thresholds) if (value >= t.value && (!best || t.value > best.value)) best = t;
  return best?.severity;
}
