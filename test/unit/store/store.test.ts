import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/engine/store/index';
import { migrate } from '../../../src/main/engine/store/migrate';
import { migrations } from '../../../src/main/engine/store/migrations';
import { emptyBatch, type HealthResult } from '../../../src/shared/model';
import { all, DAY, metricBatch, series, T0, tempStore, type TempStore } from './temp-store';

let t: TempStore;
afterEach(() => t?.cleanup());

const S = 'prom';
const Q = 'up';
const step = 15_000; // ms

/** n polls of one series starting at T0, value f(i). */
function writePolls(store: TempStore['store'], n: number, f: (i: number) => number, labels = { instance: 'a' }, start = T0): void {
  for (let i = 0; i < n; i++) {
    const at = start + i * step;
    store.writeBatch(metricBatch(S, at, [series(S, Q, labels, [at], [f(i)])]));
  }
}

describe('opening a store', () => {
  it('sets WAL, incremental auto-vacuum and foreign keys, and applies migrations once across reopen', () => {
    t = tempStore();
    const latest = Math.max(...migrations.map((m) => m.version));
    expect(t.store.db.pragma('user_version', { simple: true })).toBe(latest);
    expect(t.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(t.store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    writePolls(t.store, 3, (i) => i);
    const store = t.reopen();
    expect(migrate(store.db)).toEqual([]);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latest);
    expect(all(store, store.seriesFor(S, Q)[0]!.id).values).toEqual([0, 1, 2]);
  });
});

describe('writeBatch', () => {
  it('lands nothing of a batch when any part of it throws, and the next batch still writes', () => {
    t = tempStore();
    const good = series(S, Q, { instance: 'a' }, [T0], [1]);
    const bad = series(S, Q, { instance: 'b' }, [T0, T0 + step], [1]); // two timestamps, one value
    const health: HealthResult = { targetId: 'api', source: 'h', at: T0, observed: 'healthy', state: 'healthy', latencyMs: 3, failures: [], services: {} };
    expect(() => t.store.writeBatch(metricBatch(S, T0, [good, bad], { health: [health] }))).toThrow();
    expect(t.store.stats()).toMatchObject({ series: 0, samples: 0 });
    expect(t.store.healthAt(T0 + DAY)).toEqual([]);
    expect(t.store.sourceStatusAt(T0 + DAY)).toEqual([]);
    expect(t.store.queryOutcomeAt(S, Q, T0 + DAY)).toBeUndefined();

    t.store.writeBatch(metricBatch(S, T0, [good]));
    const [s] = t.store.seriesFor(S, Q);
    expect(all(t.store, s!.id)).toEqual({ ts: [T0], values: [1] });
  });

  it('records the source and its outcomes after a batch that failed past them rolled back', () => {
    t = tempStore();
    const good = series(S, Q, { instance: 'a' }, [T0], [1]);
    // a health result SQLite refuses (no target id): the batch fails after its outcomes were written
    const bad = { targetId: null } as unknown as HealthResult;
    expect(() => t.store.writeBatch(metricBatch(S, T0, [good], { health: [bad] }))).toThrow();
    expect(t.store.sourceStatusAt(T0 + DAY)).toEqual([]);
    t.store.writeBatch(metricBatch(S, T0 + step, [good]));
    expect(t.store.sourceStatusAt(T0 + DAY)).toEqual([{ sourceId: S, kind: 'prometheus', lastAttempt: T0 + step, lastSuccess: T0 + step }]);
    expect(t.store.queryOutcomeAt(S, Q, T0 + DAY)).toEqual({ ok: true, at: T0 + step });
  });

  it('lists a query\'s series as they are now after series are added, rolled back or dropped by retention', () => {
    t = tempStore({ seal: { maxCount: 10, stagger: false } });
    const keys = () => t.store.seriesFor(S, Q).map((s) => s.labels['instance']);
    writePolls(t.store, 1, () => 1, { instance: 'b' });
    expect(keys()).toEqual(['b']);
    writePolls(t.store, 1, () => 1, { instance: 'a' }, T0 + step);
    expect(keys()).toEqual(['a', 'b']);
    const bad = series(S, Q, { instance: 'c' }, [T0, T0 + step], [1]); // two timestamps, one value
    expect(() => t.store.writeBatch(metricBatch(S, T0 + 2 * step, [bad]))).toThrow();
    expect(keys()).toEqual(['a', 'b']);
    writePolls(t.store, 30, (i) => i, { instance: 'a' }, T0 + 2 * step);
    while (t.store.seal(T0 + DAY) > 0);
    while (t.store.retain(T0 + 3 * step).more);
    expect(keys()).toEqual(['a']);
  });

  it('writes and reads a series again after retention deleted it, though its key comes at the same place of the batch', () => {
    // why: the store keeps each source's previous keys, ids and heads by place in the batch
    t = tempStore({ seal: { maxCount: 10, stagger: false } });
    writePolls(t.store, 1, () => 1, { instance: 'b' });
    while (t.store.seal(T0 + DAY) > 0);
    while (t.store.retain(T0 + 2 * step).more);
    expect(t.store.seriesFor(S, Q)).toEqual([]);
    const at = T0 + 40 * step;
    writePolls(t.store, 2, (i) => 7 + i, { instance: 'b' }, at);
    const b = t.store.seriesFor(S, Q).find((s) => s.labels['instance'] === 'b');
    expect(all(t.store, b!.id)).toEqual({ ts: [at, at + step], values: [7, 8] });
    expect(all(t.reopen(), b!.id)).toEqual({ ts: [at, at + step], values: [7, 8] });
  });

  it('keeps NaN and ±Infinity, in the head and after sealing', () => {
    t = tempStore();
    const vals = [NaN, Infinity, -Infinity, 0.1, -5e-324];
    writePolls(t.store, vals.length, (i) => vals[i]!);
    const id = t.store.seriesFor(S, Q)[0]!.id;
    expect(all(t.store, id).values).toEqual(vals);
    expect(t.store.seal(T0 + DAY)).toBe(vals.length);
    expect(t.store.stats().headSamples).toBe(0);
    expect(all(t.store, id).values).toEqual(vals);
    expect(t.store.latest(id, T0)?.v).toBeNaN();
  });

  it('tracks the newest sample time of a query for backfill', () => {
    t = tempStore();
    expect(t.store.lastSampleAt(S, Q, T0 + DAY)).toBeUndefined();
    writePolls(t.store, 4, (i) => i, { instance: 'a' });
    writePolls(t.store, 2, (i) => i, { instance: 'b' });
    expect(t.store.lastSampleAt(S, Q, T0 + DAY)).toBe(T0 + 3 * step);
    expect(t.store.seriesFor(S, Q).map((s) => s.labels)).toEqual([{ instance: 'a' }, { instance: 'b' }]);
  });

  it('after the clock went back, reports the newest sample at or before now, from the head or the chunks', () => {
    t = tempStore({ seal: { stagger: false } });
    writePolls(t.store, 300, (i) => i); // T0 .. T0 + 299 steps
    expect(t.store.lastSampleAt(S, Q, T0 + 100 * step + 1)).toBe(T0 + 100 * step); // head
    t.store.seal(T0 + 300 * step); // two chunks of 120 sealed
    expect(t.store.lastSampleAt(S, Q, T0 + 50 * step + 1)).toBe(T0 + 50 * step); // inside a chunk
    expect(t.store.lastSampleAt(S, Q, T0 + 250 * step)).toBe(T0 + 250 * step); // head again
    expect(t.store.lastSampleAt(S, Q, T0 - 1)).toBeUndefined();
  });

  it('after the clock went back, a failing source reports its last success no later than now', () => {
    t = tempStore();
    writePolls(t.store, 10, (i) => i); // ok polls up to T0 + 9 steps
    const back = T0 + 2 * step; // the clock went back 7 steps, and the source fails
    t.store.writeBatch(metricBatch(S, back, [], { status: { ok: false, reason: 'connection refused' } }));
    const [st] = t.store.sourceStatusAt(back + 1000);
    expect(st).toMatchObject({ reason: 'connection refused', lastAttempt: back });
    expect(st!.lastSuccess).toBeLessThanOrEqual(back + 1000);
  });

  it('takes a sample written again at the same time as a replacement, sealed or not (no duplicate)', () => {
    t = tempStore({ seal: { stagger: false } });
    writePolls(t.store, 300, (i) => i);
    t.store.seal(T0 + 300 * step);
    const id = t.store.seriesFor(S, Q)[0]!.id;
    // the clock went back: polls land again at times already buffered, in a chunk and in the head
    writePolls(t.store, 3, (i) => 1000 + i, { instance: 'a' }, T0 + 10 * step);
    writePolls(t.store, 2, (i) => 2000 + i, { instance: 'a' }, T0 + 280 * step);
    const r = all(t.store, id);
    expect(r.ts).toEqual(Array.from({ length: 300 }, (_, i) => T0 + i * step));
    expect(r.values.slice(9, 14)).toEqual([9, 1000, 1001, 1002, 13]);
    expect(r.values.slice(280, 282)).toEqual([2000, 2001]);
    const chunks = t.store.db.prepare('SELECT t_min, t_max FROM chunks WHERE series_id = ? ORDER BY t_min').all(id) as { t_min: number; t_max: number }[];
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.t_min).toBeGreaterThan(chunks[i - 1]!.t_max);
  });

  it('does not write samples older than the retention window', () => {
    t = tempStore({ retentionMs: DAY, now: () => T0 + DAY + step });
    writePolls(t.store, 3, (i) => i);
    expect(all(t.store, t.store.seriesFor(S, Q)[0]!.id).ts).toEqual([T0 + step, T0 + 2 * step]);
  });
});

describe('sealing', () => {
  it('returns the same samples from chunks as from the head, for any range and instant', () => {
    t = tempStore({ seal: { stagger: false } });
    const f = (i: number) => (i % 97 === 0 ? 1e9 : Math.sin(i / 10) * 100);
    writePolls(t.store, 2_000, f);
    const id = t.store.seriesFor(S, Q)[0]!.id;
    const probes = [
      [T0, T0 + 1_999 * step],
      [T0 + 7 * step + 1, T0 + 900 * step],
      [T0 + 481 * step, T0 + 481 * step],
      [T0 - 5, T0 + 3],
    ] as const;
    const before = probes.map(([a, b]) => all(t.store, id, a, b));
    const latestBefore = [T0 - 1, T0, T0 + 1_000 * step + 7, T0 + DAY].map((at) => t.store.latest(id, at));
    let moved = 0;
    for (let n = t.store.seal(T0 + 1_500 * step); n > 0; n = t.store.seal(T0 + 1_500 * step)) moved += n;
    // whole chunks of 120 only: the 60 samples after the last full chunk wait in the head
    expect(moved).toBe(1_440);
    expect(t.store.stats()).toMatchObject({ headSamples: 560, chunks: 12 });
    expect(probes.map(([a, b]) => all(t.store, id, a, b))).toEqual(before);
    // far enough on, nothing can grow any more: everything is sealed, the last chunk unfilled
    while (t.store.seal(T0 + 2_000 * step + 3 * 3_600_000) > 0);
    expect(t.store.stats()).toMatchObject({ headSamples: 0, chunks: 17 });
    expect(probes.map(([a, b]) => all(t.store, id, a, b))).toEqual(before);
    expect([T0 - 1, T0, T0 + 1_000 * step + 7, T0 + DAY].map((at) => t.store.latest(id, at))).toEqual(latestBefore);
  });

  it('writes each chunk once, full, however often it is called', () => {
    t = tempStore({ seal: { stagger: false } });
    const sizes: number[] = [];
    t.store.db.function('note_size', (n: unknown) => (sizes.push(Number(n)), null));
    t.store.db.exec('CREATE TEMP TRIGGER chunk_written AFTER INSERT ON chunks BEGIN SELECT note_size(NEW.count); END');
    for (let i = 0; i < 300; i++) {
      writePolls(t.store, 1, () => i % 5, { instance: 'a' }, T0 + i * step);
      t.store.seal(T0 + (i + 1) * step);
    }
    expect(sizes).toEqual([120, 120]);
    expect(t.store.stats()).toMatchObject({ chunks: 2, headSamples: 60 });
  });

  it('spreads the sealing of series started together over time', () => {
    t = tempStore();
    const names = Array.from({ length: 40 }, (_, i) => `host-${i}`);
    const sealedAt: number[] = [];
    for (let i = 0; i < 240; i++) {
      const at = T0 + i * step;
      t.store.writeBatch(metricBatch(S, at, names.map((instance) => series(S, Q, { instance }, [at], [i]))));
      const before = t.store.stats().chunks;
      t.store.seal(at + step);
      if (t.store.stats().chunks > before) sealedAt.push(i);
    }
    expect(t.store.stats().chunks).toBeGreaterThanOrEqual(40);
    expect(new Set(sealedAt).size).toBeGreaterThan(10); // not all in one poll
    for (const s of t.store.seriesFor(S, Q)) expect(all(t.store, s.id).values).toEqual(Array.from({ length: 240 }, (_, i) => i));
  });

  it('seals a remainder that can no longer grow as a short chunk, and carries on after it', () => {
    t = tempStore({ seal: { stagger: false } });
    writePolls(t.store, 30, (i) => i);
    t.store.seal(T0 + 30 * step); // could still grow: stays in the head
    expect(t.store.stats()).toMatchObject({ chunks: 0, headSamples: 30 });
    t.store.seal(T0 + 30 * step + 2 * 3_600_000 + 1); // the series went quiet for two hours
    expect(t.store.db.prepare('SELECT count FROM chunks').all()).toEqual([{ count: 30 }]);
    writePolls(t.store, 200, (i) => 30 + i, { instance: 'a' }, T0 + 500 * step);
    t.store.seal(T0 + 700 * step);
    expect(t.store.db.prepare('SELECT count, t_min FROM chunks ORDER BY t_min').all()).toEqual([
      { count: 30, t_min: T0 },
      { count: 120, t_min: T0 + 500 * step },
    ]);
    expect(all(t.store, t.store.seriesFor(S, Q)[0]!.id).values).toEqual(Array.from({ length: 230 }, (_, i) => i));
  });

  it('merges late samples into sealed chunks in time order, the newer write winning', () => {
    t = tempStore();
    for (let i = 0; i < 10; i += 2) writePolls(t.store, 1, () => i, { instance: 'a' }, T0 + i * step);
    t.store.seal(T0 + DAY);
    for (let i = 1; i < 10; i += 2) writePolls(t.store, 1, () => i, { instance: 'a' }, T0 + i * step);
    writePolls(t.store, 1, () => 40, { instance: 'a' }, T0 + 4 * step); // rewrite of a sealed sample
    const id = t.store.seriesFor(S, Q)[0]!.id;
    const expected = { ts: Array.from({ length: 10 }, (_, i) => T0 + i * step), values: [0, 1, 2, 3, 40, 5, 6, 7, 8, 9] };
    expect(all(t.store, id)).toEqual(expected);
    t.store.seal(T0 + DAY);
    expect(all(t.store, id)).toEqual(expected);
    // late samples went into the sealed chunk; the one newer than it was sealed after it
    expect(t.store.db.prepare('SELECT count, t_min, t_max FROM chunks ORDER BY t_min').all()).toEqual([
      { count: 9, t_min: T0, t_max: T0 + 8 * step },
      { count: 1, t_min: T0 + 9 * step, t_max: T0 + 9 * step },
    ]);
  });

  it('after a restart, reads the same samples: unsealed ones from the file, sealed ones once', () => {
    t = tempStore({ seal: { stagger: false } });
    writePolls(t.store, 300, (i) => i * 1.5);
    t.store.seal(T0 + 300 * step); // two chunks of 120, 60 left in the head
    const id = t.store.seriesFor(S, Q)[0]!.id;
    const before = all(t.store, id);
    const store = t.reopen({ seal: { stagger: false } });
    expect(store.stats()).toMatchObject({ headSamples: 60, chunks: 2, samples: 300 });
    expect(all(store, id)).toEqual(before);
    expect(store.lastSampleAt(S, Q, T0 + DAY)).toBe(T0 + 299 * step);
    writePolls(store, 100, (i) => (300 + i) * 1.5, { instance: 'a' }, T0 + 300 * step);
    store.seal(T0 + 400 * step);
    expect(store.stats()).toMatchObject({ headSamples: 40, chunks: 3, samples: 400 });
    expect(all(store, id).values).toEqual(Array.from({ length: 400 }, (_, i) => i * 1.5));
  });

  it('cuts chunks at the sample limit and at two hours', () => {
    t = tempStore({ seal: { maxCount: 480, stagger: false } });
    writePolls(t.store, 1_000, (i) => i); // 15 s steps: 480 samples = 2 h, cut by count
    for (let i = 0; i < 300; i++) {
      const at = T0 + i * 60_000; // 60 s steps: 5 h, cut by span
      t.store.writeBatch(metricBatch(S, at, [series(S, Q, { instance: 'slow' }, [at], [i])]));
    }
    while (t.store.seal(T0 + DAY) > 0);
    const rows = t.store.db.prepare('SELECT series_id, count, t_max - t_min AS span FROM chunks ORDER BY series_id, t_min').all() as { series_id: number; count: number; span: number }[];
    for (const r of rows) {
      expect(r.count).toBeLessThanOrEqual(480);
      expect(r.span).toBeLessThanOrEqual(2 * 3_600_000);
    }
    expect(rows.filter((r) => r.series_id === 1).map((r) => r.count)).toEqual([480, 480, 40]);
    expect(rows.filter((r) => r.series_id === 2).map((r) => r.count)).toEqual([121, 121, 58]);
  });
});

describe('retention', () => {
  it('deletes whole chunks wholly older than the cut, never part of one', () => {
    t = tempStore({ seal: { maxCount: 100, stagger: false } });
    writePolls(t.store, 1_000, (i) => i);
    while (t.store.seal(T0 + DAY) > 0);
    const id = t.store.seriesFor(S, Q)[0]!.id;
    const cut = T0 + 250 * step; // inside the third chunk (samples 200..299)
    const r = t.store.retain(cut);
    expect(r).toEqual({ deletedChunks: 2, more: false });
    const left = all(t.store, id);
    expect(left.ts[0]).toBe(T0 + 200 * step);
    expect(left.ts.length).toBe(800);
  });

  it('works in bounded steps, reporting more until done, then drops dead series', () => {
    t = tempStore({ seal: { maxCount: 10, stagger: false }, retain: { chunks: 7 } });
    writePolls(t.store, 200, (i) => i);
    while (t.store.seal(T0 + DAY) > 0);
    expect(t.store.stats().chunks).toBe(20);
    const results = [];
    let r;
    do results.push((r = t.store.retain(T0 + DAY)));
    while (r.more);
    expect(results.map((x) => x.deletedChunks)).toEqual([7, 7, 6]);
    expect(t.store.stats()).toMatchObject({ chunks: 0, series: 0, samples: 0 });
    expect(t.store.seriesFor(S, Q)).toEqual([]);
    // a series seen again after being dropped gets a fresh identity and is written fine
    writePolls(t.store, 1, () => 7, { instance: 'a' }, T0 + DAY);
    expect(all(t.store, t.store.seriesFor(S, Q)[0]!.id).values).toEqual([7]);
  });

  it('drops unsealed head samples past the window too, also after a restart', () => {
    t = tempStore();
    writePolls(t.store, 100, (i) => i);
    t.store.retain(T0 + 60 * step);
    const id = t.store.seriesFor(S, Q)[0]!.id;
    expect(all(t.store, id).ts[0]).toBe(T0 + 60 * step);
    expect(all(t.reopen(), id).values).toEqual(Array.from({ length: 40 }, (_, i) => 60 + i));
  });

  it('deletes old health rows and old status runs but keeps each source’s newest status', () => {
    t = tempStore();
    const h = (at: number): HealthResult => ({ targetId: 'api', source: 'h', at, observed: 'healthy', state: 'healthy', latencyMs: 1, failures: [], services: {} });
    t.store.writeBatch({ ...emptyBatch('h', 'health', T0), health: [h(T0)] });
    t.store.writeBatch({ ...emptyBatch('h', 'health', T0 + 10), status: { ok: false, reason: 'x' }, health: [h(T0 + 10)] });
    t.store.retain(T0 + DAY);
    expect(t.store.healthAt(T0 + DAY)).toEqual([]);
    expect(t.store.sourceStatusAt(T0 + DAY)).toEqual([{ sourceId: 'h', kind: 'health', lastAttempt: T0 + 10, lastSuccess: T0, reason: 'x' }]);
  });
});

describe('stats', () => {
  it('counts series, samples in chunks and head, and the file bytes', () => {
    t = tempStore({ seal: { stagger: false } });
    writePolls(t.store, 600, (i) => i);
    t.store.seal(T0 + 500 * step);
    const s = t.store.stats();
    expect(s).toMatchObject({ series: 1, samples: 600, headSamples: 120, chunks: 4 });
    expect(s.bytes).toBeGreaterThan(0);
  });

  it('opens an existing file written by an earlier process with the data intact', () => {
    t = tempStore();
    writePolls(t.store, 10, (i) => i * 2);
    t.store.seal(T0 + 5 * step);
    t.store.close();
    const again = openStore({ file: t.file, retentionMs: DAY * 30, now: () => T0 });
    try {
      expect(all(again, again.seriesFor(S, Q)[0]!.id).values).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    } finally {
      again.close();
    }
  });
});
