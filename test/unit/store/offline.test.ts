// The disk refuses the buffer: SQLite's own size cap (max_page_count, the `maxBytes` option) makes
// writes fail with SQLITE_FULL exactly as a full disk does, on any machine and without root. The
// buffer goes on in memory (reads stay live), says why it is not recording, and writes everything
// back to its file when room returns. (test/faults/disk.test.ts does the same on a real full tmpfs.)
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/engine/store/index';
import { all, DAY, metricBatch, series, T0, tempStore, type TempStore } from './temp-store';

let t: TempStore;
afterEach(() => t?.cleanup());

const S = 'prom';
const Q = 'up';
const step = 15_000; // ms
const LABELS = Array.from({ length: 50 }, (_, i) => ({ instance: `host-${i}` }));

/** One poll of 50 series at T0 + i steps. */
function poll(store: TempStore['store'], i: number): void {
  const at = T0 + i * step;
  store.writeBatch(metricBatch(S, at, LABELS.map((l, k) => series(S, Q, l, [at], [Math.sin(i / 7 + k) * 1000 + i]))));
}

function fileSamples(file: string): number {
  const s = openStore({ file, retentionMs: 30 * DAY, now: () => T0 + DAY });
  try {
    return s.seriesFor(S, Q).reduce((n, x) => n + s.range(x.id, 0, T0 + DAY).ts.length, 0);
  } finally {
    s.close();
  }
}

describe('a buffer the disk refuses', () => {
  it('full: goes on in memory with reads live, says why, and writes it all back when room returns', () => {
    t = tempStore();
    poll(t.store, 0);
    const bytes = t.store.stats().bytes;
    t.store.configure({ maxBytes: bytes + 64 * 1024 }); // room for a few polls only
    let i = 1;
    for (; i < 2_000 && t.store.recording().ok; i++) poll(t.store, i);
    const full = t.store.recording();
    expect(full, 'the cap was reached').toMatchObject({ ok: false, what: 'full', reason: expect.stringMatching(/disk full/) });
    expect(t.store.db.memory).toBe(true);
    for (const end = i + 100; i < end; i++) poll(t.store, i); // polls go on while full
    const id = t.store.seriesFor(S, Q)[0]!.id;
    expect(t.store.latest(id, T0 + DAY)?.t, 'reads see the newest poll').toBe(T0 + (i - 1) * step);
    expect(all(t.store, id).ts).toHaveLength(i);

    expect(t.store.resume(), 'still no room under the cap').toBe(false);
    expect(t.store.recording().ok).toBe(false);
    t.store.configure({ maxBytes: 64 * 1024 * 1024 }); // room returns
    expect(t.store.resume()).toBe(true);
    expect(t.store.recording()).toEqual({ ok: true });
    expect(t.store.db.memory).toBe(false);
    poll(t.store, i++);
    expect(t.store.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    t.store.close();
    expect(fileSamples(t.file), 'every poll is in the file, those made while full too').toBe(i * LABELS.length);
  });

  it('the data dir deleted while running: goes on in memory, then makes the dir again and records there', () => {
    t = tempStore();
    for (let i = 0; i < 10; i++) poll(t.store, i);
    rmSync(t.dir, { recursive: true, force: true });
    poll(t.store, 10);
    expect(t.store.recording()).toMatchObject({ ok: false, what: 'deleted' });
    poll(t.store, 11);
    expect(t.store.resume()).toBe(true);
    poll(t.store, 12);
    t.store.close();
    expect(fileSamples(t.file)).toBe(13 * LABELS.length);
  });

  it('a write that fails for another reason is thrown, not hidden in memory', () => {
    t = tempStore();
    const bad = series(S, Q, { instance: 'x' }, [T0, T0 + step], [1]); // two timestamps, one value
    expect(() => t.store.writeBatch(metricBatch(S, T0, [bad]))).toThrow(/2 timestamps but 1 values/);
    expect(t.store.recording()).toEqual({ ok: true });
  });
});
