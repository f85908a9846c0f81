/** Seeded synthetic series for detector tests: 5-minute samples of a daily sine plus noise. */
import { rng } from '../../bench/families';

export const STEP = 300_000; // ms
export const DAY_SAMPLES = 288;
export const T0 = Date.UTC(2024, 0, 1);

/** value = 50 + amplitude·sin(2π·time-of-day) + N(0, 1) */
export function seasonalNoise(samples: number, seed = 1, amplitude = 20): { t: number[]; v: number[] } {
  const rnd = rng(seed);
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
