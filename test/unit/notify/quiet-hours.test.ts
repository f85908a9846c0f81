import { describe, expect, it } from 'vitest';
import { isQuiet, tzOffsetMinutes } from '../../../src/main/engine/notify/quiet-hours';

const at = (iso: string): number => Date.parse(iso);

describe('quiet hours', () => {
  it('covers a same-day range [from, to)', () => {
    const q = { from: '12:00', to: '14:00' };
    expect(isQuiet(at('2025-01-15T11:59:00Z'), q)).toBe(false);
    expect(isQuiet(at('2025-01-15T12:00:00Z'), q)).toBe(true);
    expect(isQuiet(at('2025-01-15T13:59:59Z'), q)).toBe(true);
    expect(isQuiet(at('2025-01-15T14:00:00Z'), q)).toBe(false);
  });

  it('covers a range across midnight in the given offset', () => {
    const q = { from: '22:00', to: '07:00' };
    // 17:00 UTC = 22:30 in UTC+05:30
    expect(isQuiet(at('2025-01-15T17:00:00Z'), q, 330)).toBe(true);
    expect(isQuiet(at('2025-01-15T17:00:00Z'), q, 0)).toBe(false);
    expect(isQuiet(at('2025-01-16T06:59:00Z'), q, 0)).toBe(true);
    expect(isQuiet(at('2025-01-16T07:00:00Z'), q, 0)).toBe(false);
  });

  it('treats equal from and to, or no setting, as never quiet', () => {
    expect(isQuiet(at('2025-01-15T10:00:00Z'), { from: '10:00', to: '10:00' })).toBe(false);
    expect(isQuiet(at('2025-01-15T10:00:00Z'), undefined)).toBe(false);
  });

  it('computes the offset of an IANA zone at a time, daylight saving included', () => {
    expect(tzOffsetMinutes('Asia/Kolkata', at('2025-01-15T12:00:00Z'))).toBe(330);
    expect(tzOffsetMinutes('America/New_York', at('2025-01-15T12:00:00Z'))).toBe(-300);
    expect(tzOffsetMinutes('America/New_York', at('2025-07-15T12:00:00Z'))).toBe(-240);
    expect(tzOffsetMinutes(undefined, 0)).toBe(0);
    expect(tzOffsetMinutes('Not/AZone', 0)).toBe(0);
  });
});
