import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitReader, BitWriter } from '../../../src/main/engine/store/bits';
import { decodeChunk, encodeChunk, FORMAT_V1, VALUES_XOR } from '../../../src/main/engine/store/codec';

const T = 1_735_689_600_000; // unix ms

/** Same values, with NaN equal to NaN and -0 distinct from 0 (a lossless codec keeps both). */
function expectSame(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number, e = expected[i] as number;
    if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e))) throw new Error(`index ${i}: got ${a}, want ${e}`);
  }
}

/** The 2-bit value coding of a v1 blob with aligned timestamps (header 24 + t0 53 + 1 + step 32 bits). */
function valueMode(blob: Uint8Array): number {
  const bit = 24 + 53 + 1 + 32;
  return (((blob[bit >> 3] as number) << 8) | (blob[(bit >> 3) + 1] ?? 0)) >> (16 - 2 - (bit & 7)) & 3;
}

function roundTrip(ts: number[], values: number[]): void {
  const d = decodeChunk(encodeChunk(ts, values));
  expectSame(d.ts, ts);
  expectSame(d.values, values);
}

const timestamps = (n: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 2 ** 46 }), fc.array(fc.integer({ min: 1, max: 3_600_000 }), { minLength: n, maxLength: n }))
    .map(([start, steps]) => {
      let t = start;
      return [start, ...steps.slice(1).map((s) => (t += s))];
    });

describe('bit writer and reader', () => {
  it('read back every field written, at any width', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 0xffffffff }))), (fields) => {
        const w = new BitWriter(1);
        for (const [n, v] of fields) w.write(v, n);
        const r = new BitReader(w.finish());
        for (const [n, v] of fields) expect(r.read(n)).toBe(n === 0 ? 0 : n === 32 ? v : v % 2 ** n);
      }),
    );
  });
});

describe('chunk codec', () => {
  it('round-trips arbitrary doubles, NaN, ±Infinity and -0 bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(timestamps(n), fc.array(fc.double(), { minLength: n, maxLength: n }))),
        ([ts, values]) => roundTrip(ts, values),
      ),
    );
  });

  it('round-trips realistic series: counters, walking gauges, decimals, rates, with jittered timestamps', () => {
    const realistic = fc.record({
      n: fc.integer({ min: 1, max: 480 }),
      start: fc.integer({ min: 0, max: 2 ** 45 }),
      jitter: fc.integer({ min: 0, max: 50 }),
      kind: fc.constantFrom('counter', 'gauge', 'decimal', 'rate', 'constant', 'flag'),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(realistic, ({ n, start, jitter, kind, seed }) => {
        let s = seed >>> 0;
        const rnd = () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
        const ts: number[] = [];
        const values: number[] = [];
        let acc = rnd() * 1e6;
        for (let i = 0; i < n; i++) {
          ts.push(start + i * 15_000 + Math.floor(rnd() * jitter));
          if (kind === 'counter') acc = Math.floor(acc) + Math.floor(rnd() * 500);
          else if (kind === 'gauge') acc = Math.round(acc + (rnd() - 0.5) * 4096);
          else if (kind === 'decimal') acc = Math.round(rnd() * 10_000) / 100;
          else if (kind === 'rate') acc = 100 + rnd() * 3;
          else if (kind === 'constant') acc = 42;
          else acc = rnd() < 0.05 ? 0 : 1;
          values.push(acc);
        }
        roundTrip(ts, values);
      }),
    );
  });

  it('stores a constant value at aligned 15 s steps in a header of a few bytes', () => {
    const ts = Array.from({ length: 480 }, (_, i) => T + i * 15_000);
    const blob = encodeChunk(ts, ts.map(() => 1));
    // one step for all timestamps and one value for all values: the header is all there is
    expect(blob.length).toBeLessThan(24);
  });

  it('falls back to XOR of doubles when values are not short decimals', () => {
    const ts = [T, T + 15_000, T + 30_000];
    const blob = encodeChunk(ts, [Math.PI, Math.E, NaN]);
    expect(blob[0]).toBe(FORMAT_V1);
    expect(valueMode(blob)).toBe(VALUES_XOR);
    roundTrip(ts, [Math.PI, Math.E, NaN]);
  });

  it('encodes an empty chunk and a single sample', () => {
    roundTrip([], []);
    roundTrip([T], [-Infinity]);
  });
});
