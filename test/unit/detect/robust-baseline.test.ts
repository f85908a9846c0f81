import { describe, expect, it } from 'vitest';
import { createDetector, ENSEMBLE_HUBER, ENSEMBLE_SHIFT_AFTER } from '../../../src/main/engine/detect/index';
import { rng } from '../../bench/families';
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

describe('a step far past the clip is one event (Holt shiftAfter, issue 18 session 11)', () => {
  const step = (v: number[]) => {
    for (let i = 600; i < v.length; i++) v[i] = (v[i] as number) - 300;
  };
  /** samples from the step on whose error is still past 2σ */
  const unsettled = (z: number[]) => z.slice(600, 900).filter((x) => Math.abs(x) > 2).length;

  it('accepts the new level after ENSEMBLE_SHIFT_AFTER clipped samples in a row, then reads ordinary noise', () => {
    const z = zs(new ZScoreModel(12, 300, 30, ENSEMBLE_HUBER, ENSEMBLE_SHIFT_AFTER), step);
    expect(z[600]).toBeLessThan(-100);
    expect(unsettled(z)).toBeLessThanOrEqual(ENSEMBLE_SHIFT_AFTER);
    // the jump does not teach the trend a slope: no overshoot back the other way
    const after = z.slice(600 + ENSEMBLE_SHIFT_AFTER, 900).map(Math.abs);
    expect(Math.max(...after)).toBeLessThan(4);
  });

  it('without it the clipped baseline crawls: the same step stays past 2σ for twice as long', () => {
    const z = zs(new ZScoreModel(12, 300, 30, ENSEMBLE_HUBER), step);
    expect(unsettled(z)).toBeGreaterThan(2 * ENSEMBLE_SHIFT_AFTER);
  });

  it('still clips a spike of a few samples (the run restarts when the error turns ordinary)', () => {
    const z = zs(new ZScoreModel(12, 300, 30, ENSEMBLE_HUBER, ENSEMBLE_SHIFT_AFTER), (v) => {
      for (let i = 500; i < 503; i++) v[i] = (v[i] as number) + 30;
    });
    for (let i = 503; i <= 508; i++) expect(Math.abs(z[i] as number)).toBeLessThan(3);
  });
});

/**
 * 1 s samples of a floor at 100 (±1) with upward bursts (3 % of samples start one: +20 to +220 for
 * 1–4 samples), like a loopback byte rate under other traffic; `drop` halves it for 60 samples
 * from sample 1,500.
 */
function floorWithBursts(drop: boolean): { t: number[]; v: number[] } {
  const rnd = rng(4);
  const t: number[] = [];
  const v: number[] = [];
  let burst = 0;
  for (let i = 0; i < 2000; i++) {
    t.push(Date.UTC(2024, 0, 1) + i * 1000);
    if (burst === 0 && rnd() < 0.03) burst = 1 + Math.floor(rnd() * 4);
    let x = 100 + 2 * (rnd() - 0.5);
    if (burst > 0) {
      x += 20 + 200 * rnd();
      burst--;
    }
    if (drop && i >= 1500 && i < 1560) x = 55 + 2 * (rnd() - 0.5);
    v.push(x);
  }
  return { t, v };
}

describe('the default detector on a series whose deviations were all upward bursts', () => {
  const flags = (drop: boolean): number[] => {
    const { t, v } = floorWithBursts(drop);
    const d = createDetector({ method: 'auto', sensitivity: 'medium' });
    return t.flatMap((ti, i) => (d.update(ti, v[i] as number).flagged ? [i] : []));
  };

  // issue 18 (recordedFaults lo_rx_rate): read two-sided, the drop was no rarer than the bursts'
  it('flags a drop below its floor where it starts', () => {
    expect(flags(true)).toEqual([1500]);
  });

  it('flags nothing on the same series without the drop', () => {
    expect(flags(false)).toEqual([]);
  });
});
