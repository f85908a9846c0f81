import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/main/engine/detect/index';
import { crossValidate, foldOf, type Candidate, type FoldedFile } from '../../bench/nab-cv';
import { describeSignal } from '../../bench/nab-failures';

const MIN = 60_000;
const ROWS = 40;

/** A 40-row file with one window over rows 20..23, in the given fold. */
function file(name: string, fold: number, scores: (i: number) => number): FoldedFile {
  return {
    fold,
    file: { name, timestamps: Array.from({ length: ROWS }, (_, i) => i * MIN), windows: [[20 * MIN, 23 * MIN]] },
    scores: Array.from({ length: ROWS }, (_, i) => scores(i)),
  };
}

const candidates: Candidate[] = [
  { name: 'good', params: DEFAULT_PARAMS },
  { name: 'bad', params: DEFAULT_PARAMS },
];

describe('NAB cross-validation', () => {
  it('stratifies by category: the k-th file of each category goes to fold k mod 4, even folds being the tuning half', () => {
    expect([0, 1, 2, 3, 4, 5].map((k) => foldOf(k))).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('scores every fold with the parameters and threshold chosen on the other folds', () => {
    // "good" fires at each window start; "bad" fires only outside windows
    const good = [0, 1, 2, 3].map((f) => file(`f${f}`, f, (i) => (i === 20 ? 0.9 : 0.1)));
    const bad = [0, 1, 2, 3].map((f) => file(`f${f}`, f, (i) => (i === 10 ? 0.9 : 0.1)));
    const [standard] = crossValidate(candidates, [good, bad]);
    expect(standard?.chosen).toEqual(['good', 'good', 'good', 'good']);
    expect(standard?.normalized).toBeCloseTo(100, 6);
    expect(standard?.detectedWindows).toBe(4);
  });

  it('pays out of fold for a threshold that only suits the other folds', () => {
    // folds 1–3 detect at 0.9 with FPs at 0.5; fold 0's detection is at 0.6, below what the others choose
    const scored = [0, 1, 2, 3].map((f) => file(`f${f}`, f, (i) => (i === 20 ? (f === 0 ? 0.6 : 0.9) : i === 30 ? 0.5 : 0.1)));
    const [standard] = crossValidate([candidates[0] as Candidate], [scored]);
    expect(standard?.detectedWindows).toBe(3);
    expect(standard?.normalized).toBeLessThan(80);
  });
});

describe('failure kinds', () => {
  const flat = (n: number): number[] => Array.from({ length: n }, (_, i) => 10 + Math.sin(i * 1.7));

  it('calls a lasting step a level shift and a lone excursion in a quiet series a new spike', () => {
    const step = flat(1000).map((x, i) => (i >= 600 ? x + 20 : x));
    expect(describeSignal(step, 600, 100).kind).toBe('level shift');
    const spike = flat(1000);
    spike[600] = 60;
    expect(describeSignal(spike, 600, 100).kind).toBe('new spike');
  });

  it('calls a spike the series already had a recurring spike, and anything before the warm-up short history', () => {
    const v = flat(1000);
    v[450] = 60;
    v[600] = 60;
    expect(describeSignal(v, 600, 100).kind).toBe('recurring spike');
    expect(describeSignal(v, 50, 100).kind).toBe('short history');
  });
});
