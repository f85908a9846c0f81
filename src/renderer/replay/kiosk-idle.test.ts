// The kiosk's idle return to live, driven by fake timers against the real zustand store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWallboardStore } from '../store';
import { KIOSK_IDLE_MS, startKioskIdleReturn } from './kiosk-idle';

const T = 1_700_000_000_000; // ms

describe('kiosk idle return from replay', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('returns a rotating wall to live after 5 idle minutes, not before', () => {
    const store = createWallboardStore();
    store.getState().setReplayAt(T);
    const idle = startKioskIdleReturn(store);
    vi.advanceTimersByTime(KIOSK_IDLE_MS - 10_000);
    expect(store.getState().mode).toBe('replay');
    vi.advanceTimersByTime(15_000);
    expect(store.getState().mode).toBe('live');
    expect(store.getState().replayAt).toBeNull();
    idle.stop();
  });

  it('counts the 5 minutes from the last input', () => {
    const store = createWallboardStore();
    store.getState().setReplayAt(T);
    const idle = startKioskIdleReturn(store);
    vi.advanceTimersByTime(4 * 60_000);
    idle.touch();
    vi.advanceTimersByTime(4 * 60_000);
    expect(store.getState().mode).toBe('replay');
    vi.advanceTimersByTime(60_000 + 5_000);
    expect(store.getState().mode).toBe('live');
    idle.stop();
  });

  it('leaves a non-rotating wall (a person at a laptop) in replay', () => {
    const store = createWallboardStore();
    store.getState().setRotate(false);
    store.getState().setReplayAt(T);
    const idle = startKioskIdleReturn(store);
    vi.advanceTimersByTime(3 * KIOSK_IDLE_MS);
    expect(store.getState().mode).toBe('replay');
    idle.stop();
  });
});
