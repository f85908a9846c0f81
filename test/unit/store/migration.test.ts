import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeChunkV0 } from './codec-v0-encoder';
import { openStore } from '../../../src/main/engine/store/index';
import { migrate, openDatabase } from '../../../src/main/engine/store/migrate';
import { migrations } from '../../../src/main/engine/store/migrations';
import { seriesKey } from '../../../src/shared/model';
import { all, DAY, metricBatch, series, T0 } from './temp-store';

const step = 15_000; // ms
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A file as the schema before migration 3 left it: chunks in format v0, unsealed samples one row each. */
function previousSchemaFile(): { file: string; sealed: number[]; unsealed: number[] } {
  dir = mkdtempSync(join(tmpdir(), 'wallboard-migrate-'));
  const file = join(dir, 'old.db');
  const db = openDatabase(file);
  expect(migrate(db, migrations.filter((m) => m.version < 3))).toEqual([1, 2]);
  const id = Number(
    db.prepare("INSERT INTO series (key, source, query, labels) VALUES (?, 'prom', 'up', '{}')").run(seriesKey('prom', 'up', {})).lastInsertRowid,
  );
  const sealed = Array.from({ length: 120 }, (_, i) => Math.sin(i / 7) * 1e3); // full doubles
  const ts = sealed.map((_, i) => T0 + i * step);
  const insert = db.prepare('INSERT INTO chunks (series_id, t_min, t_max, count, blob) VALUES (?, ?, ?, ?, ?)');
  insert.run(id, ts[0], ts[59], 60, Buffer.from(encodeChunkV0(ts.slice(0, 60), sealed.slice(0, 60))));
  insert.run(id, ts[60], ts[119], 60, Buffer.from(encodeChunkV0(ts.slice(60), sealed.slice(60))));
  const unsealed = [1.5, NaN, -Infinity, 0.1 + 0.2];
  const head = db.prepare('INSERT INTO head (t, series_id, v) VALUES (?, ?, ?)');
  unsealed.forEach((v, i) => head.run(T0 + (120 + i) * step, id, Number.isNaN(v) ? null : v));
  db.close();
  return { file, sealed, unsealed };
}

describe('migration 3 (compact chunks and head log)', () => {
  it('applies to a file of the previous schema and every sample reads back exactly as before', () => {
    const old = previousSchemaFile();
    const store = openStore({ file: old.file, retentionMs: 30 * DAY, now: () => T0 + DAY });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(3);
      const tables = store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
      expect(tables.map((x) => x.name)).not.toContain('head');
      expect(tables.find((x) => x.name === 'chunks')?.sql).toMatch(/WITHOUT ROWID/);
      const id = store.seriesFor('prom', 'up')[0]!.id;
      const got = all(store, id);
      const want = [...old.sealed, ...old.unsealed];
      expect(got.ts).toEqual(want.map((_, i) => T0 + i * step));
      got.values.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(Object.is(v, want[i])).toBe(true)));
      expect(store.stats()).toMatchObject({ chunks: 2, headSamples: 4 });

      // and the store carries on: new samples land, seal into v1 chunks, and everything survives a reopen
      const at = T0 + 124 * step;
      store.writeBatch(metricBatch('prom', at, [series('prom', 'up', {}, [at], [42])]));
      store.seal(at + 3 * 3_600_000);
    } finally {
      store.close();
    }
    const again = openStore({ file: old.file, retentionMs: 30 * DAY, now: () => T0 + DAY });
    try {
      expect(again.seriesFor('prom', 'up')).toHaveLength(1);
      const values = all(again, again.seriesFor('prom', 'up')[0]!.id).values;
      expect(values.slice(0, 120)).toEqual(old.sealed);
      expect(values.slice(120)).toEqual([1.5, NaN, -Infinity, 0.3, 42]); // sealed at the default 5 digits
    } finally {
      again.close();
    }
  });
});
