import { describe, expect, it } from 'vitest';
import { ARTime, artime, featuresOf, roundEven, similarity } from '../../bench/baselines/artime';
import { Dvfa, haarDwt } from '../../bench/baselines/artime-dvfa';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 300_000), values });
// deterministic noise in ±2
const noise = (i: number) => (((i * 7919) % 101) / 101 - 0.5) * 4;
const daily = (n: number) => Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 96) + noise(i));

describe('ARTime baseline (evaluation check, issue 18)', () => {
  it('Haar DWT: Wavelets.jl ordering [s3, d3, d2, d1], orthonormal, detail = (second − first)/√2', () => {
    const y = Array.from(haarDwt([1, 2, 3, 4, 5, 6, 7, 8]));
    const r = Math.SQRT1_2;
    const want = [18 * r, 8 * r, 2, 2, r, r, r, r];
    y.forEach((v, k) => expect(v).toBeCloseTo(want[k] as number, 12));
    // Wavelets.jl's own test data (test/data/filter1d_data.txt rows 57–64 → filter1d_Haar0.txt rows 61–64, its finest details)
    const x = [-0.38593137573995989, -0.21218774705374485, 0.25259242695222506, 0.40783231989924157, 0.66538807271233558, 0.18108917060978935, -0.0061509976518163362, 1.4385766625130014];
    const d1 = Array.from(haarDwt(x).subarray(4));
    const pkg = [0.1228552980319802, 0.10977118101350902, -0.34245103779791031, 1.0215767254703163];
    d1.forEach((v, k) => expect(v).toBeCloseTo(pkg[k] as number, 12));
    const energy = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v * v, 0);
    expect(energy(haarDwt(x))).toBeCloseTo(energy(x), 12);
  });

  it('features: normalised Haar coefficients then the raw window; a constant window gives zero coefficients', () => {
    const w = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    const f = featuresOf(w);
    expect(f.length).toBe(16);
    expect(Array.from(f.subarray(8))).toEqual(Array.from(w));
    expect(Math.min(...f.subarray(0, 8))).toBe(0);
    expect(Math.max(...f.subarray(0, 8))).toBe(1);
    expect(Array.from(featuresOf(new Float64Array(8).fill(0.4)).subarray(0, 8))).toEqual(new Array(8).fill(0));
  });

  it('DVFA: first call makes the all-ones category only; new categories, resonance and the lower-bound branch', () => {
    const art = new Dvfa(2);
    expect(art.train([0.2, 0.4])).toBe(1);
    expect(art.nCategories).toBe(1);
    expect(Array.from(art.w[0] as Float64Array)).toEqual([1, 1, 1, 1]);
    expect(art.a).toEqual([0]);
    art.rhoLb = 0.5;
    art.rhoUb = 0.5;
    // against all-ones weights: feature similarity 2/4, energy (0.4 + 0.6)/2 → M = 0.5³·0.5² < rho_lb: a new cluster, label −1
    expect(art.train([0.2, 0.4])).toBe(-1);
    expect(art.a[1]).toBeCloseTo(0.03125, 12);
    expect(art.ae[1]).toBeCloseTo(0.5, 12);
    expect(art.nCategories).toBe(2);
    expect(Array.from(art.w[1] as Float64Array)).toEqual([0.2, 0.4, 0.8, 0.6]);
    // the same sample resonates with its category: M = 1
    expect(art.train([0.2, 0.4])).toBe(2);
    expect(art.a[2]).toBe(1);
    expect(art.nCategories).toBe(2);
    // between the vigilances: a new category under the best one's label, no new cluster, no learning
    art.rhoUb = 0.9;
    expect(art.train([0.3, 0.4])).toBe(2);
    expect(art.a[3]).toBeCloseTo(0.95 ** 3, 12); // |min| 1.9 / |W| 2, energy 1
    expect(art.nCategories).toBe(3);
    expect(art.nClusters).toBe(2);
    expect(Array.from(art.w[1] as Float64Array)).toEqual([0.2, 0.4, 0.8, 0.6]);
    // above rho_ub: fast commit, W = min(sample, W)
    art.rhoUb = 0.8;
    art.train([0.3, 0.4]);
    expect(Array.from(art.w[1] as Float64Array).map((v) => +v.toFixed(12))).toEqual([0.2, 0.4, 0.7, 0.6]);
    // without learning: scored, recorded, nothing changes, −1
    const before = art.nCategories;
    expect(art.train([0.9, 0.1], false)).toBe(-1);
    expect(art.nCategories).toBe(before);
    expect(art.a.length).toBe(6);
  });

  it('probation, step and trend window as ARTime.init computes them', () => {
    const a = new ARTime(0, 1, 4032);
    expect([a.probation, a.sstep, a.trendWindow]).toEqual([604, 5, 120]);
    const b = new ARTime(0, 1, 1243);
    expect([b.probation, b.sstep, b.trendWindow]).toEqual([186, 1, 186]);
    const c = new ARTime(0, 1, 22_695);
    expect([c.probation, c.sstep, c.trendWindow]).toEqual([750, 7, 107]);
    expect(new ARTime(0, 1, 60).runnable).toBe(false);
    expect(artime(series([1, 5, 2, 8, 3]))).toEqual(new Float64Array(5));
  });

  it("rounding is Julia's (ties to even), similarity is ARTime's near-cosine", () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 7].map(roundEven)).toEqual([0, 2, 2, 4, 2, 7]);
    expect(similarity([1, 0], [0, 1])).toBe(0);
    expect(similarity([0, 0], [0.6, 0.8])).toBeCloseTo(0, 12); // 1 − |t2|
    expect(similarity([0, 0], [0.3, 0.4])).toBeCloseTo(0.5, 12);
  });

  it('a clear level shift after probation is flagged at once; nothing scores during probation', () => {
    const v = daily(2000).map((x, i) => (i >= 1500 ? x + 40 : x));
    const s = artime(series(v));
    const probation = new ARTime(0, 1, 2000).probation;
    expect(probation).toBe(300);
    expect(s.subarray(0, probation).every((x) => x === 0)).toBe(true);
    const top = s.indexOf(Math.max(...s));
    expect(top).toBeGreaterThanOrEqual(1500);
    expect(top).toBeLessThan(1510);
    expect(s[top]).toBeGreaterThan(0.9);
  });

  it('a single spike is flagged on the step that holds it; a flat file never scores', () => {
    const v = daily(1500);
    v[1200] = 150;
    const s = artime(series(v));
    const hits = Array.from(s.keys()).filter((i) => (s[i] as number) > 0.5);
    expect(hits).toEqual([1201]); // sstep 2: the step ending at row 1201 holds row 1200
    expect(artime(series(new Array(1000).fill(5))).every((x) => x === 0)).toBe(true);
  });
});
