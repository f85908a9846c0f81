import { describe, expect, it } from 'vitest';
import { PROFILES, probationaryLength, scaledSigmoid, scoreCorpus, type LabelledFile } from '../../bench/nab-score';

const MIN = 60_000;
const [standard, , lowFn] = PROFILES as [(typeof PROFILES)[number], (typeof PROFILES)[number], (typeof PROFILES)[number]];

// 20 rows a minute apart; probation = floor(0.15 · 20) = 3 rows; one window over rows 8..11.
const file: LabelledFile = {
  name: 'hand.csv',
  timestamps: Array.from({ length: 20 }, (_, i) => i * MIN),
  windows: [[8 * MIN, 11 * MIN]],
};
// Row 1 fires inside the probation (ignored), row 9 inside the window, row 5 before it, row 14 after it.
const scores = Array.from({ length: 20 }, (_, i) => ({ 1: 1, 9: 0.9, 5: 0.8, 14: 0.7 })[i] ?? 0.1);

describe('NAB scorer', () => {
  it('uses NAB constants: probation min(15%, 750) rows, sigmoid 0.98661 at a window start and −1 far past it', () => {
    expect(probationaryLength(20)).toBe(3);
    expect(probationaryLength(100_000)).toBe(750);
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(3.5)).toBe(-1);
  });

  it('matches a hand-computed case at its best threshold', () => {
    // Hand computation: the hit at row 9 sits at y = −(11−9+1)/4 = −0.75, worth
    // (2/(1+e^−3.75) − 1)/(2/(1+e^−5) − 1) = 0.954045/0.986614 = 0.966989. Adding the FP at row 5
    // (before any window: −0.11) or at row 14 (y = 3/3 = 1: −0.986614 · 0.11 = −0.108528) only
    // lowers it, and going down to 0.1 adds 12 more FPs, so the best threshold is 0.9.
    const r = scoreCorpus([{ file, scores }], standard);
    expect(r.threshold).toBe(0.9);
    expect(r.raw).toBeCloseTo(0.966989, 5);
    expect(r.nullScore).toBe(-1);
    expect(r.perfect).toBe(1);
    expect(r.normalized).toBeCloseTo(98.3495, 3); // 100 · (0.966989 + 1) / 2
    expect(r.detectedWindows).toBe(1);
    expect(r.falsePositives).toBe(0);
  });

  it('charges each false positive by its distance after the window at a fixed threshold', () => {
    const r = scoreCorpus([{ file, scores }], standard, 0.7);
    expect(r.raw).toBeCloseTo(0.966989 - 0.11 - 0.108528, 5);
    expect(r.normalized).toBeCloseTo(87.4231, 3);
    expect(r.falsePositives).toBe(2);
  });

  it('weighs misses by the profile: reward-low-FN has null −2 per window', () => {
    const r = scoreCorpus([{ file, scores }], lowFn);
    expect(r.nullScore).toBe(-2);
    expect(r.normalized).toBeCloseTo(98.8996, 3); // 100 · (0.966989 + 2) / 3
  });

  it('scores 0 for a detector that never fires and 100 for one that fires only at window starts', () => {
    const silent = scoreCorpus([{ file, scores: new Array<number>(20).fill(0) }], standard);
    expect(silent.normalized).toBe(0);
    const perfect = scoreCorpus([{ file, scores: Array.from({ length: 20 }, (_, i) => (i === 8 ? 1 : 0)) }], standard);
    expect(perfect.normalized).toBeCloseTo(100, 9);
  });

  it('counts a window once however many of its rows fire', () => {
    const many = Array.from({ length: 20 }, (_, i) => (i >= 8 && i <= 11 ? 1 : 0));
    const r = scoreCorpus([{ file, scores: many }], standard);
    expect(r.raw).toBeCloseTo(1, 9);
    expect(r.detectedWindows).toBe(1);
  });
});
