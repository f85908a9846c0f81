import { describe, expect, it } from 'vitest';
import { ENSEMBLE_HUBER } from '../../../src/main/engine/detect/index';
import { ZScoreModel } from '../../../src/main/engine/detect/zscore';
import { seasonalNoise } from './synthetic';

/** z of every sample of a flat noisy series (N(0, 1) around 50), with `edit` applied first. */
function zs(model: ZScoreModel, edit: (v: number[]) => void): number[] {
  const { t, v } = seasonalNoise(1500, 31, 0);
  edit(v);
  return t.map((ti, i) => model.observe(ti, v[i] as number));
}

describe('the z-score baseline of the default ensemble (Huber-clipped)', () => {
  it('is not dragged by a spike: the ordinary samples after it read as ordinary, not as a drop', () => {
    const spike = (v: number[]) => {
      v[500] = (v[500] as number) + 30;
    };
    const robust = zs(new ZScoreModel(12, 300, 30, ENSEMBLE_HUBER), spike);
    expect(robust[500]).toBeGreaterThan(20);
    for (let i = 501; i <= 506; i++) expect(Math.abs(robust[i] as number)).toBeLessThan(3);
    // the plain baseline moves by 2/13 of the spike and the next samples look ≈ 4σ low
    const plain = zs(new ZScoreModel(12, 300, 30), spike);
    expect(Math.min(...plain.slice(501, 507))).toBeLessThan(-3.5);
  });

  it('still follows a lasting shift of the level within a few dozen samples', () => {
    const robust = zs(new ZScoreModel(12, 300, 30, ENSEMBLE_HUBER), (v) => {
      for (let i = 600; i < v.length; i++) v[i] = (v[i] as number) + 10;
    });
    expect(robust[600]).toBeGreaterThan(6);
    const settled = robust.slice(660, 1500).map(Math.abs);
    expect(Math.max(...settled)).toBeLessThan(5);
    expect(settled.filter((z) => z > 2).length / settled.length).toBeLessThan(0.1);
  });
});
