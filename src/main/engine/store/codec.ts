// Chunk codec: compressed (t, v) samples, after Gorilla (Pelkonen et al., VLDB 2015) with a
// decimal-aware value path.
//
// Format v1 (the first byte says which format; v0 blobs, whose first nibble is 0..2, still decode
// through codec-v0.ts):
//   0xC1 · count (16) · t0 (53) · times · values
//   times:  0 · step (32)           every step equal (aligned polls): 0 bits per sample
//           1 · delta-of-delta codes as in v0 (1 bit per sample at a steady step)
//   values: 00 · XOR of doubles                    a NaN, ±Inf or value with no short decimal form
//           01 · k (6) · s0 (53)                   every value equal to s0 · 10^-k
//           10 · k · s0 · r (6) · Rice(Δs)         scaled integers s = v · 10^k, deltas
//           11 · k · s0 · r (6) · Rice(ΔΔs)        the same, delta of deltas (steady counters)
// Before encoding, values are rounded to `digits` significant digits (precision.ts); 17 keeps
// every double bit for bit. k is one per chunk: the most decimals any rounded value needs.
// Limits: 0 ≤ t < 2^53, ≤ 65,535 samples and < 24 days between consecutive samples per chunk.
import { BitReader, BitWriter, TWO_32, unzigzag, zigzag } from './bits';
import { decodeChunkV0Into, readTimeDod, writeTimeDod } from './codec-v0';
import { bestRice, readRice, readXor, writeRice, writeXor } from './codec-values';
import { LOSSLESS_DIGITS, MAX_K, pow10, roundDecimal, scaleInto, unscale, type Scaled } from './precision';

export const FORMAT_V1 = 0xc1;
export const VALUES_XOR = 0;
export const VALUES_CONST = 1;
export const VALUES_DELTA = 2;
export const VALUES_DOD = 3;

const MAX_SCALED = 2 ** 49; // why: keeps delta-of-delta zigzag within 2^53 (exact in a double)

export interface Decoded {
  ts: Float64Array;
  values: Float64Array;
}

/** Scaled integers at one chunk-wide k, or undefined when some value has no usable decimal form. */
function scaleAll(values: ArrayLike<number>, digits: number): { k: number; s: Float64Array } | undefined {
  const n = values.length;
  const sk = new Float64Array(n * 2);
  let k = -MAX_K;
  const x: Scaled = { s: 0, k: 0 };
  for (let i = 0; i < n; i++) {
    if (!scaleInto(values[i] as number, digits, x)) return undefined;
    sk[2 * i] = x.s;
    sk[2 * i + 1] = x.k;
    if (x.k > k) k = x.k;
  }
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = (sk[2 * i] as number) * pow10(k - (sk[2 * i + 1] as number)); // exact: integer × small power of ten
    if (!(Math.abs(v) <= MAX_SCALED)) return undefined;
    s[i] = v;
  }
  return { k, s };
}

function writeTimes(w: BitWriter, ts: ArrayLike<number>): void {
  const n = ts.length;
  const t0 = ts[0] as number;
  if (!(t0 >= 0 && t0 < 2 ** 53) || !Number.isInteger(t0)) throw new RangeError(`timestamp out of range: ${t0}`);
  w.writeUint53(t0);
  if (n < 2) return;
  const step = (ts[1] as number) - t0;
  let regular = step > 0 && step < TWO_32;
  for (let i = 2; regular && i < n; i++) regular = (ts[i] as number) - (ts[i - 1] as number) === step;
  if (regular) {
    w.writeBit(0);
    w.write(step, 32);
    return;
  }
  w.writeBit(1);
  let prevT = t0, prevDelta = 0;
  for (let i = 1; i < n; i++) {
    const t = ts[i] as number;
    const delta = t - prevT;
    writeTimeDod(w, delta - prevDelta);
    prevDelta = delta;
    prevT = t;
  }
}

/** Compresses samples (ts ascending, unix ms integers), values rounded to `digits` (3..17)
 *  significant digits; 17 is lossless. Picks the smallest value coding for the chunk. */
export function encodeChunk(ts: ArrayLike<number>, values: ArrayLike<number>, digits: number = LOSSLESS_DIGITS): Uint8Array {
  if (ts.length !== values.length) throw new RangeError('ts and values differ in length');
  const n = ts.length;
  if (n > 65_535) throw new RangeError('too many samples for one chunk');
  const lossy = digits < LOSSLESS_DIGITS;
  const head = (): BitWriter => {
    const w = new BitWriter(16 + n * 2);
    w.write(FORMAT_V1, 8);
    w.write(n, 16);
    if (n > 0) writeTimes(w, ts);
    return w;
  };
  if (n === 0) return head().finish();

  const scaled = scaleAll(values, digits);
  let intBits = Infinity;
  let intMode = VALUES_CONST;
  let rice = 0;
  let zs: Float64Array | undefined;
  if (scaled) {
    const s = scaled.s;
    const dz = new Float64Array(n - 1);
    const ddz = new Float64Array(n - 1);
    let prevD = 0, same = true;
    for (let i = 1; i < n; i++) {
      const d = (s[i] as number) - (s[i - 1] as number);
      if (d !== 0) same = false;
      dz[i - 1] = zigzag(d);
      ddz[i - 1] = zigzag(d - prevD);
      prevD = d;
    }
    intBits = 2 + 6 + 53;
    if (!same) {
      const a = bestRice(dz), b = bestRice(ddz);
      const useDod = b.bits < a.bits;
      intMode = useDod ? VALUES_DOD : VALUES_DELTA;
      rice = useDod ? b.r : a.r;
      zs = useDod ? ddz : dz;
      intBits += 6 + (useDod ? b.bits : a.bits);
    }
  }

  // XOR of doubles, when no scaled coding exists or it is not smaller. When lossy, each value that
  // has a short decimal form is still rounded to it (so a NaN in a chunk does not make the rest
  // exact, and every stored value reads as a clean decimal); NaN, ±Inf and the rest stay as they are.
  if (intBits / n >= 10) {
    const vs = lossy ? Float64Array.from(values as ArrayLike<number>, (v) => roundDecimal(v, digits)) : values;
    const probe = new BitWriter(n * 8);
    writeXor(probe, vs);
    if (probe.bitLength + 2 < intBits) {
      const w = head();
      w.write(VALUES_XOR, 2);
      writeXor(w, vs);
      return w.finish();
    }
  }
  if (!scaled) throw new Error('unreachable: no value coding'); // intBits is finite whenever XOR lost
  const w = head();
  w.write(intMode, 2);
  w.write(scaled.k + 32, 6);
  w.writeUint53(zigzag(scaled.s[0] as number));
  if (intMode !== VALUES_CONST && zs) {
    w.write(rice, 6);
    for (let i = 0; i < zs.length; i++) writeRice(w, zs[i] as number, rice);
  }
  return w.finish();
}

// ── decode ────────────────────────────────────────────────────────────────────

export function chunkCount(blob: Uint8Array): number {
  return (((blob[1] ?? 0) << 8) | (blob[2] ?? 0)) >>> 0;
}

export function decodeChunk(blob: Uint8Array): Decoded {
  const n = chunkCount(blob);
  const out = { ts: new Float64Array(n), values: new Float64Array(n) };
  decodeChunkInto(blob, out.ts, out.values, 0);
  return out;
}

/** Decodes either format into the given arrays starting at `offset`; returns the number of samples written. */
export function decodeChunkInto(blob: Uint8Array, ts: Float64Array, values: Float64Array, offset: number): number {
  if (blob[0] !== FORMAT_V1) return decodeChunkV0Into(blob, ts, values, offset);
  const r = new BitReader(blob);
  r.read(8);
  const n = r.read(16);
  if (n === 0) return 0;
  let t = r.readUint53();
  ts[offset] = t;
  if (n > 1) {
    if (r.readBit() === 0) {
      const step = r.read(32);
      for (let i = 1; i < n; i++) ts[offset + i] = t += step;
    } else {
      let delta = 0;
      for (let i = 1; i < n; i++) {
        delta += readTimeDod(r);
        ts[offset + i] = t += delta;
      }
    }
  }
  const mode = r.read(2);
  if (mode === VALUES_XOR) {
    readXor(r, values, offset, n);
    return n;
  }
  const k = r.read(6) - 32;
  let s = unzigzag(r.readUint53());
  const v0 = unscale(s, k);
  values[offset] = v0;
  if (mode === VALUES_CONST) {
    values.fill(v0, offset + 1, offset + n);
    return n;
  }
  const rice = r.read(6);
  const p = 2 ** rice;
  const scale = pow10(Math.abs(k)); // why hoisted: one exact power per chunk, then one IEEE operation per value
  const div = k >= 0;
  let d = 0;
  for (let i = 1; i < n; i++) {
    const x = unzigzag(readRice(r, rice, p));
    d = mode === VALUES_DOD ? d + x : x;
    s += d;
    values[offset + i] = div ? s / scale : s * scale;
  }
  return n;
}
