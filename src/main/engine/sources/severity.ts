// Upstream severity words → our four levels. Teams spell severity many ways; one table decides.
import type { Severity } from '../../../shared/model';

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  disaster: 'critical', // Zabbix
  urgent: 'critical',
  blocker: 'critical',
  alert: 'critical', // syslog's level above crit
  emerg: 'critical',
  p0: 'critical',
  sev0: 'critical',
  sev1: 'critical',
  s1: 'critical',
  crit: 'critical',
  page: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  p1: 'critical',
  high: 'high',
  error: 'high',
  major: 'high',
  p2: 'high',
  severe: 'high',
  sev2: 'high',
  s2: 'high',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  minor: 'warning',
  p3: 'warning',
  average: 'warning', // Zabbix
  moderate: 'warning',
  sev3: 'warning',
  s3: 'warning',
  info: 'info',
  informational: 'info',
  low: 'info',
  none: 'info',
  p4: 'info',
  p5: 'info',
  notice: 'info',
  debug: 'info',
  sev4: 'info',
  sev5: 'info',
  s4: 'info',
  s5: 'info',
};

/**
 * `mapSeverity("CRITICAL") === "critical"`, `"SEV-1"` and `"sev_1"` as `"sev1"`; unknown or missing →
 * "warning" (seen, not paged).
 */
export function mapSeverity(text: string | undefined): Severity {
  if (text === undefined) return 'warning';
  return WORDS[text.trim().toLowerCase().replace(/[\s_-]+/g, '')] ?? 'warning';
}

/** An alert's severity from its labels: `severity`, else `priority` (P1…), else `level`, as rules spell it. */
export function alertSeverity(labels: Readonly<Record<string, string>>): Severity {
  return mapSeverity(labels.severity ?? labels.priority ?? labels.level);
}
