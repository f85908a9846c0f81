import { describe, expect, it } from 'vitest';
import { INPUT_PAUSE_MS, initialRotation, pauseReason, rotate, type RotationState } from '../../../src/renderer/board/rotation';

const dwell = [10_000, 20_000, 10_000];
const tick = (s: RotationState, now: number): RotationState => rotate(s, { t: 'tick', now, dwellMs: dwell });

describe('page rotation', () => {
  it('advances after each page’s own dwell and wraps around', () => {
    let s = initialRotation(0);
    s = tick(s, 9_999);
    expect(s.index).toBe(0);
    s = tick(s, 10_000);
    expect(s.index).toBe(1);
    s = tick(s, 29_000);
    expect(s.index).toBe(1);
    s = tick(s, 30_000);
    expect(s.index).toBe(2);
    s = tick(s, 40_000);
    expect(s.index).toBe(0);
  });

  it('pauses on user input and resumes a full dwell after 60 s', () => {
    let s = rotate(initialRotation(0), { t: 'input', now: 5_000 });
    expect(pauseReason(s, 6_000)).toBe('input');
    s = tick(s, 5_000 + INPUT_PAUSE_MS - 1);
    expect(s.index).toBe(0);
    s = tick(s, 5_000 + INPUT_PAUSE_MS);
    expect(s.index).toBe(0);
    expect(pauseReason(s, 5_000 + INPUT_PAUSE_MS)).toBeNull();
    s = tick(s, 5_000 + INPUT_PAUSE_MS + 10_000);
    expect(s.index).toBe(1);
  });

  it('opens on the page the address names for a full dwell, without an input pause', () => {
    // the wall used to jump there with a dwell already 60 s old: a rotating wall left the page at once
    let s = rotate(initialRotation(0), { t: 'start', now: 1_000, index: 2 });
    expect(s.index).toBe(2);
    expect(pauseReason(s, 1_001)).toBeNull();
    s = tick(s, 1_000 + 9_999);
    expect(s.index).toBe(2);
    s = tick(s, 1_000 + 10_000);
    expect(s.index).toBe(0);
  });

  it('moves with the arrow keys and wraps', () => {
    let s = rotate(initialRotation(0), { t: 'go', now: 1, delta: -1, pageCount: 3 });
    expect(s.index).toBe(2);
    s = rotate(s, { t: 'go', now: 2, delta: 1, pageCount: 3 });
    expect(s.index).toBe(0);
    expect(pauseReason(s, 3)).toBe('input');
  });

  it('holds while space-paused until space again', () => {
    let s = rotate(initialRotation(0), { t: 'toggle-pause', now: 0 });
    s = tick(s, 500_000);
    expect(s.index).toBe(0);
    expect(pauseReason(s, 500_000)).toBe('manual');
    s = rotate(s, { t: 'toggle-pause', now: 500_000 });
    s = tick(s, 510_000);
    expect(s.index).toBe(1);
  });

  it('jumps to a critical incident’s page and stays there until released', () => {
    let s = rotate(initialRotation(0), { t: 'critical', now: 1_000, incidentId: 'i1', pageIndex: 2 });
    expect(s.index).toBe(2);
    s = tick(s, 1_000_000);
    expect(s.index).toBe(2);
    expect(pauseReason(s, 1_000_000)).toBe('hold');
    s = rotate(s, { t: 'release', now: 1_000_000 });
    s = tick(s, 1_010_000);
    expect(s.index).toBe(0);
  });

  it('returns to the held page after a person browsed away and the input pause ended', () => {
    let s = rotate(initialRotation(0), { t: 'critical', now: 0, incidentId: 'i1', pageIndex: 1 });
    s = rotate(s, { t: 'go', now: 1_000, delta: 1, pageCount: 3 });
    expect(s.index).toBe(2);
    s = tick(s, 1_000 + INPUT_PAUSE_MS);
    expect(s.index).toBe(1);
  });

  it('keeps the index valid when pages disappear', () => {
    let s = rotate(initialRotation(0), { t: 'go', now: 0, delta: 2, pageCount: 3 });
    s = rotate(s, { t: 'pages', now: 1, pageCount: 2 });
    expect(s.index).toBe(0);
  });
});
