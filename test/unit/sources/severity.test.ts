import { describe, expect, it } from 'vitest';
import { mapSeverity } from '../../../src/main/engine/sources/severity';

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
  ] as const)('maps %s to %s', (word, level) => {
    expect(mapSeverity(word)).toBe(level);
  });

  it('maps unknown and missing severities to warning', () => {
    expect(mapSeverity('sev-weird')).toBe('warning');
    expect(mapSeverity('')).toBe('warning');
    expect(mapSeverity(undefined)).toBe('warning');
  });
});
