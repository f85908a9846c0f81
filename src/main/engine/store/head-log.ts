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
const KEEP_BYTES = 1 << 20;
const raw = new DataView(new ArrayBuffer(8));
const x: Scaled = { s: 0, k: 0 };

class ByteWriter {
  buf = new Uint8Array(1024);
  len = 0;

  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A non-negative integer below 2^53, 7 bits per byte; the caller ensured room for 8 bytes. */
  varint(v: number): void {
    if (v < 0x80000000) {
      // why: integer operations for the common case (time steps, short decimals); same bytes
      while (v >= 128) {
        this.buf[this.len++] = (v & 127) | 128;
        v >>>= 7;
      }
      this.buf[this.len++] = v;
      return;
    }
    while (v >= 128) {
      this.buf[this.len++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  /** The caller ensured room for 8 bytes. */
  float(v: number): void {
    raw.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.buf[this.len++] = raw.getUint8(i);
  }
}

/**
 * Writes head-log rows one sample at a time, into one buffer kept from row to row (a poll's row is
 * written once per poll, and its bytes are copied out by SQLite before the next). Each sample is
 * scaled once: the value it returns is the one the row decodes to, which the head then keeps.
 */
export class HeadLogWriter {
  private readonly w = new ByteWriter();
  private prevId = 0;
  private prevT = 0;
  private tMin = 0;

  /** Starts a row whose samples are all at or after `tMin` (ms). */
  begin(tMin: number): void {
    // why: a backfill's row can be megabytes; keep no more than a poll's between rows
    if (this.w.buf.length > KEEP_BYTES) this.w.buf = new Uint8Array(1024);
    this.w.len = 0;
    this.prevId = 0;
    this.tMin = tMin;
  }

  /** Starts a series of `count` samples, in the order they will be written. */
  series(id: number, count: number): void {
    this.w.ensure(16);
    this.w.varint(zigzag(id - this.prevId));
    this.w.varint(count);
    this.prevId = id;
    this.prevT = this.tMin;
  }

  /** Writes one sample; returns v as the row keeps it: rounded to `digits` significant digits where
   *  it has such a form (precision.ts), v itself otherwise (17 = exact either way). */
  sample(t: number, v: number, digits: number): number {
    const w = this.w;
    w.ensure(24);
    w.varint(zigzag(t - this.prevT));
    this.prevT = t;
    if (scaleInto(v, digits, x)) {
      w.buf[w.len++] = x.k + 64;
      w.varint(zigzag(x.s));
      return unscale(x.s, x.k);
    }
    w.buf[w.len++] = RAW;
    w.float(v);
    return v;
  }

  /** The row's bytes; valid until the next begin(). */
  bytes(): Buffer {
    return Buffer.from(this.w.buf.buffer, this.w.buf.byteOffset, this.w.len);
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
  const w = new HeadLogWriter();
  w.begin(tMin);
  for (const s of series) {
    w.series(s.id, s.ts.length);
    for (let i = 0; i < s.ts.length; i++) w.sample(s.ts[i] as number, s.values[i] as number, digits);
  }
  return { blob: Buffer.from(w.bytes()), tMin, tMax };
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
