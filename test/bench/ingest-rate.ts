/**
 * Store ingest (batches of one poll × 2,000 series, store-bench.ts's input) measured in ways that
 * hold on a shared machine, where separate processes of two builds drift apart with the load:
 *
 *   node --import tsx test/bench/ingest-rate.ts pair DIR [ROUNDS]
 *     this checkout's store (A) against DIR's (B: a checkout of another build with node_modules, e.g.
 *     `git worktree add --detach /tmp/base <rev>`), both in this one process: ROUNDS rounds (default
 *     20), each ingesting 120 batches into a fresh store with A then B or B then A (alternating);
 *     samples per CPU second of each and the ratio A/B per round (median and quartiles).
 *   node --import tsx test/bench/ingest-rate.ts floor
 *     what better-sqlite3 alone costs for the same writes: the head-log rows this checkout wrote for
 *     the bench's batches (the same bytes) and each poll's outcome updates, one transaction per
 *     batch, into a fresh file with the same schema and pragmas; as samples per CPU second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrate, openDatabase } from '../../src/main/engine/store/migrate';
import type { openStore as Open } from '../../src/main/engine/store/index';
import { openStore } from '../../src/main/engine/store/index';
import type { Batch } from '../../src/shared/model';
import { DAY, ingestBatches, START } from './store-bench';

const SERIES = 2_000;
const cpuSec = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number): number => sorted(xs)[Math.round(q * (xs.length - 1))] as number;
const m = (x: number): string => `${(x / 1e6).toFixed(2)} M`;

function inTempDir<T>(run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-ingest-'));
  try {
    return run(join(dir, 'bench.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Samples per CPU second of one fresh store ingesting batches 1..120 (batch 0 a warm-up). */
function ingestOnce(open: typeof Open, batches: readonly Batch[]): number {
  return inTempDir((file) => {
    const store = open({ file, retentionMs: DAY, now: () => START + DAY });
    try {
      store.writeBatch(batches[0] as Batch);
      const c0 = process.cpuUsage();
      for (let i = 1; i < batches.length; i++) store.writeBatch(batches[i] as Batch);
      return ((batches.length - 1) * SERIES) / cpuSec(process.cpuUsage(c0));
    } finally {
      store.close();
    }
  });
}

async function pair(dir: string, rounds: number): Promise<void> {
  const other = (await import(pathToFileURL(`${resolve(dir)}/src/main/engine/store/index.ts`).href)) as { openStore: typeof Open };
  const batches = ingestBatches();
  for (let i = 0; i < 2; i++) {
    // warm-up: both builds' code compiled before anything is counted
    ingestOnce(openStore, batches);
    ingestOnce(other.openStore, batches);
  }
  const a: number[] = [], b: number[] = [], ratio: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let x: number, y: number;
    if (r % 2 === 0) {
      x = ingestOnce(openStore, batches);
      y = ingestOnce(other.openStore, batches);
    } else {
      y = ingestOnce(other.openStore, batches);
      x = ingestOnce(openStore, batches);
    }
    a.push(x);
    b.push(y);
    ratio.push(x / y);
  }
  const q = (xs: number[], f: (x: number) => string): string => `median ${f(quantile(xs, 0.5))} (quartiles ${f(quantile(xs, 0.25))}–${f(quantile(xs, 0.75))}, range ${f(quantile(xs, 0))}–${f(quantile(xs, 1))})`;
  console.log(`A (this checkout): samples per CPU second ${q(a, m)}`);
  console.log(`B (${dir}): samples per CPU second ${q(b, m)}`);
  console.log(`A/B per round, ${rounds} rounds: ${q(ratio, (x) => x.toFixed(2))}`);
}

function floor(): void {
  const batches = ingestBatches();
  // the rows this build writes for the bench's batches
  const rows = inTempDir((file) => {
    const store = openStore({ file, retentionMs: DAY, now: () => START + DAY });
    try {
      for (const b of batches) store.writeBatch(b);
      return store.db.prepare<[], { t_min: number; t_max: number; blob: Buffer }>('SELECT t_min, t_max, blob FROM head_log ORDER BY seq').all();
    } finally {
      store.close();
    }
  });
  const queries = batches[0]?.queries.length ?? 0;
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    rates.push(
      inTempDir((file) => {
        const db = openDatabase(file);
        try {
          migrate(db);
          const insertRun = db.prepare('INSERT INTO query_outcomes (source, query, at, last_at, ok, reason) VALUES (?, ?, ?, ?, ?, NULL)');
          const ids = JSON.stringify(Array.from({ length: queries }, (_, i) => Number(insertRun.run('prom', `q${i}`, START, START, 1).lastInsertRowid)));
          const log = db.prepare('INSERT INTO head_log (t_min, t_max, blob) VALUES (?, ?, ?)');
          const extend = db.prepare('UPDATE query_outcomes SET last_at = max(last_at, ?) WHERE id IN (SELECT value FROM json_each(?))');
          db.prepare("INSERT INTO sources (id, kind) VALUES ('prom', 'prometheus')").run();
          db.prepare("INSERT INTO source_status (source, at, last_at, ok, reason, duration_ms, last_ok_at) VALUES ('prom', ?, ?, 1, NULL, 40, NULL)").run(START, START);
          const status = db.prepare<[], { id: number }>("SELECT id FROM source_status WHERE source = 'prom' ORDER BY at DESC LIMIT 1");
          const extendStatus = db.prepare('UPDATE source_status SET last_at = max(last_at, ?), duration_ms = ? WHERE id = ?');
          const write = db.transaction((row: { t_min: number; t_max: number; blob: Buffer }) => {
            log.run(row.t_min, row.t_max, row.blob);
            extend.run(row.t_max, ids);
            extendStatus.run(row.t_max, 40, status.get()?.id ?? 0);
          });
          write.immediate(rows[0] as (typeof rows)[number]);
          const c0 = process.cpuUsage();
          for (const row of rows.slice(1)) write.immediate(row);
          return ((rows.length - 1) * SERIES) / cpuSec(process.cpuUsage(c0));
        } finally {
          db.close();
        }
      }),
    );
  }
  const bytes = rows.slice(1).reduce((n, r) => n + r.blob.length, 0) / (rows.length - 1);
  console.log(`floor: better-sqlite3 alone, one transaction per batch (a ${bytes.toFixed(0)}-byte head-log row, ${queries} query-outcome runs extended, the source's status run read and extended): ${m(quantile(rates, 0.5))} samples per CPU second (median of 5 × 120 batches)`);
}

const mode = process.argv[2];
if (mode === 'pair' && process.argv[3]) await pair(process.argv[3], Number(process.argv[4] ?? 20));
else if (mode === 'floor') floor();
else throw new Error('usage: ingest-rate.ts pair DIR [ROUNDS] | floor');
