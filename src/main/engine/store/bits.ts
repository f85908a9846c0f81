// Bit-level writer and reader for the chunk codec. Bits are packed MSB first.
// Values wider than 32 bits are written as two parts (hi, lo) by the caller, because JS bitwise
// operators work on 32-bit integers.

export const TWO_32 = 4_294_967_296;

/** Signed integer → non-negative (0, −1, 1, −2… → 0, 1, 2, 3…), so small magnitudes code short. */
export const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

export class BitWriter {
  private buf: Uint8Array;
  private byte = 0; // index of the byte being filled
  private bit = 0; // bits already used in buf[byte], 0..7

  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(8, capacity));
  }

  /** Writes the low `n` bits of `value` (0 ≤ n ≤ 32), most significant first. */
  write(value: number, n: number): void {
    if (n === 0) return;
    this.ensure(n);
    const v = value >>> 0;
    let left = n;
    while (left > 0) {
      const free = 8 - this.bit;
      const take = left < free ? left : free;
      const shift = left - take; // ≤ 31 since take ≥ 1
      const part = (v >>> shift) & ((1 << take) - 1);
      (this.buf[this.byte] as number) |= part << (free - take);
      this.bit += take;
      left -= take;
      if (this.bit === 8) {
        this.byte++;
        this.bit = 0;
      }
    }
  }

  writeBit(b: 0 | 1): void {
    this.ensure(1);
    if (b) (this.buf[this.byte] as number) |= 0x80 >>> this.bit;
    if (++this.bit === 8) {
      this.byte++;
      this.bit = 0;
    }
  }

  /** A non-negative integer below 2^53, as 21 + 32 bits. */
  writeUint53(value: number): void {
    this.write(Math.floor(value / TWO_32), 21);
    this.write(value % TWO_32, 32);
  }

  /** Bytes written so far (the last byte is zero-padded). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.byte + (this.bit > 0 ? 1 : 0));
  }

  get bitLength(): number {
    return this.byte * 8 + this.bit;
  }

  private ensure(n: number): void {
    if (this.byte + 8 + (n >> 3) < this.buf.length) return;
    const next = new Uint8Array(this.buf.length * 2 + (n >> 3));
    next.set(this.buf);
    this.buf = next;
  }
}

export class BitReader {
  private byte = 0;
  private bit = 0;

  constructor(private readonly buf: Uint8Array) {}

  readBit(): number {
    const b = ((this.buf[this.byte] ?? 0) >>> (7 - this.bit)) & 1;
    if (++this.bit === 8) {
      this.byte++;
      this.bit = 0;
    }
    return b;
  }

  /** Reads `n` bits (0 ≤ n ≤ 32) as an unsigned integer. Reading past the end yields zeros. */
  read(n: number): number {
    let out = 0;
    let left = n;
    while (left > 0) {
      const free = 8 - this.bit;
      const take = left < free ? left : free;
      const cur = this.buf[this.byte] ?? 0;
      const part = (cur >>> (free - take)) & ((1 << take) - 1);
      // why: multiply instead of << so a full 32-bit result stays unsigned
      out = out * (1 << take) + part;
      this.bit += take;
      left -= take;
      if (this.bit === 8) {
        this.byte++;
        this.bit = 0;
      }
    }
    return out;
  }

  /** Counts 1 bits up to and including the first 0, or stops after `max` ones (the 0 is then not
   *  read). Scans a byte at a time. */
  readUnary(max: number): number {
    let q = 0;
    for (;;) {
      const avail = 8 - this.bit;
      // why invert: clz32 counts the leading ones of the byte's unread bits, stopping at its end
      const ones = Math.clz32(~(((this.buf[this.byte] ?? 0) << (24 + this.bit)) | 0) >>> 0);
      if (q + ones >= max) {
        this.skip(max - q);
        return max;
      }
      if (ones < avail) {
        this.skip(ones + 1);
        return q + ones;
      }
      this.skip(avail);
      q += avail;
    }
  }

  private skip(n: number): void {
    const b = this.bit + n;
    this.byte += b >> 3;
    this.bit = b & 7;
  }

  readUint53(): number {
    const hi = this.read(21);
    return hi * TWO_32 + this.read(32);
  }
}

const xorF64 = new Float64Array(1);
const xorU32 = new Uint32Array(xorF64.buffer); // little endian: [lo, hi]

/**
 * Gorilla XOR encoding of float64 values, one at a time: the mirror of XorDecoder, shared by the
 * v1 chunk encoder and the v0 encoder the tests keep to write old blobs.
 */
export class XorEncoder {
  private hi = 0;
  private lo = 0;
  private lead = -1; // none yet: the first changed value gives its counts
  private trail = 0;

  first(w: BitWriter, v: number): void {
    xorF64[0] = v;
    this.lo = xorU32[0] as number;
    this.hi = xorU32[1] as number;
    this.lead = -1;
    this.trail = 0;
    w.write(this.hi, 32);
    w.write(this.lo, 32);
  }

  next(w: BitWriter, v: number): void {
    xorF64[0] = v;
    const lo = xorU32[0] as number, hi = xorU32[1] as number;
    const xh = (hi ^ this.hi) >>> 0, xl = (lo ^ this.lo) >>> 0;
    this.hi = hi;
    this.lo = lo;
    if (xh === 0 && xl === 0) {
      w.writeBit(0);
      return;
    }
    w.writeBit(1);
    let lead = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    if (lead > 31) lead = 31; // why: 5 bits hold the count
    const trail = xl !== 0 ? 31 - Math.clz32(xl & -xl) : 32 + (31 - Math.clz32(xh & -xh));
    if (this.lead >= 0 && lead >= this.lead && trail >= this.trail) {
      w.writeBit(0);
      writeShifted(w, xh, xl, this.trail, 64 - this.lead - this.trail);
    } else {
      const m = 64 - lead - trail;
      w.writeBit(1);
      w.write(lead, 5);
      w.write(m - 1, 6);
      writeShifted(w, xh, xl, trail, m);
      this.lead = lead;
      this.trail = trail;
    }
  }
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

/**
 * Gorilla XOR decoding of float64 values, one at a time (Pelkonen et al., VLDB 2015): the first
 * value as 64 raw bits, then per value a 0 bit (unchanged) or the XOR with the previous value,
 * reusing the previous leading/trailing zero counts or giving new ones. Shared by the v0 and v1
 * chunk decoders, which interleave it with different timestamp coding.
 */
export class XorDecoder {
  private hi = 0;
  private lo = 0;
  private lead = 0;
  private trail = 0;

  first(r: BitReader): number {
    this.hi = r.read(32);
    this.lo = r.read(32);
    this.lead = 0;
    this.trail = 0;
    return this.value();
  }

  next(r: BitReader): number {
    if (r.readBit() === 0) return this.value();
    if (r.readBit() === 1) {
      this.lead = r.read(5);
      this.trail = 64 - this.lead - (r.read(6) + 1);
    }
    const trail = this.trail;
    const m = 64 - this.lead - trail;
    let yh = 0, yl: number;
    if (m > 32) { yh = r.read(m - 32); yl = r.read(32); }
    else yl = r.read(m);
    let xh: number, xl: number;
    if (trail >= 32) { xh = (yl << (trail - 32)) >>> 0; xl = 0; }
    else if (trail === 0) { xh = yh; xl = yl; }
    else { xh = ((yh << trail) | (yl >>> (32 - trail))) >>> 0; xl = (yl << trail) >>> 0; }
    this.hi = (this.hi ^ xh) >>> 0;
    this.lo = (this.lo ^ xl) >>> 0;
    return this.value();
  }

  private value(): number {
    xorU32[0] = this.lo;
    xorU32[1] = this.hi;
    return xorF64[0] as number;
  }
}
