// The contract every detector keeps, whatever the series: bounded state, no look-ahead, scores in
// [0, 1], deterministic, and tolerant of times that step back or repeat (real exports do that).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runDetectCommand } from '../../../src/main/cli/detect';
import { createDetector, type DetectMethod } from '../../../src/main/engine/detect/index';
import { stateBytes } from './state-bytes';

const METHODS: DetectMethod[] = ['auto', 'zscore', 'seasonal', 'changepoint'];
const T0 = Date.UTC(2024, 0, 1);

/** A seeded random walk with bursts: keeps producing values (and contexts) never seen before. */
function wander(n: number, seed: number): { t: number[]; v: number[] } {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 48271) + 11) % 2147483647;
    return x / 2147483647;
  };
  const t: number[] = [];
  const v: number[] = [];
  let level = 0;
  for (let i = 0; i < n; i++) {
    level += next() - 0.5 + (next() < 0.001 ? 50 * (next() - 0.5) : 0);
    t.push(T0 + i * 60_000 + Math.floor(next() * 20_000));
    v.push(level * (next() < 0.002 ? 10 : 1));
  }
  return { t, v };
}

const sample = fc.record({ dt: fc.integer({ min: -3_600_000, max: 7_200_000 }), v: fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -1e6, max: 1e6, noNaN: true })) });

describe('detector contract', () => {
  for (const method of METHODS) {
    it(`${method}: every score is in [0, 1], for any values and any time steps (back, repeated, NaN, ±Inf)`, () => {
      fc.assert(
        fc.property(fc.array(sample, { minLength: 1, maxLength: 1500 }), (rows) => {
          const d = createDetector({ method, sensitivity: 'high' });
          let t = T0;
          for (const { dt, v } of rows) {
            t += dt;
            const r = d.update(t, v);
            if (!(r.score >= 0 && r.score <= 1)) return false;
            if (r.flagged !== r.score >= 0.5 && r.score > 0) return false;
          }
          return true;
        }),
        { numRuns: 30 },
      );
    });

    it(`${method}: deterministic, and a prefix scores the same whether or not more data follows`, () => {
      const { t, v } = wander(3000, 7);
      const run = (n: number) => {
        const d = createDetector({ method, sensitivity: 'medium' });
        return t.slice(0, n).map((ti, i) => d.update(ti, v[i] as number));
      };
      const whole = run(3000);
      expect(run(3000)).toEqual(whole);
      expect(run(1234)).toEqual(whole.slice(0, 1234));
    });

    it(`${method}: state is bounded (the same bytes after 2,000 and 60,000 samples of a wandering series)`, () => {
      const { t, v } = wander(60_000, 3);
      const d = createDetector({ method, sensitivity: 'medium' });
      let at2k = 0;
      for (let i = 0; i < t.length; i++) {
        d.update(t[i] as number, v[i] as number);
        if (i === 1999) at2k = stateBytes(d);
      }
      expect(stateBytes(d)).toBe(at2k);
      // the default's figure, stated in BENCHMARKS.md and the README
      if (method === 'auto') expect(at2k).toBeLessThan(120_000);
    });
  }
});

describe('wallboard detect has no look-ahead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-contract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores the first rows of a file the same as the file cut after them (no whole-file min/max or length)', async () => {
    const { t, v } = wander(2500, 11);
    const rows = t.map((ti, i) => `${new Date(ti).toISOString().replace('T', ' ').slice(0, 19)},${(v[i] as number).toFixed(3)}`);
    const score = async (n: number) => {
      const file = join(dir, `cut-${n}.csv`);
      writeFileSync(file, ['timestamp,value', ...rows.slice(0, n)].join('\n') + '\n');
      const out: string[] = [];
      expect(await runDetectCommand(file, {}, { stdout: (s) => out.push(s), stderr: () => undefined })).toBe(0);
      return (out[0] as string).trimEnd().split('\n').slice(1);
    };
    const whole = await score(2500);
    expect(await score(900)).toEqual(whole.slice(0, 900));
    expect(whole.some((l) => Number(l.split(',')[2]) > 0)).toBe(true);
  });
});
