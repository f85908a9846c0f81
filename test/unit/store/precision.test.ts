import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk } from '../../../src/main/engine/store/codec';
import { decodeChunkV0Into } from '../../../src/main/engine/store/codec-v0';
import { encodeChunkV0 } from './codec-v0-encoder';
import { decodeHeadLog, encodeHeadLog } from '../../../src/main/engine/store/head-log';
import { DEFAULT_SIGNIFICANT_DIGITS, toScaled } from '../../../src/main/engine/store/precision';
import { boardSchema } from '../../../src/shared/config-schema';
import { all, DAY, metricBatch, series, T0, tempStore } from './temp-store';

const T = 1_735_689_600_000; // unix ms
const step = 15_000; // ms

/** Half a unit in the `digits`th significant digit of v, plus a few ulps of v: the rounding is done
 *  on the double product v · 10^k, which is itself rounded (it decides ties like 0.6505470642675 at 12
 *  digits by the product, not by the decimal expansion of the double). */
function halfUnit(v: number, digits: number): number {
  const e = Math.floor(Math.log10(Math.abs(v)));
  return 0.5 * 10 ** (e - digits + 1) + 4 * Number.EPSILON * Math.abs(v);
}

function checkWithin(decoded: ArrayLike<number>, values: readonly number[], digits: number): void {
  expect(decoded.length).toBe(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number, d = decoded[i] as number;
    if (!Number.isFinite(v) || v === 0) {
      // NaN, ±Infinity and zero come back as they were (−0 may come back as 0 when lossy)
      if (!(Object.is(d, v) || (Number.isNaN(d) && Number.isNaN(v)) || (v === 0 && d === 0))) throw new Error(`index ${i}: got ${d}, want ${v}`);
      continue;
    }
    if (!(Math.abs(d - v) <= halfUnit(v, digits))) throw new Error(`index ${i}: ${d} is more than half a unit of digit ${digits} from ${v}`);
  }
}

const valuesArb = fc.oneof(
  // anything a double can be
  fc.double(),
  // what metrics look like: rates, ratios, gauges across magnitudes
  fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -12, max: 15 })).map(([m, e]) => m * 10 ** e),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, 0.1, 5e-324),
);

const chunkArb = fc.integer({ min: 1, max: 240 }).chain((n) =>
  fc.tuple(
    fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }), // ms of poll jitter
    fc.oneof(
      fc.array(valuesArb, { minLength: n, maxLength: n }),
      // a smooth series: a walk with small steps, as a rate or a gauge
      fc.tuple(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.array(fc.double({ min: -0.01, max: 0.01, noNaN: true }), { minLength: n, maxLength: n }))
        .map(([base, steps]) => {
          let v = base;
          return steps.map((s) => (v *= 1 + s));
        }),
    ),
  ),
);

describe('chunks rounded to significant digits', () => {
  for (const digits of [3, 4, 5, 6, 9, 12, 16]) {
    it(`keep every value within half a unit of its ${digits}th significant digit, and NaN and ±Infinity exactly`, () => {
      fc.assert(
        fc.property(chunkArb, ([jitter, values]) => {
          const ts = jitter.map((j, i) => T + i * step + j);
          const d = decodeChunk(encodeChunk(ts, values, digits));
          expect(Array.from(d.ts)).toEqual(ts);
          checkWithin(d.values, values, digits);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('keep every double bit for bit at 17 digits, including -0 and NaN', () => {
    fc.assert(
      fc.property(chunkArb, ([jitter, values]) => {
        const ts = jitter.map((_, i) => T + i * step);
        const d = decodeChunk(encodeChunk(ts, values, 17));
        for (let i = 0; i < values.length; i++) {
          const v = values[i] as number, got = d.values[i] as number;
          if (!Object.is(got, v) && !(Number.isNaN(v) && Number.isNaN(got))) throw new Error(`index ${i}: got ${got}, want ${v}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  type Scaled = NonNullable<ReturnType<typeof toScaled>>;
  const roundTwice = (v: number, digits: number): { once: Scaled; twice: Scaled | undefined } | undefined => {
    const once = toScaled(v, digits);
    if (!once) return undefined;
    const r = once.k >= 0 ? once.s / 10 ** once.k : once.s * 10 ** -once.k;
    return { once, twice: toScaled(r, digits) };
  };

  it('give the same double for a value already rounded, so rounding twice changes nothing (3–15 digits)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 3, max: 15 }), (v, digits) => {
        const r = roundTwice(v, digits);
        if (r) expect(r.twice).toEqual(r.once);
      }),
    );
  });

  // why apart: a double carries 15.95 decimal digits, so a 16-digit decimal does not always survive the
  // trip through a double (0.031269544296392046 at 16 digits: …205 once, …206 twice; ~0.5 % of random
  // doubles). The second rounding stays within one unit of the 16th digit.
  it('move a value already rounded to 16 digits by at most one unit of its last digit', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const r = roundTwice(v, 16);
        if (!r) return;
        const twice = r.twice ?? { s: Infinity, k: r.once.k };
        // why aligned: a last digit rounded up to 0 is stripped, so twice may have one k less
        expect(Math.abs(twice.s * 10 ** (r.once.k - twice.k) - r.once.s)).toBeLessThanOrEqual(1);
      }),
    );
    expect(Math.abs((roundTwice(0.031269544296392046, 16)?.twice?.s ?? 0) - 3126954429639205)).toBeLessThanOrEqual(1);
  });

  // why: the write path starts from the previous sample's decimal exponent (precision.ts); a value
  // next to a power of ten, scaled after one of another magnitude, must still get its own exponent
  it('round a value the same whatever value was rounded before it (powers of ten and their neighbours too)', () => {
    const up = (v: number): number => v + Math.abs(v) * Number.EPSILON;
    const down = (v: number): number => v - Math.abs(v) * Number.EPSILON * 0.5;
    const edgeArb = fc.tuple(fc.integer({ min: -24, max: 24 }), fc.constantFrom(1, -1), fc.constantFrom<(v: number) => number>((v) => v, up, down)).map(([e, sign, nudge]) => nudge(sign * 10 ** e));
    const anyArb = fc.oneof(valuesArb, edgeArb);
    fc.assert(
      fc.property(anyArb, anyArb, fc.integer({ min: 3, max: 16 }), (before, v, digits) => {
        const alone = [toScaled(v, digits), toScaled(v, digits)][1]; // after itself
        toScaled(before, digits);
        expect(toScaled(v, digits)).toEqual(alone);
      }),
      { numRuns: 2_000 },
    );
  });

  it('shrink a rate of a counter (k/300) to under a quarter of its lossless size at 5 digits', () => {
    const ts = Array.from({ length: 240 }, (_, i) => T + i * step);
    let c = 0;
    const window: number[] = [];
    const rates = ts.map((_, i) => {
      c += 3_000 + ((i * 7_919) % 1_000);
      window.push(c);
      if (window.length > 21) window.shift();
      return ((window[window.length - 1] as number) - (window[0] as number)) / 300;
    });
    const lossless = encodeChunk(ts, rates, 17).length;
    const five = encodeChunk(ts, rates, 5).length;
    expect(five * 4).toBeLessThan(lossless);
    checkWithin(decodeChunk(encodeChunk(ts, rates, 5)).values, rates, 5);
  });
});

describe('chunks written by the previous format (v0)', () => {
  // blobs made by the encoder of commit efb649c (the store's first release), kept verbatim
  const T0 = T;
  const ts = Array.from({ length: 6 }, (_, i) => T0 + i * 15_000 + (i % 3 === 0 ? 7 : 0));
  const fixtures: [string, string, number[]][] = [
    ['XOR of doubles', '000006000ca0f94be03a00490fdaa22168c780001d48eccf27bc77d41e9c68d8bdfff6fc2a2c515da68d001000000000000131c05fffd1b07f034adc3f85f1e6b2', [Math.PI, Math.E, NaN, Infinity, -0, 1e-300]],
    ['integer deltas', '120006000ca0f94be0380000000002713c0000ea470ca8d86346c6498eaed1b258', [12.5, 12.75, 12.5, 13, 11.25, 12]],
    ['integer delta-of-deltas', '200006000ca0f94be0380000000001f43c0000ea473228ca3262a300', [1000, 1100, 1200, 1300, 1400, 1500]],
  ];
  for (const [name, hex, values] of fixtures) {
    it(`still decode bit for bit: ${name}`, () => {
      const d = decodeChunk(Buffer.from(hex, 'hex'));
      expect(Array.from(d.ts)).toEqual(ts);
      values.forEach((v, i) => (Number.isNaN(v) ? expect(d.values[i]).toBeNaN() : expect(Object.is(d.values[i], v)).toBe(true)));
    });
  }

  it('decode whatever the old encoder wrote, exactly as it decoded it', () => {
    fc.assert(
      fc.property(chunkArb, ([jitter, values]) => {
        const ts2 = jitter.map((j, i) => T + i * step + j);
        const blob = encodeChunkV0(ts2, values);
        const old = { ts: new Float64Array(values.length), values: new Float64Array(values.length) };
        decodeChunkV0Into(blob, old.ts, old.values, 0);
        const now = decodeChunk(blob);
        expect(now).toEqual(old);
        expect(Array.from(now.ts)).toEqual(ts2);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the head log', () => {
  it('replays every sample in order, exactly at 17 digits and within the precision below', () => {
    const seriesArb = fc.array(
      fc.record({ id: fc.integer({ min: 1, max: 5_000 }), values: fc.array(valuesArb, { minLength: 1, maxLength: 8 }), start: fc.integer({ min: 0, max: 2 ** 44 }) }),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(seriesArb, fc.constantFrom(4, 5, 17), (list, digits) => {
        const series = list.map((s) => ({ id: s.id, ts: s.values.map((_, i) => s.start + i * step), values: s.values }));
        const row = encodeHeadLog(series, digits);
        const got: [number, number, number][] = [];
        decodeHeadLog(row.blob, row.tMin, (id, t, v) => got.push([id, t, v]));
        const want = series.flatMap((s) => s.ts.map((t, i) => [s.id, t, s.values[i] as number] as const));
        expect(got.map(([id, t]) => [id, t])).toEqual(want.map(([id, t]) => [id, t]));
        const gotV = got.map((x) => x[2]);
        const wantV = want.map((x) => x[2]);
        if (digits === 17) gotV.forEach((v, i) => expect(Object.is(v, wantV[i]) || (Number.isNaN(v) && Number.isNaN(wantV[i]))).toBe(true));
        else checkWithin(gotV, wantV, digits);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the storage.significantDigits board key', () => {
  it('defaults to the store default and allows only 3..17', () => {
    const board = { pages: [{ id: 'p', title: 'P', panels: [{ id: 'x', type: 'text', title: 'x' }] }] };
    expect(boardSchema.parse(board).storage.significantDigits).toBe(DEFAULT_SIGNIFICANT_DIGITS);
    expect(boardSchema.parse({ ...board, storage: { significantDigits: 17 } }).storage.significantDigits).toBe(17);
    for (const bad of [2, 18, 5.5]) expect(boardSchema.safeParse({ ...board, storage: { significantDigits: bad } }).success).toBe(false);
  });

  it('rounds what a store keeps, in the head, in chunks and after a reopen, and 17 keeps it exact', () => {
    const v = 1234.56789123;
    for (const [digits, want] of [[5, 1234.6], [8, 1234.5679], [17, v]] as const) {
      const t = tempStore({ significantDigits: digits });
      try {
        const at = T0;
        t.store.writeBatch(metricBatch('prom', at, [series('prom', 'q', {}, [at, at + step], [v, -v])]));
        const id = t.store.seriesFor('prom', 'q')[0]!.id;
        expect(all(t.store, id).values).toEqual([want, -want]);
        const reopened = t.reopen({ significantDigits: digits });
        expect(all(reopened, id).values).toEqual([want, -want]);
        reopened.seal(T0 + DAY);
        expect(reopened.stats().headSamples).toBe(0);
        expect(all(reopened, id).values).toEqual([want, -want]);
      } finally {
        t.cleanup();
      }
    }
  });

  it('reads any value the same from the head, after a reopen and after sealing, within the precision', () => {
    // polls of several series written through the store (one scaling per sample on write): the head
    // must hold exactly what its restart log and the chunk it becomes give back
    const pollsArb = fc.array(fc.array(valuesArb, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(pollsArb, fc.constantFrom(4, 5, 17), (polls, digits) => {
        const t = tempStore({ significantDigits: digits });
        try {
          polls.forEach((vs, p) => {
            const at = T0 + p * step;
            t.store.writeBatch(metricBatch('prom', at, vs.map((v, i) => series('prom', 'q', { i: String(i) }, [at], [v]))));
          });
          const ids = t.store.seriesFor('prom', 'q').map((s) => s.id);
          const read = (): number[][] => ids.map((id) => Array.from(all(t.store, id).values));
          const head = read();
          t.reopen({ significantDigits: digits });
          expect(read()).toEqual(head);
          t.store.seal(T0 + DAY);
          expect(t.store.stats().headSamples).toBe(0);
          expect(read()).toEqual(head);
          const keys = t.store.seriesFor('prom', 'q').map((s) => Number(s.labels['i']));
          head.forEach((got, k) => {
            const i = keys[k] as number;
            const want = polls.map((vs) => vs[i] as number);
            if (digits === 17) got.forEach((v, j) => expect(Object.is(v, want[j]) || (Number.isNaN(v) && Number.isNaN(want[j]))).toBe(true));
            else checkWithin(got, want, digits);
          });
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000); // 40 runs, each opening and reopening a SQLite file: seconds on a loaded machine

  it('keeps a precision changed by a board reload for what is written after it, and the old one before', () => {
    const v = 1234.56789123;
    const t = tempStore({ significantDigits: 8 });
    try {
      t.store.writeBatch(metricBatch('prom', T0, [series('prom', 'q', {}, [T0], [v])]));
      t.store.configure({ significantDigits: 5 });
      t.store.writeBatch(metricBatch('prom', T0 + step, [series('prom', 'q', {}, [T0 + step], [v])]));
      const id = t.store.seriesFor('prom', 'q')[0]!.id;
      expect(all(t.store, id).values).toEqual([1234.5679, 1234.6]);
      t.store.seal(T0 + DAY);
      // sealed at 5 digits now: the first value is rounded once more, the second stays
      expect(all(t.store, id).values).toEqual([1234.6, 1234.6]);
    } finally {
      t.cleanup();
    }
  });

  it('stops writing samples older than a retention shortened by a board reload', () => {
    const t = tempStore(); // now = T0 + 1 day, retention 30 days
    try {
      t.store.configure({ retentionMs: 3_600_000 });
      t.store.writeBatch(metricBatch('prom', T0 + DAY, [series('prom', 'q', {}, [T0, T0 + DAY - 60_000], [1, 2])]));
      const id = t.store.seriesFor('prom', 'q')[0]!.id;
      expect(all(t.store, id).values).toEqual([2]);
    } finally {
      t.cleanup();
    }
  });
});
