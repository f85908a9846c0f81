/** Seeded synthetic series for detector tests: 5-minute samples of a daily sine plus noise. */
export const STEP = 300_000; // ms
export const DAY_SAMPLES = 288;
export const T0 = Date.UTC(2024, 0, 1);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** value = 50 + amplitude·sin(2π·time-of-day) + N(0, 1) */
export function seasonalNoise(samples: number, seed = 1, amplitude = 20): { t: number[]; v: number[] } {
  const rnd = mulberry32(seed);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < samples; i++) {
    const u1 = rnd() || 1e-12;
    const gauss = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rnd());
    t.push(T0 + i * STEP);
    v.push(50 + amplitude * Math.sin((2 * Math.PI * i) / DAY_SAMPLES) + gauss);
  }
  return { t, v };
}
