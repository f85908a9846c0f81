// Upstream severity words → our four levels. Teams spell severity many ways; one table decides.
import type { Severity } from '../../../shared/model';

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  page: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  p1: 'critical',
  high: 'high',
  error: 'high',
  major: 'high',
  p2: 'high',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  minor: 'warning',
  p3: 'warning',
  info: 'info',
  informational: 'info',
  low: 'info',
  none: 'info',
  p4: 'info',
  p5: 'info',
};

/** `mapSeverity("CRITICAL") === "critical"`; unknown or missing → "warning" (seen, not paged). */
export function mapSeverity(text: string | undefined): Severity {
  if (text === undefined) return 'warning';
  return WORDS[text.trim().toLowerCase()] ?? 'warning';
}
