// Test helpers: a real store in a fresh temp dir, and batch builders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenStoreOptions } from '../../../src/main/engine/store/index';
import type { Store } from '../../../src/main/engine/store/types';
import { emptyBatch, seriesKey, type AlertRecord, type Batch, type Labels, type SeriesSamples } from '../../../src/shared/model';

export const T0 = Date.UTC(2025, 0, 1); // unix ms
export const DAY = 86_400_000;

export interface TempStore {
  store: Store;
  dir: string;
  file: string;
  reopen(opts?: Partial<OpenStoreOptions>): Store;
  cleanup(): void;
}

export function tempStore(opts: Partial<OpenStoreOptions> = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-store-'));
  const file = join(dir, 'test.db');
  const make = (o: Partial<OpenStoreOptions>) => openStore({ file, retentionMs: 30 * DAY, now: () => T0 + DAY, ...opts, ...o });
  const t: TempStore = {
    store: make({}),
    dir,
    file,
    reopen(o = {}) {
      t.store.close();
      t.store = make(o);
      return t.store;
    },
    cleanup() {
      try {
        t.store.close();
      } catch {
        // already closed
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

export function series(source: string, query: string, labels: Labels, ts: number[], values: number[]): SeriesSamples {
  return { key: seriesKey(source, query, labels), source, query, labels, ts, values };
}

/** A successful metric poll at `at` with the given series and an ok outcome for each query. */
export function metricBatch(source: string, at: number, samples: SeriesSamples[], extra: Partial<Batch> = {}): Batch {
  const queries = [...new Set(samples.map((s) => s.query))].map((query) => ({ source, query, outcome: { ok: true as const } }));
  return { ...emptyBatch(source, 'prometheus', at), samples, queries, ...extra };
}

export function alert(fingerprint: string, source: string, extra: Partial<AlertRecord> = {}): AlertRecord {
  return {
    fingerprint,
    source,
    labels: { alertname: `A${fingerprint}` },
    annotations: {},
    state: 'firing',
    severity: 'critical',
    startsAt: T0,
    silencedBy: [],
    inhibitedBy: [],
    ...extra,
  };
}

export function alertBatch(source: string, at: number, alerts: AlertRecord[] | undefined): Batch {
  const b: Batch = { ...emptyBatch(source, 'alertmanager', at) };
  if (alerts === undefined) b.status = { ok: false, reason: 'connect ECONNREFUSED' };
  else b.alerts = alerts;
  return b;
}

/** Every sample of a series id via range(), as plain arrays. */
export function all(store: Store, id: number, from = 0, to = Number.MAX_SAFE_INTEGER): { ts: number[]; values: number[] } {
  const r = store.range(id, from, to);
  return { ts: Array.from(r.ts), values: Array.from(r.values) };
}
