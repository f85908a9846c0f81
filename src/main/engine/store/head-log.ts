// The head's restart log: each batch's head samples as one compact row of `head_log`, replayed in
// order on open (a later row overwrites an earlier sample at the same time, as the head does).
// why not one row per sample: a (t, series_id, v) row costs ~22 bytes plus b-tree slack; a log
// entry is ~6 (series delta, time delta, value as a short decimal) and is appended, never updated.
//
// Row blob: per series: zigzag varint Δseries_id · varint count · per sample: zigzag varint Δt
// (from the series' previous sample, the first from the row's t_min) · value, where a value is a
// tag byte k + 64 and a zigzag varint s (v = s·10^-k, precision.ts), or tag 0xff and 8 bytes of the
// raw double (NaN, ±Inf, -0, long fractions).
import { unzigzag, zigzag } from './bits';
import { scaleInto, unscale, type Scaled } from './precision';

const RAW = 0xff;
const raw = new DataView(new ArrayBuffer(8));
const x: Scaled = { s: 0, k: 0 };

class ByteWriter {
  buf = new Uint8Array(1024);
  len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** A non-negative integer below 2^53, 7 bits per byte. */
  varint(v: number): void {
    this.ensure(8);
    while (v >= 128) {
      this.buf[this.len++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  float(v: number): void {
    this.ensure(8);
    raw.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.buf[this.len++] = raw.getUint8(i);
  }
}

export interface LogSeries {
  id: number;
  ts: readonly number[];
  values: readonly number[];
}

/** Encodes one batch's head samples; `digits` as the chunks will keep them (17 = exact). Returns
 *  the blob and the oldest and newest sample time (ms). */
export function encodeHeadLog(series: readonly LogSeries[], digits: number): { blob: Buffer; tMin: number; tMax: number } {
  let tMin = Infinity, tMax = -Infinity;
  for (const s of series) {
    for (const t of s.ts) {
      if (t < tMin) tMin = t;
      if (t > tMax) tMax = t;
    }
  }
  const w = new ByteWriter();
  let prevId = 0;
  for (const s of series) {
    w.varint(zigzag(s.id - prevId));
    prevId = s.id;
    w.varint(s.ts.length);
    let prevT = tMin;
    for (let i = 0; i < s.ts.length; i++) {
      const t = s.ts[i] as number;
      w.varint(zigzag(t - prevT));
      prevT = t;
      const v = s.values[i] as number;
      // why the digits: the chunk will keep no more, and rounding twice at one precision is a no-op
      if (scaleInto(v, digits, x)) {
        w.byte(x.k + 64);
        w.varint(zigzag(x.s));
      } else {
        w.byte(RAW);
        w.float(v);
      }
    }
  }
  return { blob: Buffer.from(w.buf.buffer, 0, w.len), tMin, tMax };
}

/** Calls `add` for every sample of a row, in the order written. */
export function decodeHeadLog(blob: Uint8Array, tMin: number, add: (id: number, t: number, v: number) => void): void {
  let at = 0;
  const varint = (): number => {
    let v = 0, mul = 1, b: number;
    do {
      b = blob[at++] ?? 0;
      v += (b & 127) * mul;
      mul *= 128;
    } while (b >= 128 && at < blob.length);
    return v;
  };
  let id = 0;
  while (at < blob.length) {
    id += unzigzag(varint());
    const n = varint();
    let t = tMin;
    for (let i = 0; i < n; i++) {
      t += unzigzag(varint());
      const tag = blob[at++] ?? RAW;
      let v: number;
      if (tag === RAW) {
        for (let j = 0; j < 8; j++) raw.setUint8(j, blob[at++] ?? 0);
        v = raw.getFloat64(0, true);
      } else v = unscale(unzigzag(varint()), tag - 64);
      add(id, t, v);
    }
  }
}
