// Chunk format v0 (written until the versioned format of codec.ts; still read, never written by the
// store any more; the encoder lives in test/unit/store/codec-v0-encoder.ts as a test oracle).
// Gorilla-style compression of (t, v) samples (Pelkonen et al., VLDB 2015).
// Timestamps (unix ms) are delta-of-delta coded: a regular interval costs 1 bit per sample.
// Values use one of three modes, whichever is smallest for the chunk:
//   gorilla  XOR with the previous float64; an unchanged value costs 1 bit.
//   int-Δ    values that are decimals with ≤ 6 digits after the point (incl. integers) are scaled
//            to integers and their deltas coded; good for gauges that walk.
//   int-ΔΔ   the same with delta-of-delta; good for counters that grow at a steady rate.
// Layout: mode (4 bits) · scale (4 bits) · count (16) · t0 (53) · v0 · then per sample t code, v code.
// Limits: 0 ≤ t < 2^53, ≤ 65,535 samples and < 24 days between consecutive samples per chunk.
import { BitReader, unzigzag, XorDecoder, type BitWriter } from './bits';

export const MODE_GORILLA = 0;
export const MODE_INT_DELTA = 1;
export const MODE_INT_DOD = 2;

export const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

// ── timestamps ────────────────────────────────────────────────────────────────

export function writeTimeDod(w: BitWriter, d: number): void {
  if (d === 0) w.writeBit(0);
  else if (d >= -63 && d <= 64) { w.write(0b10, 2); w.write(d + 63, 7); }
  else if (d >= -255 && d <= 256) { w.write(0b110, 3); w.write(d + 255, 9); }
  else if (d >= -2047 && d <= 2048) { w.write(0b1110, 4); w.write(d + 2047, 12); }
  else {
    if (d < -2_147_483_648 || d > 2_147_483_647) throw new RangeError(`timestamp step too large for one chunk: ${d} ms`);
    w.write(0b1111, 4);
    w.write(d | 0, 32);
  }
}

export function readTimeDod(r: BitReader): number {
  if (r.readBit() === 0) return 0;
  if (r.readBit() === 0) return r.read(7) - 63;
  if (r.readBit() === 0) return r.read(9) - 255;
  if (r.readBit() === 0) return r.read(12) - 2047;
  return r.read(32) | 0;
}

// ── integer values ────────────────────────────────────────────────────────────

// prefix (bits of prefix) → payload width
export const INT_BUCKETS: readonly (readonly [prefix: number, prefixBits: number, width: number])[] = [
  [0b10, 2, 5],
  [0b110, 3, 9],
  [0b1110, 4, 13],
  [0b11110, 5, 20],
  [0b111110, 6, 32],
];

function readInt(r: BitReader): number {
  if (r.readBit() === 0) return 0;
  for (const [, , width] of INT_BUCKETS) {
    if (r.readBit() === 0) return unzigzag(r.read(width));
  }
  return unzigzag(r.readUint53());
}

// ── decode ────────────────────────────────────────────────────────────────────

/** Decodes into the given arrays starting at `offset`; returns the number of samples written. */
export function decodeChunkV0Into(blob: Uint8Array, ts: Float64Array, values: Float64Array, offset: number): number {
  const r = new BitReader(blob);
  const mode = r.read(4);
  const scale = r.read(4);
  const n = r.read(16);
  if (n === 0) return 0;
  const p = POW10[scale] ?? 1;
  let t = r.readUint53();
  ts[offset] = t;
  const xor = new XorDecoder();
  let iv = 0, intDelta = 0;
  if (mode === MODE_GORILLA) {
    values[offset] = xor.first(r);
  } else {
    iv = unzigzag(r.readUint53());
    values[offset] = iv / p;
  }
  let delta = 0;
  for (let i = 1; i < n; i++) {
    delta += readTimeDod(r);
    t += delta;
    ts[offset + i] = t;
    if (mode === MODE_GORILLA) {
      values[offset + i] = xor.next(r);
    } else {
      const x = readInt(r);
      intDelta = mode === MODE_INT_DOD ? intDelta + x : x;
      iv += intDelta;
      values[offset + i] = iv / p;
    }
  }
  return n;
}
