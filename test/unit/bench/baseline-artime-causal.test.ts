import { describe, expect, it } from 'vitest';
import { artime } from '../../bench/baselines/artime';
import { ARTimeCausal, artimeCausal } from '../../bench/baselines/artime-causal';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 300_000), values });
// deterministic noise in ±2
const noise = (i: number) => (((i * 7919) % 101) / 101 - 0.5) * 4;
const daily = (n: number) => Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 96) + noise(i));

/** The raw-value boxes [lo, hi] of every category's 8 raw features, in the series' own units. */
function rawBoxes(d: ARTimeCausal): number[][] {
  const span = d.hi - d.lo;
  return d.art.w.map((w) => Array.from({ length: 8 }, (_, k) => [d.lo + (w[8 + k] as number) * span, d.lo + (1 - (w[24 + k] as number)) * span]).flat());
}

describe('ARTime made causal (evaluation baseline, issue 18)', () => {
  it('probation, step and trend window follow from the fixed probation as ARTime.init computes them', () => {
    const a = new ARTimeCausal(750);
    expect([a.probation, a.sstep, a.trendWindow]).toEqual([750, 7, 107]);
    const b = new ARTimeCausal(300);
    expect([b.probation, b.sstep, b.trendWindow]).toEqual([300, 2, 150]);
  });

  it("is the faithful ARTime exactly when the probation is the file's and holds the file's min and max", () => {
    const v = daily(2000).map((x, i) => (i >= 1500 ? x + 15 : x));
    v[1200] = 95;
    v[10] = 0; // the file's extremes, inside the probation (rows 1…300 for 2000 rows)
    v[20] = 100;
    const faithful = artime(series(v));
    expect(faithful.some((x) => x > 0.5)).toBe(true);
    expect(Array.from(artimeCausal(300)(series(v)))).toEqual(Array.from(faithful));
    // an extreme after the probation: the causal range differs, and so do the scores
    const w = [...v];
    w[20] = 60;
    expect(Array.from(artimeCausal(300)(series(w)))).not.toEqual(Array.from(artime(series(w))));
  });

  it('reads no look-ahead: a future with a far wider range leaves the past scores alone (the faithful port does not)', () => {
    const v = daily(3000);
    v[1500] = 90;
    const future = [...v];
    for (let i = 2000; i < 3000; i++) future[i] = (v[i] as number) * 5 - 400; // min and max both move
    for (const b of [artimeCausal(750), artimeCausal(300), artimeCausal(300, 'keep'), artimeCausal(300, 'clamp')]) {
      const whole = b(series(v));
      expect(Array.from(b(series(future)).subarray(0, 2000))).toEqual(Array.from(whole.subarray(0, 2000)));
      // and a prefix alone scores as the prefix of the whole
      expect(Array.from(b(series(v.slice(0, 1700))))).toEqual(Array.from(whole.subarray(0, 1700)));
    }
    expect(Array.from(artime(series(future)).subarray(0, 2000))).not.toEqual(Array.from(artime(series(v)).subarray(0, 2000)));
  });

  it('a level shift past the probation range after probation is flagged at once; nothing scores during probation', () => {
    const v = daily(3000).map((x, i) => (i >= 2000 ? x + 40 : x));
    const d = new ARTimeCausal(300);
    const s = v.map((x) => d.processSample(x));
    expect(s.slice(0, 300).every((x) => x === 0)).toBe(true);
    expect(d.widenings).toBeGreaterThan(0);
    expect(d.hi).toBeGreaterThan(90);
    const top = s.indexOf(Math.max(...s));
    expect(top).toBeGreaterThanOrEqual(2000);
    expect(top).toBeLessThan(2010);
    expect(s[top]).toBeGreaterThan(0.9);
    // the pattern before the shift is not re-flagged everywhere afterwards
    expect(s.slice(2100).filter((x) => x > 0.5).length).toBeLessThan(5);
  });

  it('widening the range maps every learned category onto the same raw values and keeps the median histogram', () => {
    const v = daily(1500);
    const d = new ARTimeCausal(300);
    for (const x of v) d.processSample(x);
    const before = rawBoxes(d);
    const hist = (d as unknown as { medbin: Int32Array }).medbin;
    const count = hist.reduce((s, x) => s + x, 0);
    const [lo, hi] = [d.lo, d.hi];
    // one spike far above the range: it is flagged, the range widens with a 10 % margin
    let top = 0;
    for (let k = 0; k < 2; k++) top = Math.max(top, d.processSample(200));
    expect(top).toBeGreaterThan(0.5);
    expect(d.widenings).toBe(1);
    expect(d.lo).toBe(lo);
    expect(d.hi).toBeCloseTo(200 + 0.1 * (200 - lo), 9);
    const after = rawBoxes(d).slice(0, before.length);
    after.forEach((box, j) => box.forEach((x, k) => expect(x).toBeCloseTo((before[j] as number[])[k] as number, 9)));
    expect(hist.reduce((s, x) => s + x, 0)).toBe(count + 1);
    expect(hi).toBeLessThan(70);
  });

  it("'keep' leaves the weights in the old normalisation, 'clamp' never widens", () => {
    const v = daily(1500);
    v[1200] = 200;
    const keep = new ARTimeCausal(300, 'keep');
    const clamp = new ARTimeCausal(300, 'clamp');
    for (const x of v.slice(0, 1201)) {
      keep.processSample(x);
      clamp.processSample(x);
    }
    expect(keep.widenings).toBe(0); // sstep 2: the step holding row 1200 ends at row 1201
    const w = keep.art.w.map((x) => Array.from(x));
    expect(keep.processSample(v[1201] as number)).toBeGreaterThan(0.5);
    expect(keep.widenings).toBe(1);
    expect(keep.art.w.slice(0, w.length).map((x) => Array.from(x))).toEqual(w);
    for (const x of v.slice(1201)) clamp.processSample(x);
    expect(clamp.widenings).toBe(0);
    expect(clamp.hi).toBeLessThan(70);
  });
});
