import { describe, expect, it } from 'vitest';
import { SOURCE_FACTORIES, createSources } from '../../../src/main/engine/sources/registry';
import { makeBoard } from './board';

describe('createSources', () => {
  it('builds one source per configured entry, by kind, with its interval and timeout', () => {
    const board = makeBoard({
      sources: {
        prometheus: [{ id: 'prom', url: 'http://127.0.0.1:9090', interval: '10s' }],
        alertmanager: [{ id: 'am1', url: 'http://127.0.0.1:9093' }, { id: 'am2', url: 'http://127.0.0.1:9094' }],
        'prometheus-alerts': [{ id: 'pa', url: 'http://127.0.0.1:9090' }],
        health: [{ id: 'shop', url: 'https://shop.example/health', timeout: '2s' }],
      },
    });
    const sources = createSources(board);
    expect(sources.map((s) => [s.id, s.kind])).toEqual([
      ['prom', 'prometheus'],
      ['am1', 'alertmanager'],
      ['am2', 'alertmanager'],
      ['pa', 'prometheus-alerts'],
      ['shop', 'health'],
    ]);
    expect(sources[0]!.intervalMs).toBe(10_000);
    expect(sources[4]!.intervalMs).toBe(30_000);
    // the check's own 2 s timeout fires before the scheduler's
    expect(sources[4]!.timeoutMs).toBeGreaterThan(2000);
  });

  it('has a factory for every kind a board may list', () => {
    const kinds = Object.keys(makeBoard({ sources: {} }).sources).sort();
    expect(Object.keys(SOURCE_FACTORIES).sort()).toEqual(kinds);
  });

  it('builds demo sources through the demo module', () => {
    const board = makeBoard({ sources: { demo: [{ id: 'demo' }] } });
    const sources = createSources(board);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s.kind === 'demo')).toBe(true);
  });
});
