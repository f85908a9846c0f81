// The live wall re-reads the gaps when the set of sources that are down changes.
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../shared/api';
import { downKey } from './use-timeline';

const report = (states: Record<string, 'ok' | 'stale' | 'down'>): StatusReport => ({
  at: 0,
  ok: true,
  sources: Object.entries(states).map(([sourceId, state]) => ({ sourceId, kind: 'prometheus', state, intervalMs: 1_000 })),
});

describe('downKey', () => {
  it('names the sources that are down, in a stable order, and is empty when none is', () => {
    expect(downKey(null)).toBe('');
    expect(downKey(report({ a: 'ok', b: 'stale' }))).toBe('');
    expect(downKey(report({ z: 'down', a: 'down', m: 'ok' }))).toBe('a z');
    expect(downKey(report({ a: 'down', z: 'down' }))).toBe(downKey(report({ z: 'down', a: 'down' })));
  });
});
