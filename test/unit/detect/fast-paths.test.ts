import { describe, expect, it } from 'vitest';
import { binOf } from '../../../src/main/engine/detect/rarity';
import { upperTailSurprisal } from '../../../src/main/engine/detect/likelihood';
import { ContextModel } from '../../../src/main/engine/detect/context';

/** The binning the histogram is defined by: 4 bins per octave, bin 8 starting at 1, clamped to 0..63. */
function binByLog(x: number): number {
  const b = x > 0 ? Math.floor(4 * Math.log2(x)) + 8 : 0;
  return b < 0 ? 0 : b > 63 ? 63 : b;
}

/** The doubles k steps away from x (x > 0). */
function neighbours(x: number, k: number): number[] {
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  f[0] = x;
  const base = u[0] as bigint;
  const out: number[] = [];
  for (let d = -k; d <= k; d++) {
    u[0] = base + BigInt(d);
    out.push(f[0] as number);
  }
  return out;
}

describe('rarity binning without a log', () => {
  it('puts every value in the bin floor(4·log2 x) + 8 gives, right at each bin edge too', () => {
    const xs: number[] = [0, -0, -3, 5e-324, 1e-300, 1e300, Infinity, -Infinity, 16, 1 / 64];
    for (let e = -12; e <= 14; e++) for (let q = 0; q < 4; q++) xs.push(...neighbours(2 ** (e + q / 4), 6));
    for (let c = 1; c < 1024; c++) xs.push(...neighbours(c / 64, 2));
    let s = 12345;
    for (let i = 0; i < 20_000; i++) {
      s = (s * 16807) % 2147483647;
      xs.push(Math.exp((s / 2147483647 - 0.5) * 40));
    }
    const wrong = xs.filter((x) => binOf(x) !== binByLog(x));
    expect(wrong).toEqual([]);
  });
});

describe('normal tail surprisal', () => {
  it('below the mean agrees with 1 − Q(|z|) from the exact upper side within 1e-5', () => {
    let worst = 0;
    for (let z = -7.99; z < 0; z += 0.0137) {
      const upper = 10 ** -upperTailSurprisal(-z); // Q(|z|)
      const exact = -Math.log10(1 - upper);
      worst = Math.max(worst, Math.abs(upperTailSurprisal(z) - exact));
    }
    expect(worst).toBeLessThan(1e-5);
    expect(upperTailSurprisal(-9)).toBe(0);
  });

  it('is continuous and increasing across the mean', () => {
    let prev = upperTailSurprisal(-8);
    for (let z = -8; z <= 8; z += 0.01) {
      const s = upperTailSurprisal(z);
      expect(s).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = s;
    }
    expect(Math.abs(upperTailSurprisal(-1e-9) - upperTailSurprisal(0))).toBeLessThan(1e-5);
  });
});

describe('context memory runs', () => {
  it('counts a context as known only once it has been seen followed by something', () => {
    const m = new ContextModel({ levels: 4, offset: 0, orders: 2, warmup: 4, tableBits: 8 });
    for (const v of [0, 1, 2, 3]) m.observe(v); // grid over [0, 3]: 0 → level 0, 3 → level 4
    expect(m.observe(0)).toBe(1); // a level never seen
    expect(m.observe(3)).toBe(1);
    // a known level, but none of its contexts ("3", "0 3") had been seen followed by anything
    expect(m.observe(0)).toBe(0);
    expect(m.lastNew).toBe(false);
    // context "0" is known now (it was followed by 3) and predicted this 3; "3 0" was new last time
    expect(m.observe(3)).toBe(0);
    // contexts "3" and "0 3" are known, but neither was ever followed by 3: fully novel
    expect(m.observe(3)).toBe(1);
    expect(m.lastNew).toBe(false);
  });
});
