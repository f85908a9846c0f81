import { describe, expect, it } from 'vitest';
import { alertSeverity, mapSeverity } from '../../../src/main/engine/sources/severity';

describe('mapSeverity', () => {
  it.each([
    ['critical', 'critical'],
    ['CRITICAL', 'critical'],
    ['page', 'critical'],
    ['high', 'high'],
    ['HIGH', 'high'],
    ['error', 'high'],
    ['warning', 'warning'],
    ['MEDIUM', 'warning'],
    ['info', 'info'],
    ['LOW', 'info'],
    [' Warning ', 'warning'],
    ['SEV-1', 'critical'],
    ['sev_2', 'high'],
    ['Sev 3', 'warning'],
    ['S4', 'info'],
    ['P0', 'critical'],
    ['disaster', 'critical'],
    ['average', 'warning'],
    ['notice', 'info'],
  ] as const)('maps %s to %s', (word, level) => {
    expect(mapSeverity(word)).toBe(level);
  });

  it('maps unknown and missing severities to warning', () => {
    expect(mapSeverity('sev-weird')).toBe('warning');
    expect(mapSeverity('')).toBe('warning');
    expect(mapSeverity(undefined)).toBe('warning');
  });

  it('reads severity, else priority, else level from an alert\'s labels', () => {
    expect(alertSeverity({ alertname: 'X', severity: 'info', priority: 'P1' })).toBe('info');
    expect(alertSeverity({ alertname: 'X', priority: 'P1' })).toBe('critical');
    expect(alertSeverity({ alertname: 'X', level: 'error' })).toBe('high');
    expect(alertSeverity({ alertname: 'X' })).toBe('warning');
  });
});
