import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../src/main/engine/detect/index';
import type { DetectMethod } from '../../../src/main/engine/detect/types';
import { seasonalNoise } from './synthetic';

/**
 * Exact scores pinned from the detectors as they were before the sided histogram became one array
 * (issue 18 round 5f): a speed-up must not move any score, not even in the last bit.
 * The series has a spike (read on the upper side), a 10-sample drop (the z-score's lower side) and
 * a lasting shift (change point); `zscore` takes the held path (surprisal, then pass).
 */
function scores(method: DetectMethod): number[] {
  const { t, v } = seasonalNoise(3000, 7);
  v[1500] = (v[1500] as number) + 40;
  for (let i = 2000; i < 2010; i++) v[i] = (v[i] as number) - 25;
  for (let i = 2500; i < v.length; i++) v[i] = (v[i] as number) + 15;
  const d = createDetector({ method, sensitivity: 'medium' });
  return t.map((ti, i) => d.update(ti, v[i] as number).score);
}

const at = (s: number[], idx: number[]) => idx.map((i) => s[i]);
const flagged = (s: number[]) => s.flatMap((x, i) => (x >= 0.5 ? [i] : []));
const sum = (s: number[]) => s.reduce((a, b) => a + b, 0);

describe('detector scores are pinned to the last bit', () => {
  it('auto (the default): the spike, the drop and the shift', () => {
    const s = scores('auto');
    expect(flagged(s)).toEqual([1500, 2000, 2502]);
    expect(at(s, [1500, 2000, 2001, 2500, 2501])).toEqual([0.6529852891919359, 0.6651505888459655, 0, 0.4540316251964596, 0.4290019598290615]);
    expect(sum(s)).toBe(211.94915482322475);
  });

  it('zscore (held path)', () => {
    const s = scores('zscore');
    expect(flagged(s)).toEqual([1500, 1501, 2000, 2001, 2002, 2003, 2004, 2012, 2013, 2500]);
    expect(at(s, [1500, 2000, 2001, 2005, 2500])).toEqual([0.622356284874088, 0.5953678614268944, 0.5073760241844231, 0.4956032849818128, 0.5871526592316065]);
    expect(sum(s)).toBe(43.772202463300765);
  });
});
