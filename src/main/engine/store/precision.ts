// Rounding samples to a number of significant digits before they are sealed into a chunk.
// A wall shows 3–4 digits; keeping 5 costs ~17 bits of information per value instead of 52, and
// the chunk codec (codec.ts) turns the rounded decimals into small scaled integers.
//   17 significant digits = lossless: every double round-trips bit for bit (incl. -0, NaN, ±Inf).

export const LOSSLESS_DIGITS = 17;
export const MIN_DIGITS = 3;
// why 5: the smallest precision whose worst relative error stays ≤ 1e-4, invisible on a wall that
// shows 3–4 digits. Measured by test/bench/store-bench.ts (24 h × 2,000 series, realistic mix), whole
// file per sample: 4 digits 1.24 B (max rel. error 5e-4: a 4-digit stat could flicker in its last
// digit), 5 digits 1.51 B (5e-5), 6 digits 1.85 B (5e-6), 17 digits (lossless) 4.75 B.
export const DEFAULT_SIGNIFICANT_DIGITS = 5;

/** An integer in MIN_DIGITS..LOSSLESS_DIGITS (the board schema checks this too). */
export function clampDigits(d: number): number {
  return Number.isFinite(d) ? Math.min(LOSSLESS_DIGITS, Math.max(MIN_DIGITS, Math.round(d))) : LOSSLESS_DIGITS;
}

/** A decimal s × 10^-k (s an integer, |s| < 2^52). */
export interface Scaled {
  s: number;
  k: number;
}

const POW10: number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`)); // exact up to 1e22
export const MAX_K = 22; // why: 10^k is an exact double only up to 10^22, which decoding relies on

/** 10^k as a double; exact for |k| ≤ 22. */
export function pow10(k: number): number {
  return k >= 0 ? (POW10[k] ?? 10 ** k) : 1 / (POW10[-k] ?? 10 ** -k);
}

/** s / 10^k, the one way every reader turns a scaled integer back into a double. Correctly rounded
 *  for |k| ≤ 22 (one exact power, one IEEE operation), so equal decimals give equal doubles. */
export function unscale(s: number, k: number): number {
  return k >= 0 ? s / (POW10[k] as number) : s * (POW10[-k] as number);
}

// 10^e for e in -22..22 at [e + 22], as pow10 gives them (one lookup instead of a division)
const POW10_E: number[] = Array.from({ length: 2 * MAX_K + 1 }, (_, i) => pow10(i - MAX_K));
const tenTo = (e: number): number => POW10_E[e + MAX_K] ?? pow10(e);
/** The decimal exponent of the last value scaled (see scaleInto). */
let lastExponent = 0;

// why 2^52: the zigzag of s (2|s| + 1) must stay an exact integer for the varint and bit coders
const MAX_S = 2 ** 52;

/** Drops trailing decimal zeros into `out`: (12300, 4) → (123, 2). False when |s| is too large to code. */
function strip(s: number, k: number, out: Scaled): boolean {
  if (!(Math.abs(s) < MAX_S)) return false;
  if (s === 0) {
    out.s = 0;
    out.k = -MAX_K;
    return true;
  }
  while (s % 10 === 0 && k > -MAX_K) {
    s /= 10;
    k--;
  }
  out.s = s;
  out.k = k;
  return true;
}

/**
 * v as a decimal with at most `digits` significant digits, or undefined when v has no such form the
 * codec can use (NaN, ±Inf, -0 when lossless, magnitudes outside 10^±22, or — when lossless — a
 * double that is not a short decimal). Lossy: |unscale(s, k) − v| ≤ half a unit in the last digit
 * (within one rounding of the double product). Lossless: unscale(s, k) === v exactly.
 */
export function toScaled(v: number, digits: number): Scaled | undefined {
  const out = { s: 0, k: 0 };
  return scaleInto(v, digits, out) ? out : undefined;
}

/** toScaled into `out` (true) or false when v has no such form; allocates nothing, for the
 *  per-sample write path (ingest runs it once per sample). */
export function scaleInto(v: number, digits: number, out: Scaled): boolean {
  if (!Number.isFinite(v)) return false;
  if (v === 0) {
    if (Object.is(v, -0) && digits >= LOSSLESS_DIGITS) return false;
    out.s = 0;
    out.k = -MAX_K;
    return true;
  }
  const a = Math.abs(v);
  if (digits >= LOSSLESS_DIGITS) {
    // the shortest k that gives v back bit for bit; why ≤ 9: beyond that the integers outgrow the
    // delta coder and XOR of the doubles is as small
    for (let k = 0; k <= 9; k++) {
      const s = Math.round(v * (POW10[k] as number));
      if (Math.abs(s) < MAX_S && s / (POW10[k] as number) === v) return strip(s, k, out);
    }
    return false;
  }
  // why the previous sample's exponent first: a poll's samples come query by query, mostly of one
  // magnitude, and log10 was the costliest step of the per-sample write; either way e is the one
  // exponent with 10^e ≤ |v| < 10^(e+1)
  let e = lastExponent;
  if (!(tenTo(e) <= a && a < tenTo(e + 1))) {
    e = Math.floor(Math.log10(a));
    // why: log10 can be off by one next to powers of ten; too small an exponent would keep a digit too few
    if (tenTo(e) > a) e--;
    else if (tenTo(e + 1) <= a) e++;
    lastExponent = e;
  }
  const k = digits - 1 - e;
  if (k > MAX_K || k < -MAX_K) return false;
  const s = k >= 0 ? Math.round(v * (POW10[k] as number)) : Math.round(v / (POW10[-k] as number));
  return strip(s, k, out);
}

const scratch: Scaled = { s: 0, k: 0 };

/** v rounded to `digits` significant digits where it has such a form; otherwise v itself. */
export function roundDecimal(v: number, digits: number): number {
  return scaleInto(v, digits, scratch) ? unscale(scratch.s, scratch.k) : v;
}
