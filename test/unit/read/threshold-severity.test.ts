import { describe, expect, it } from 'vitest';
import { crossedSeverity, nextThreshold } from '../../../src/shared/threshold-severity';

const up = [
  { value: 80, severity: 'warning' as const },
  { value: 95, severity: 'critical' as const },
];
const down = [
  { value: 97, severity: 'warning' as const },
  { value: 90, severity: 'critical' as const },
];

describe('threshold crossing', () => {
  it('higher is worse by default: the highest threshold at or below the value', () => {
    expect([50, 80, 94.9, 95, 120].map((v) => crossedSeverity(v, up))).toEqual([undefined, 'warning', 'warning', 'critical', 'critical']);
    expect(crossedSeverity(null, up)).toBeUndefined();
    expect(crossedSeverity(Number.NaN, up)).toBeUndefined();
  });

  it('lower is worse with worse: below: the lowest threshold at or above the value', () => {
    expect([99.9, 97, 93, 90, 40].map((v) => crossedSeverity(v, down, 'below'))).toEqual([undefined, 'warning', 'warning', 'critical', 'critical']);
  });

  it('the next threshold ahead, either way', () => {
    expect(nextThreshold(70, up)).toEqual(up[0]);
    expect(nextThreshold(85, up)).toEqual(up[1]);
    expect(nextThreshold(99, up)).toBeUndefined();
    expect(nextThreshold(99, down, 'below')).toEqual(down[0]);
    expect(nextThreshold(95, down, 'below')).toEqual(down[1]);
  });
});
