import { describe, expect, it } from 'vitest';
import { spearman } from '../../bench/eval-baselines';

describe("Spearman's ρ (eval:baselines)", () => {
  it('is 1 for the same order, −1 for the reverse, and reads ties as average ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 45])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // ranks (1.5, 1.5, 3) against (1, 2, 3): ρ = 1.5 / sqrt(1.5 · 2) = √3 / 2
    expect(spearman([5, 5, 9], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 12);
    // one swap among five: 1 − 6·2 / (5 · 24) = 0.9
    expect(spearman([1, 2, 3, 5, 4], [1, 2, 3, 4, 5])).toBeCloseTo(0.9, 12);
  });
});
