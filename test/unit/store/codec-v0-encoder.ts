// The v0 chunk encoder, kept as a test oracle: the store no longer writes v0 chunks but must still
// read them, so tests make v0 blobs with the code that wrote them before (moved from
// src/main/engine/store/codec-v0.ts; its Gorilla XOR step is the store's XorEncoder, which v1 uses
// unchanged, as both decoders share XorDecoder).
import { BitWriter, XorEncoder, zigzag } from '../../../src/main/engine/store/bits';
import { INT_BUCKETS, MODE_GORILLA, MODE_INT_DELTA, MODE_INT_DOD, POW10, writeTimeDod } from '../../../src/main/engine/store/codec-v0';

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
  let prevInt = 0, prevIntDelta = 0;
  const v0 = values[0] as number;
  const xor = new XorEncoder();
  if (mode === MODE_GORILLA) xor.first(w, v0);
  else {
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
    if (mode === MODE_GORILLA) xor.next(w, v);
    else {
      const iv = Math.round(v * p);
      const d = iv - prevInt;
      writeInt(w, mode === MODE_INT_DOD ? d - prevIntDelta : d);
      prevIntDelta = d;
      prevInt = iv;
    }
  }
  return w;
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
