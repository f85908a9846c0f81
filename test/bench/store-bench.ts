// Store and read-side benchmark: ingest rate, bytes per sample on disk after 24 h of 2,000 series,
// and queryPanels over 40 panels × 24 h. Returns a markdown section; run alone with
// `npx tsx test/bench/store-bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { queryPanels } from '../../src/main/engine/query';
import { snapshotAt } from '../../src/main/engine/snapshot';
import { encodeChunk } from '../../src/main/engine/store/codec';
import { openStore } from '../../src/main/engine/store/index';
import { DEFAULT_SIGNIFICANT_DIGITS } from '../../src/main/engine/store/precision';
import type { Store } from '../../src/main/engine/store/types';
import { boardSchema } from '../../src/shared/config-schema';
import { seriesKey, type Batch, type SeriesSamples } from '../../src/shared/model';

export const STEP = 15_000; // ms
export const DAY = 86_400_000;
const SERIES = 2_000;
export const START = Date.UTC(2025, 0, 1);
const SOURCE = 'prom';

type Kind = 'rate' | 'ratio' | 'bytes' | 'counter' | 'flag' | 'decimal';
const MIX: [Kind, number, string][] = [
  ['rate', 500, 'rate of a counter, e.g. requests/s: (c[t] − c[t−5m]) / 300, a full double'],
  ['ratio', 300, 'noisy float in 0..1, e.g. CPU utilisation'],
  ['bytes', 400, 'integer gauge walking in 4 KiB pages, e.g. memory bytes'],
  ['counter', 300, 'raw monotonic integer counter'],
  ['flag', 300, '0/1 like `up`, rarely changing'],
  ['decimal', 200, 'gauge with 1–2 decimals, e.g. temperature or load average'],
];

/** Deterministic generator per series: xorshift32. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Sim {
  kind: Kind;
  key: string;
  query: string;
  labels: Record<string, string>;
  next(i: number): number;
}

function makeSeries(): Sim[] {
  const out: Sim[] = [];
  let n = 0;
  for (const [kind, count] of MIX) {
    for (let j = 0; j < count; j++, n++) {
      const r = rng(n + 1);
      // why: the first 40 series each answer their own query, so 40 panels read 5,760 points each
      const query = n < 40 ? `q${n}` : `${kind}_${j % 20}`;
      const labels = { instance: `host-${j}:9100`, job: kind };
      const diurnal = (i: number) => 1 + 0.5 * Math.sin((2 * Math.PI * i * STEP) / DAY);
      let next: (i: number) => number;
      if (kind === 'rate') {
        const base = 10 + r() * 500;
        const window: number[] = [];
        let c = Math.floor(r() * 1e6);
        next = (i) => {
          c += Math.round(base * diurnal(i) * 15 * (0.8 + 0.4 * r()));
          window.push(c);
          if (window.length > 21) window.shift();
          return ((window[window.length - 1] as number) - (window[0] as number)) / 300;
        };
      } else if (kind === 'ratio') {
        const base = 0.2 + 0.5 * r();
        next = (i) => Math.min(1, Math.max(0, base * diurnal(i) + (r() - 0.5) * 0.1));
      } else if (kind === 'bytes') {
        let v = Math.floor(1e9 * (1 + r()) / 4096) * 4096;
        next = () => (v += r() < 0.3 ? Math.round((r() - 0.5) * 64) * 4096 : 0);
      } else if (kind === 'counter') {
        let c = Math.floor(r() * 1e7);
        const rate = 1 + r() * 200;
        next = (i) => (c += Math.round(rate * diurnal(i) * 15 * (0.8 + 0.4 * r())));
      } else if (kind === 'flag') {
        next = () => (r() < 0.0005 ? 0 : 1);
      } else {
        const digits = r() < 0.5 ? 10 : 100;
        let v = 40 + r() * 20;
        next = () => Math.round((v += (r() - 0.5) * 0.2) * digits) / digits;
      }
      out.push({ kind, key: seriesKey(SOURCE, query, labels), query, labels, next });
    }
  }
  return out;
}

function batchOf(sims: Sim[], at: number, polls: number, firstPoll: number): Batch {
  const samples: SeriesSamples[] = sims.map((s) => {
    const ts: number[] = [];
    const values: number[] = [];
    for (let p = 0; p < polls; p++) {
      ts.push(at + p * STEP);
      values.push(s.next(firstPoll + p));
    }
    return { key: s.key, source: SOURCE, query: s.query, labels: s.labels, ts, values };
  });
  const queries = [...new Set(sims.map((s) => s.query))].map((query) => ({ source: SOURCE, query, outcome: { ok: true as const } }));
  return { source: SOURCE, kind: 'prometheus', at, durationMs: 40, status: { ok: true }, samples, queries, health: [] };
}

const ms = (a: bigint, b: bigint): number => Number(b - a) / 1e6;
const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

export function tempFile(): { file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-bench-'));
  return { file: join(dir, 'bench.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The ingest bench's input: 121 polls of the 2,000 series, one poll per batch (the first is a
 *  warm-up: it inserts the series). */
export function ingestBatches(): Batch[] {
  const sims = makeSeries();
  return Array.from({ length: 121 }, (_, i) => batchOf(sims, START + i * STEP, 1, i));
}

/** Ingest: batches of one poll of 2,000 series into a fresh store, median of 5 fresh stores; per CPU
 *  second (user + system of this process: per core) and per wall second (which a shared machine's
 *  other jobs slow down). `open`: the store of the build measured (another checkout's, for pairs). */
function benchIngest(open: typeof openStore = openStore): { samplesPerSec: number; samplesPerCpuSec: number; batchMs: number } {
  const runs: { wall: number; cpu: number }[] = [];
  const batches = ingestBatches();
  for (let r = 0; r < 5; r++) {
    const tmp = tempFile();
    const store = open({ file: tmp.file, retentionMs: DAY, now: () => START + DAY });
    try {
      store.writeBatch(batches[0] as Batch); // warm-up: series inserts
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (const b of batches.slice(1)) store.writeBatch(b);
      const wall = ms(t0, process.hrtime.bigint());
      const c = process.cpuUsage(c0);
      runs.push({ wall, cpu: (c.user + c.system) / 1000 });
    } finally {
      store.close();
      tmp.cleanup();
    }
  }
  const n = (batches.length - 1) * SERIES;
  const wall = median(runs.map((x) => x.wall));
  const cpu = median(runs.map((x) => x.cpu));
  return { samplesPerSec: (n / wall) * 1000, samplesPerCpuSec: (n / cpu) * 1000, batchMs: wall / (batches.length - 1) };
}

export interface DayResult {
  store: Store;
  cleanup(): void;
  samples: number;
  wallMs: number;
  sealMs: number;
  sealMaxMs: number;
  perKind: Map<Kind, { bytes: number; samples: number }>;
  digits: number;
  maxRelError: number;
  tables: { name: string; bytes: number }[];
  fileBytes: number;
  headSamples: number;
}

/** 24 h of 2,000 series at 15 s, written 4 polls (1 min) per batch; like the engine's upkeep,
 *  seal(now − 10 min) is called once a minute. */
export function benchDay(significantDigits: number, tmp = tempFile()): DayResult {
  const store = openStore({ file: tmp.file, retentionMs: 2 * DAY, now: () => START + DAY, significantDigits });
  const sims = makeSeries();
  const polls = (Number(process.env['STORE_BENCH_HOURS'] ?? 24) * 3_600_000) / STEP;
  const per = 4;
  let sealMs = 0;
  let sealMaxMs = 0;
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < polls; p += per) {
    const at = START + p * STEP;
    store.writeBatch(batchOf(sims, at, per, p));
    const s0 = process.hrtime.bigint();
    const moved = store.seal(at + per * STEP - 10 * 60_000);
    const took = ms(s0, process.hrtime.bigint());
    sealMs += took;
    if (took > sealMaxMs) {
      sealMaxMs = took;
      if (process.env['STORE_BENCH_DEBUG']) console.error('seal', p, took.toFixed(1), 'ms', moved, 'samples');
    }
  }
  const wallMs = ms(t0, process.hrtime.bigint());
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const perKind = new Map<Kind, { bytes: number; samples: number }>();
  const rows = store.db
    .prepare('SELECT s.labels AS labels, sum(length(c.blob)) AS bytes, sum(c.count) AS samples FROM chunks c JOIN series s ON s.id = c.series_id GROUP BY s.id')
    .all() as { labels: string; bytes: number; samples: number }[];
  for (const r of rows) {
    const kind = (JSON.parse(r.labels) as { job: Kind }).job;
    const k = perKind.get(kind) ?? { bytes: 0, samples: 0 };
    k.bytes += r.bytes;
    k.samples += r.samples;
    perKind.set(kind, k);
  }
  const st = store.stats();
  const maxRelError = worstError(store, polls);
  const tables = store.db
    .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
    .all() as { name: string; bytes: number }[];
  return {
    digits: significantDigits, maxRelError, tables, store, cleanup: () => (store.close(), tmp.cleanup()), samples: st.samples, wallMs, sealMs, sealMaxMs, perKind, fileBytes: st.bytes, headSamples: st.headSamples };
}

/** Largest |stored − written| / |written| over every sample (the generators are deterministic, so
 *  the written values are generated again). A written 0 must come back as 0. */
function worstError(store: Store, polls: number): number {
  let worst = 0;
  for (const s of makeSeries()) {
    const id = store.seriesFor(SOURCE, s.query).find((x) => x.key === s.key)?.id;
    if (id === undefined) throw new Error(`series ${s.key} missing`);
    const r = store.range(id, START, START + polls * STEP);
    if (r.ts.length !== polls) throw new Error(`series ${s.key}: ${r.ts.length} samples, want ${polls}`);
    for (let i = 0; i < polls; i++) {
      const v = s.next(i);
      const d = r.values[i] as number;
      const e = v === 0 ? (d === 0 ? 0 : Infinity) : Math.abs(d - v) / Math.abs(v);
      if (e > worst) worst = e;
    }
  }
  return worst;
}

type Timing = { median: number; best: number };

/** The 40-panel bench board: one timeseries panel per query q0..q39 of the bench day. */
export function benchBoardInput(): { sources: object; pages: { id: string; title: string; panels: { id: string; type: 'timeseries'; query: string }[] }[] } {
  const panels = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, type: 'timeseries' as const, query: `q${i}` }));
  return { sources: { prometheus: [{ id: SOURCE, url: 'http://127.0.0.1:9090' }] }, pages: [{ id: 'main', title: 'Main', panels }] };
}

function benchQuery(store: Store): { q1000: Timing; qFull: Timing; snapshot: Timing; points: number } {
  const input = benchBoardInput();
  const panels = input.pages[0]?.panels ?? [];
  const board = boardSchema.parse(input);
  const req = (maxPoints: number) => ({ panels: panels.map((p) => p.id), from: START, to: START + DAY, maxPoints });
  const time = (f: () => unknown): { median: number; best: number } => {
    const xs: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = process.hrtime.bigint();
      f();
      xs.push(ms(t0, process.hrtime.bigint()));
    }
    return { median: median(xs), best: Math.min(...xs) };
  };
  const full = queryPanels(store, board, req(10_000));
  const points = full.panels.reduce((n, p) => n + p.x.length, 0);
  const intervals = new Map([[SOURCE, STEP]]);
  return {
    q1000: time(() => queryPanels(store, board, req(1_000))),
    qFull: time(() => queryPanels(store, board, req(10_000))),
    snapshot: time(() => snapshotAt(store, board, START + DAY - STEP, { live: true, intervals })),
    points,
  };
}

/** Codec alone on one day of one series with poll-time jitter, to show what unaligned timestamps cost. */
function jitterCost(): { aligned: number; jittered: number } {
  const n = 480;
  const r = rng(7);
  const ts = Array.from({ length: n }, (_, i) => START + i * STEP);
  const tj = ts.map((t) => t + Math.floor(r() * 30));
  const v = ts.map(() => 1);
  return { aligned: encodeChunk(ts, v).length / n, jittered: encodeChunk(tj, v).length / n };
}

const PRECISIONS = (process.env['STORE_BENCH_DIGITS'] ?? '4,5,6,17').split(',').map(Number);

function chunkPayload(day: Pick<DayResult, 'perKind'>): number {
  return [...day.perKind.values()].reduce((n, k) => n + k.bytes, 0);
}

export async function run(): Promise<string> {
  const ingest = benchIngest();
  const days: Omit<DayResult, 'store' | 'cleanup'>[] = [];
  let q: ReturnType<typeof benchQuery> | undefined;
  let main: Omit<DayResult, 'store' | 'cleanup'> | undefined;
  for (const digits of PRECISIONS) {
    const day = benchDay(digits);
    try {
      // the read side is timed on the store written at the default precision
      if (digits === DEFAULT_SIGNIFICANT_DIGITS || (q === undefined && digits === PRECISIONS[PRECISIONS.length - 1])) {
        q = benchQuery(day.store);
        main = day;
      }
    } finally {
      day.cleanup();
    }
    days.push(day);
  }
  if (!q || !main) throw new Error('no precision measured');
  const day = main;
  const jit = jitterCost();
  const sealed = (d: typeof day) => d.samples - d.headSamples;
  const lines = [
    '## Store (SQLite buffer) and read side',
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. Real SQLite file in a temp dir (WAL, synchronous=NORMAL). Command: \`npx tsx test/bench/store-bench.ts\`.`,
    '',
    `24 h of 2,000 series at 15 s (simulated timestamps; ${fmt(day.samples)} samples), written 4 polls per batch with seal(now − 10 min) once per simulated minute, at each precision (board key \`storage.significantDigits\`; default ${DEFAULT_SIGNIFICANT_DIGITS}):`,
    '',
    '| significant digits | whole file (DB + WAL, checkpointed) | chunk payload | max relative error observed | head samples at the end | write 24 h (of which sealing) |',
    '|---|---|---|---|---|---|',
    ...days.map((d) =>
      `| ${d.digits}${d.digits === 17 ? ' (lossless)' : ''}${d.digits === DEFAULT_SIGNIFICANT_DIGITS ? ' **default**' : ''} | ${fmt(d.fileBytes / 2 ** 20, 1)} MiB = **${fmt(d.fileBytes / d.samples, 2)} bytes/sample** | ${fmt(chunkPayload(d) / sealed(d), 2)} bytes/sample | ${d.maxRelError === 0 ? '0 (bit-exact)' : d.maxRelError.toExponential(1)} | ${fmt(d.headSamples)} | ${fmt(d.wallMs / 1000, 1)} s (${fmt(d.sealMs / 1000, 1)} s; longest seal call ${fmt(d.sealMaxMs, 0)} ms) |`,
    ),
    '',
    'Chunk payload by kind of series, bytes/sample:',
    '',
    `| kind | series | ${days.map((d) => `${d.digits} digits`).join(' | ')} |`,
    `|---|---|${days.map(() => '---|').join('')}`,
    ...MIX.map(([kind, count, what]) => {
      const cells = days.map((d) => {
        const k = d.perKind.get(kind);
        return k ? fmt(k.bytes / k.samples, 2) : 'n/a';
      });
      return `| ${kind}: ${what} | ${count} | ${cells.join(' | ')} |`;
    }),
    '',
    `Where the file's bytes go after 24 h at ${day.digits} digits: ${day.tables
      .filter((x) => x.bytes > 100_000)
      .map((x) => `${x.name} ${fmt(x.bytes / 2 ** 20, 1)} MiB`)
      .join(', ')}.`,
    '',
    '| read and write speed | result |',
    '|---|---|',
    `| ingest, batches of one poll × 2,000 series (median of 5 × 120 batches) | ${fmt(ingest.samplesPerCpuSec)} samples per CPU second (per core); ${fmt(ingest.samplesPerSec)} samples per wall second (${fmt(ingest.batchMs, 1)} ms per batch) |`,
    `| queryPanels, 40 panels × 24 h (${fmt(q.points)} points unreduced), maxPoints 1,000 | ${fmt(q.q1000.median, 1)} ms median, ${fmt(q.q1000.best, 1)} ms best of 9 |`,
    `| queryPanels, same, maxPoints 10,000 (no downsampling) | ${fmt(q.qFull.median, 1)} ms median, ${fmt(q.qFull.best, 1)} ms best |`,
    `| snapshotAt, 40 panels, live | ${fmt(q.snapshot.median, 1)} ms median |`,
    '',
    `Timestamps: aligned 15 s steps cost 0 bits per sample (a chunk with one step stores it once); with 0–30 ms poll jitter a constant series costs ${fmt(jit.jittered, 2)} instead of ${fmt(jit.aligned, 2)} bytes/sample, so sources should stamp samples with the aligned evaluation time.`,
    '',
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === 'ingest') {
  // `npx tsx test/bench/store-bench.ts ingest [DIR]`: the ingest figure alone, of the store in DIR (a
  // checkout of another build, default this one): paired runs of two builds with the same bench code
  const dir = process.argv[3];
  const open = dir === undefined ? openStore : ((await import(pathToFileURL(`${resolve(dir)}/src/main/engine/store/index.ts`).href)) as { openStore: typeof openStore }).openStore;
  console.log(JSON.stringify(benchIngest(open)));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (md) => console.log(md),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
