// Pure, seeded randomness and daily curves for the demo source. Every function here is a function of
// its arguments alone (no Math.random, no clock), so value(metric, t) is the same in any order.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const TWO_32 = 4_294_967_296;

/** FNV-1a over a string, 32-bit unsigned; used once per series to seed its per-sample hashes. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a cheap avalanche of 32 bits. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of (series hash, integer k, salt); k may exceed 2^32 (unix ms does). */
export function hashAt(seriesHash: number, k: number, salt = 0): number {
  const lo = k % TWO_32 >>> 0;
  const hi = Math.floor(k / TWO_32) >>> 0;
  let h = fmix32(seriesHash ^ Math.imul(salt + 1, 0x9e3779b1));
  h = fmix32(h ^ lo);
  return fmix32(h ^ Math.imul(hi + 1, 0x27d4eb2f));
}

/** Uniform in [0, 1). */
export function uniform(seriesHash: number, k: number, salt = 0): number {
  return hashAt(seriesHash, k, salt) / TWO_32;
}

/** Roughly normal noise with mean 0, sd 1, bounded to [-3, 3] (sum of three uniforms). */
export function white(seriesHash: number, t: number, salt = 0): number {
  const s = uniform(seriesHash, t, salt * 3 + 1) + uniform(seriesHash, t, salt * 3 + 2) + uniform(seriesHash, t, salt * 3 + 3);
  return (s - 1.5) * 2;
}

/** Smooth value noise in [-1, 1]: random knots every `knotMs`, cosine-interpolated between them. */
export function smooth(seriesHash: number, t: number, knotMs: number, salt = 0): number {
  const k = Math.floor(t / knotMs);
  const f = (t - k * knotMs) / knotMs;
  const a = uniform(seriesHash, k, salt + 101);
  const b = uniform(seriesHash, k + 1, salt + 101);
  const w = (1 - Math.cos(Math.PI * f)) / 2;
  return (a + (b - a) * w) * 2 - 1;
}

/** Hour of the UTC day in [0, 24). */
export function hourUtc(t: number): number {
  return (((t % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/** Fraction of the UTC day elapsed, in [0, 1). */
export function dayFraction(t: number): number {
  return hourUtc(t) / 24;
}

/** Day/night curve in [0, 1]: 1 at `peakHour` UTC, 0 twelve hours away. */
export function dayWave(t: number, peakHour: number): number {
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (hourUtc(t) - peakHour)) / 24);
}

/** Business traffic in [floor, 1]: a sharpened day wave so nights are quiet and days plateau. */
export function traffic(t: number, peakHour: number, floor = 0.12): number {
  return floor + (1 - floor) * dayWave(t, peakHour) ** 1.4;
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const y = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return y * y * (3 - 2 * y);
}

/** Market-hours activity in [0, 1]: ramps up at 13:30 UTC, down after 20:00 UTC (US equities session). */
export function marketHours(t: number): number {
  const h = hourUtc(t);
  return smoothstep(13, 14, h) * (1 - smoothstep(20, 21, h));
}

/** Traffic of the shared platform: every brand's load, weighted. */
export function platformTraffic(t: number): number {
  return 0.35 * traffic(t, 15) + 0.3 * traffic(t, 11) + 0.15 * traffic(t, 19) + 0.2 * (0.15 + 0.85 * marketHours(t));
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
