import { describe, expect, it } from 'vitest';
import { Debouncer, observedState, readHealthBody } from '../../../src/main/engine/sources/health/state';
import type { HealthState } from '../../../src/shared/model';
import { fixture } from './stub-server';

const run = (d: Debouncer, seq: HealthState[]): HealthState[] => seq.map((s) => d.push(s));

describe('Debouncer', () => {
  it('takes the first result as the state', () => {
    expect(new Debouncer(3, 2).push('unhealthy')).toBe('unhealthy');
  });

  it('turns unhealthy only after 3 consecutive failures', () => {
    const d = new Debouncer(3, 2);
    expect(run(d, ['healthy', 'unhealthy', 'unhealthy', 'unhealthy'])).toEqual(['healthy', 'healthy', 'healthy', 'unhealthy']);
  });

  it('ignores a failure run broken by a success', () => {
    const d = new Debouncer(3, 2);
    expect(run(d, ['healthy', 'unhealthy', 'unhealthy', 'healthy', 'unhealthy', 'unhealthy'])).toEqual(Array(6).fill('healthy'));
  });

  it('recovers only after 2 consecutive successes', () => {
    const d = new Debouncer(3, 2);
    expect(run(d, ['unhealthy', 'healthy', 'unhealthy', 'healthy', 'healthy'])).toEqual(['unhealthy', 'unhealthy', 'unhealthy', 'unhealthy', 'healthy']);
  });

  it('moves to the mildest state of a worsening run and the worst of a recovering one', () => {
    const d = new Debouncer(3, 2);
    expect(run(d, ['healthy', 'unhealthy', 'degraded', 'unhealthy'])).toEqual(['healthy', 'healthy', 'healthy', 'degraded']);
    expect(run(d, ['unhealthy', 'unhealthy', 'unhealthy'])).toEqual(['degraded', 'degraded', 'unhealthy']);
    expect(run(d, ['healthy', 'degraded'])).toEqual(['unhealthy', 'degraded']);
  });

  it('honours other thresholds', () => {
    const d = new Debouncer(1, 1);
    expect(run(d, ['healthy', 'degraded', 'healthy'])).toEqual(['healthy', 'degraded', 'healthy']);
  });
});

describe('readHealthBody and observedState', () => {
  const json = (name: string): unknown => JSON.parse(fixture('health', name).body);

  it('reads the common body: status and per-service states', () => {
    expect(readHealthBody(json('healthy'))).toEqual({ status: 'healthy', services: { db: 'healthy', cache: 'healthy' } });
    expect(readHealthBody(json('unhealthy-503'))).toEqual({ status: 'unhealthy', services: { db: 'unhealthy', cache: 'healthy' } });
    expect(readHealthBody({ status: 'UP', services: { a: 'down', b: { status: 'weird' } } })).toEqual({ status: 'healthy', services: { a: 'unhealthy', b: 'degraded' } });
    expect(readHealthBody('pong')).toEqual({});
  });

  it('calls a fine status with a service down degraded', () => {
    expect(observedState(false, true, readHealthBody(json('degraded')))).toBe('degraded');
    expect(observedState(false, true, readHealthBody(json('healthy')))).toBe('healthy');
    expect(observedState(false, true, { status: 'degraded' })).toBe('degraded');
  });

  it('calls a failed condition or no response unhealthy', () => {
    expect(observedState(true, true, readHealthBody(json('healthy')))).toBe('unhealthy');
    expect(observedState(false, false, {})).toBe('unhealthy');
    expect(observedState(false, true, { status: 'unhealthy' })).toBe('unhealthy');
  });

  it('reads at most 200 services', () => {
    const services = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`s${i}`, 'up']));
    expect(Object.keys(readHealthBody({ services }).services!)).toHaveLength(200);
  });
});
