import { describe, expect, it } from 'vitest';
import { ContextModel } from '../../../src/main/engine/detect/context';
import { Likelihood, upperTailSurprisal } from '../../../src/main/engine/detect/likelihood';
import { createDetector, DEFAULT_PARAMS } from '../../../src/main/engine/detect/index';
import { DAY_SAMPLES, seasonalNoise } from './synthetic';

const params = { levels: 6, offset: 0, orders: 3, warmup: 12, tableBits: 8 };
const pattern = [0, 2, 4, 6, 8, 10];

describe('contextual novelty', () => {
  it('learns a repeating pattern until nothing in it is news, and calls a never-seen level fully novel', () => {
    const m = new ContextModel(params);
    let last = 1;
    for (let i = 0; i < 600; i++) last = m.observe(pattern[i % pattern.length] as number);
    expect(last).toBe(0);
    expect(m.observe(100)).toBe(1);
    expect(m.lastNew).toBe(true);
  });

  it('scores a known level in an order it never came in as novel', () => {
    const m = new ContextModel(params);
    for (let i = 0; i < 600; i++) m.observe(pattern[i % pattern.length] as number);
    // after 0, 2, 4 always came 6; 0 here is a known level in a wrong place
    m.observe(0);
    m.observe(2);
    m.observe(4);
    expect(m.observe(0)).toBeGreaterThan(0.5);
    expect(m.lastNew).toBe(false);
  });

  it('keeps working with a tiny memory on endless noise (bounded table, eviction)', () => {
    const m = new ContextModel({ ...params, tableBits: 4 });
    let x = 7;
    for (let i = 0; i < 5000; i++) {
      x = (x * 16807) % 2147483647;
      const s = m.observe(x / 2147483647);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('anomaly likelihood', () => {
  it('reads the normal upper tail as a surprisal: Q(0) = 1/2, Q(5) ≈ 2.9e-7, monotone far out', () => {
    expect(upperTailSurprisal(0)).toBeCloseTo(Math.log10(2), 5);
    expect(upperTailSurprisal(5)).toBeCloseTo(-Math.log10(2.8665e-7), 2);
    expect(upperTailSurprisal(40)).toBeGreaterThan(upperTailSurprisal(30));
  });

  it('is calm about a busy but steady raw score and loud about a burst after a calm history', () => {
    const busy = new Likelihood({ short: 5, long: 500, warmup: 50 });
    let maxBusy = 0;
    for (let i = 0; i < 1000; i++) maxBusy = Math.max(maxBusy, busy.update(i % 2));
    expect(maxBusy).toBeLessThan(3);
    const calm = new Likelihood({ short: 5, long: 500, warmup: 50 });
    for (let i = 0; i < 1000; i++) calm.update(0.01);
    let burst = 0;
    for (let i = 0; i < 5; i++) burst = calm.update(1);
    expect(burst).toBeGreaterThan(10);
  });

  it('with `seen`, stops reading a burst the history has had many times as rare, but not the first', () => {
    // a heavy-tailed raw score: calm, with a 5-sample burst every 100 samples
    const raw = (i: number): number => (i % 100 < 5 ? 0.9 : 0.05 + 0.02 * ((i * 7) % 3));
    const run = (seen: number): number[] => {
      const l = new Likelihood({ short: 5, long: 2000, warmup: 50, seen });
      return Array.from({ length: 3000 }, (_, i) => l.update(raw(i)));
    };
    const plain = run(0);
    const capped = run(5);
    const peak = (s: number[], from: number, to: number): number => Math.max(...s.slice(from, to));
    // the Gaussian tail keeps over-reading the recurring burst long after it became ordinary
    expect(peak(plain, 2000, 3000)).toBeGreaterThan(5.5);
    expect(peak(capped, 2000, 3000)).toBeLessThanOrEqual(1);
    // the first bursts after warm-up: not yet seen often, read as before
    expect(peak(capped, 100, 110)).toBe(peak(plain, 100, 110));
    expect(peak(capped, 100, 110)).toBeGreaterThan(5.5);
  });
});

describe('default detector', () => {
  it('flags one episode once: the samples right after a flag are withheld', () => {
    const { t, v } = seasonalNoise(5 * DAY_SAMPLES, 21);
    const at = 4 * DAY_SAMPLES + 50;
    for (let i = at; i < at + 20; i++) v[i] = (v[i] as number) + 30; // a 20-sample excursion
    const d = createDetector({ method: 'auto', sensitivity: 'medium' });
    const flags = t.map((ti, i) => d.update(ti, v[i] as number).flagged);
    const hits = flags.flatMap((f, i) => (f ? [i] : []));
    expect(hits.length).toBe(1);
    expect(hits[0]).toBeGreaterThanOrEqual(at);
    expect((hits[0] as number) - at).toBeLessThan(12);
  });

  it('counts the rest from the reported flag, so a busy lead-in does not silence what follows it', () => {
    const { t, v } = seasonalNoise(5 * DAY_SAMPLES, 21);
    const at = 4 * DAY_SAMPLES + 50;
    const rest = DEFAULT_PARAMS.contextual.rest;
    // a wild stretch (every sample a new extreme, so each is flagged) nearly as long as the rest
    for (let i = at; i < at + rest - 10; i++) v[i] = (v[i] as number) + (i % 2 === 0 ? 1 : -1) * (40 + (i - at));
    const spike = at + rest + 15; // past the rest from the excursion's start, not from its end
    v[spike] = (v[spike] as number) + 20_000;
    const d = createDetector({ method: 'auto', sensitivity: 'medium' });
    const flags = t.map((ti, i) => d.update(ti, v[i] as number).flagged);
    const hits = flags.flatMap((f, i) => (f ? [i] : []));
    expect(hits.length).toBe(2);
    expect((hits[0] as number) - at).toBeLessThan(12);
    expect(hits[1]).toBe(spike);
  });
});
