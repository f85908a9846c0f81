// Value coders of the chunk format (codec.ts): XOR of doubles (Gorilla) and Rice-coded integers.
import { TWO_32, XorDecoder, XorEncoder, type BitReader, type BitWriter } from './bits';

/** Writes the low `n` bits (0 ≤ n ≤ 53) of a non-negative integer below 2^53. */
export function writeWide(w: BitWriter, v: number, n: number): void {
  if (n > 32) {
    w.write(Math.floor(v / TWO_32), n - 32);
    w.write(v % TWO_32, 32);
  } else w.write(v % TWO_32, n);
}

export function readWide(r: BitReader, n: number): number {
  if (n > 32) {
    const hi = r.read(n - 32);
    return hi * TWO_32 + r.read(32);
  }
  return r.read(n);
}

const bitLength = (z: number): number => (z < TWO_32 ? 32 - Math.clz32(z) : 32 + (32 - Math.clz32(Math.floor(z / TWO_32))));

// ── Rice-coded integers ───────────────────────────────────────────────────────
// Each integer is zigzagged to z ≥ 0 and written as q = z >> r in unary (q ones, a zero) and the low
// r bits. Noise of width 2^r costs ≈ r + 2 bits; a zero costs r + 1. When q would reach ESCAPE, the
// code is ESCAPE ones, 6 bits of length, then z itself, so an outlier costs at most ~80 bits.
const ESCAPE = 20;

function riceCost(zs: ArrayLike<number>, r: number): number {
  const p = 2 ** r;
  let bits = 0;
  for (let i = 0; i < zs.length; i++) {
    const z = zs[i] as number;
    const q = Math.floor(z / p);
    bits += q < ESCAPE ? q + 1 + r : ESCAPE + 6 + bitLength(z);
  }
  return bits;
}

/** The Rice parameter (0..52) that codes these zigzagged integers in the fewest bits, and that size. */
export function bestRice(zs: ArrayLike<number>): { r: number; bits: number } {
  let sum = 0;
  for (let i = 0; i < zs.length; i++) sum += zs[i] as number;
  const mean = zs.length ? sum / zs.length : 0;
  // why: the optimum sits next to log2 of the mean; scanning a few values around it is enough
  const centre = mean >= 1 ? Math.floor(Math.log2(mean)) : 0;
  let best = { r: 0, bits: Infinity };
  for (let r = Math.max(0, centre - 3); r <= Math.min(52, centre + 2); r++) {
    const bits = riceCost(zs, r);
    if (bits < best.bits) best = { r, bits };
  }
  return best;
}

export function writeRice(w: BitWriter, z: number, r: number): void {
  const p = 2 ** r;
  const q = Math.floor(z / p);
  if (q < ESCAPE) {
    w.write((2 ** q - 1) * 2, q + 1); // q ones, then a zero
    writeWide(w, z - q * p, r);
  } else {
    w.write(2 ** ESCAPE - 1, ESCAPE);
    const n = bitLength(z);
    w.write(n, 6);
    writeWide(w, z, n);
  }
}

/** One Rice code; `p` is 2^r. */
export function readRice(rd: BitReader, r: number, p: number): number {
  const q = rd.readUnary(ESCAPE);
  if (q < ESCAPE) return q * p + (r > 32 ? readWide(rd, r) : rd.read(r));
  return readWide(rd, rd.read(6));
}

// ── XOR of doubles (Gorilla) ──────────────────────────────────────────────────

/** Every value: the first as 64 raw bits, then XOR with the previous one (1 bit when unchanged). */
export function writeXor(w: BitWriter, values: ArrayLike<number>): void {
  if (values.length === 0) return;
  const enc = new XorEncoder();
  enc.first(w, values[0] as number);
  for (let i = 1; i < values.length; i++) enc.next(w, values[i] as number);
}

export function readXor(r: BitReader, values: Float64Array, offset: number, n: number): void {
  if (n === 0) return;
  const dec = new XorDecoder();
  values[offset] = dec.first(r);
  for (let i = 1; i < n; i++) values[offset + i] = dec.next(r);
}
