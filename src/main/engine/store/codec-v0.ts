// Chunk format v0 (written until the versioned format of codec.ts; still read, never written by the
// store any more — encodeChunkV0 is kept so tests can make old blobs). Gorilla-style compression of (t, v) samples (Pelkonen et al., VLDB 2015).
// Timestamps (unix ms) are delta-of-delta coded: a regular interval costs 1 bit per sample.
// Values use one of three modes, whichever is smallest for the chunk:
//   gorilla  XOR with the previous float64; an unchanged value costs 1 bit.
//   int-Δ    values that are decimals with ≤ 6 digits after the point (incl. integers) are scaled
//            to integers and their deltas coded; good for gauges that walk.
//   int-ΔΔ   the same with delta-of-delta; good for counters that grow at a steady rate.
// Layout: mode (4 bits) · scale (4 bits) · count (16) · t0 (53) · v0 · then per sample t code, v code.
// Limits: 0 ≤ t < 2^53, ≤ 65,535 samples and < 24 days between consecutive samples per chunk.
import { BitReader, BitWriter } from './bits';

export const MODE_GORILLA = 0;
export const MODE_INT_DELTA = 1;
export const MODE_INT_DOD = 2;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little endian: [lo, hi]
const MAX_SCALED = 2 ** 49; // why: keeps delta-of-delta zigzag within 2^53 (exact in a double)
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];


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

export const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

// prefix (bits of prefix) → payload width
const INT_BUCKETS: readonly (readonly [prefix: number, prefixBits: number, width: number])[] = [
  [0b10, 2, 5],
  [0b110, 3, 9],
  [0b1110, 4, 13],
  [0b11110, 5, 20],
  [0b111110, 6, 32],
];

function writeInt(w: BitWriter, n: number): void {
  if (n === 0) return w.writeBit(0);
  const z = zigzag(n);
  for (const [prefix, bits, width] of INT_BUCKETS) {
    if (z < 2 ** width) {
      w.write(prefix, bits);
      if (width === 32) w.write(z >>> 0, 32);
      else w.write(z, width);
      return;
    }
  }
  w.write(0b111111, 6);
  w.writeUint53(z);
}

function readInt(r: BitReader): number {
  if (r.readBit() === 0) return 0;
  for (const [, , width] of INT_BUCKETS) {
    if (r.readBit() === 0) return unzigzag(r.read(width));
  }
  return unzigzag(r.readUint53());
}

/** Smallest decimal scale (0..6) at which every value is an exact integer; undefined if none. */
function integerScale(values: ArrayLike<number>): number | undefined {
  for (let k = 0; k < POW10.length; k++) {
    const p = POW10[k] as number;
    let ok = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const s = Math.round(v * p);
      // why: the decoder computes s / p, so that must give back v bit for bit
      if (!(Math.abs(s) <= MAX_SCALED) || s / p !== v || (v === 0 && Object.is(v, -0))) {
        ok = false;
        break;
      }
    }
    if (ok) return k;
  }
  return undefined;
}

// ── encode ────────────────────────────────────────────────────────────────────

function encodeWith(mode: number, scale: number, ts: ArrayLike<number>, values: ArrayLike<number>): BitWriter {
  const n = ts.length;
  const w = new BitWriter(16 + n * 2);
  w.write(mode, 4);
  w.write(scale, 4);
  w.write(n, 16);
  if (n === 0) return w;
  const t0 = ts[0] as number;
  if (!(t0 >= 0 && t0 < 2 ** 53) || !Number.isInteger(t0)) throw new RangeError(`timestamp out of range: ${t0}`);
  w.writeUint53(t0);
  const p = POW10[scale] as number;
  // value state
  let prevHi = 0, prevLo = 0, prevLead = -1, prevTrail = 0;
  let prevInt = 0, prevIntDelta = 0;
  const v0 = values[0] as number;
  if (mode === MODE_GORILLA) {
    f64[0] = v0;
    prevLo = u32[0] as number;
    prevHi = u32[1] as number;
    w.write(prevHi, 32);
    w.write(prevLo, 32);
  } else {
    prevInt = Math.round(v0 * p);
    w.writeUint53(zigzag(prevInt));
  }
  let prevT = t0, prevDelta = 0;
  for (let i = 1; i < n; i++) {
    const t = ts[i] as number;
    const delta = t - prevT;
    writeTimeDod(w, delta - prevDelta);
    prevDelta = delta;
    prevT = t;
    const v = values[i] as number;
    if (mode === MODE_GORILLA) {
      f64[0] = v;
      const lo = u32[0] as number, hi = u32[1] as number;
      const xh = (hi ^ prevHi) >>> 0, xl = (lo ^ prevLo) >>> 0;
      prevHi = hi;
      prevLo = lo;
      if (xh === 0 && xl === 0) {
        w.writeBit(0);
        continue;
      }
      w.writeBit(1);
      let lead = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
      if (lead > 31) lead = 31; // why: 5 bits hold the count
      const trail = xl !== 0 ? 31 - Math.clz32(xl & -xl) : 32 + (31 - Math.clz32(xh & -xh));
      if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
        w.writeBit(0);
        writeShifted(w, xh, xl, prevTrail, 64 - prevLead - prevTrail);
      } else {
        const m = 64 - lead - trail;
        w.writeBit(1);
        w.write(lead, 5);
        w.write(m - 1, 6);
        writeShifted(w, xh, xl, trail, m);
        prevLead = lead;
        prevTrail = trail;
      }
    } else {
      const iv = Math.round(v * p);
      const d = iv - prevInt;
      writeInt(w, mode === MODE_INT_DOD ? d - prevIntDelta : d);
      prevIntDelta = d;
      prevInt = iv;
    }
  }
  return w;
}

/** Writes the `m` bits of the 64-bit (hi, lo) shifted right by `s`. */
function writeShifted(w: BitWriter, hi: number, lo: number, s: number, m: number): void {
  let yh: number, yl: number;
  if (s >= 32) { yh = 0; yl = hi >>> (s - 32); }
  else if (s === 0) { yh = hi; yl = lo; }
  else { yh = hi >>> s; yl = ((lo >>> s) | (hi << (32 - s))) >>> 0; }
  if (m > 32) { w.write(yh, m - 32); w.write(yl, 32); }
  else w.write(yl, m);
}

/** Compresses samples (ts ascending, unix ms integers). Picks the smallest value mode. */
export function encodeChunkV0(ts: ArrayLike<number>, values: ArrayLike<number>): Uint8Array {
  if (ts.length !== values.length) throw new RangeError('ts and values differ in length');
  if (ts.length > 65_535) throw new RangeError('too many samples for one chunk');
  let best = encodeWith(MODE_GORILLA, 0, ts, values);
  const scale = integerScale(values);
  if (scale !== undefined) {
    for (const mode of [MODE_INT_DELTA, MODE_INT_DOD]) {
      const w = encodeWith(mode, scale, ts, values);
      if (w.bitLength < best.bitLength) best = w;
    }
  }
  return best.finish();
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
  let hi = 0, lo = 0, lead = 0, trail = 0;
  let iv = 0, intDelta = 0;
  if (mode === MODE_GORILLA) {
    hi = r.read(32);
    lo = r.read(32);
    u32[0] = lo;
    u32[1] = hi;
    values[offset] = f64[0] as number;
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
      if (r.readBit() === 1) {
        if (r.readBit() === 1) {
          lead = r.read(5);
          trail = 64 - lead - (r.read(6) + 1);
        }
        const m = 64 - lead - trail;
        let yh = 0, yl: number;
        if (m > 32) { yh = r.read(m - 32); yl = r.read(32); }
        else yl = r.read(m);
        let xh: number, xl: number;
        if (trail >= 32) { xh = (yl << (trail - 32)) >>> 0; xl = 0; }
        else if (trail === 0) { xh = yh; xl = yl; }
        else { xh = ((yh << trail) | (yl >>> (32 - trail))) >>> 0; xl = (yl << trail) >>> 0; }
        hi = (hi ^ xh) >>> 0;
        lo = (lo ^ xl) >>> 0;
        u32[0] = lo;
        u32[1] = hi;
      }
      values[offset + i] = f64[0] as number;
    } else {
      const x = readInt(r);
      intDelta = mode === MODE_INT_DOD ? intDelta + x : x;
      iv += intDelta;
      values[offset + i] = iv / p;
    }
  }
  return n;
}
