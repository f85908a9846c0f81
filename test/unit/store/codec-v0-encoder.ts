// The v0 chunk encoder, kept as a test oracle: the store no longer writes v0 chunks but must still
// read them, so tests make v0 blobs with exactly the code that wrote them before (moved from
// src/main/engine/store/codec-v0.ts unchanged).
import { BitWriter } from '../../../src/main/engine/store/bits';
import { INT_BUCKETS, MODE_GORILLA, MODE_INT_DELTA, MODE_INT_DOD, POW10, writeTimeDod, zigzag } from '../../../src/main/engine/store/codec-v0';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little endian: [lo, hi]
const MAX_SCALED = 2 ** 49; // why: keeps delta-of-delta zigzag within 2^53 (exact in a double)

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
