/**
 * The "recordedFaults" group of eval:groups: real series from a real Prometheus scraping
 * node_exporter, the blackbox exporter and an app on this machine while record-faults.ts injected
 * faults (test/fixtures/recorded/session-*.json.gz, one file per recording). The stand-in for NAB's
 * known-cause system failures. Labels come from the fault log, in NAB's way: each series gets a
 * window for each fault it can show (SERIES_SPECS.sees, decided per series from what the metric
 * measures, not from what a detector found), 10% of its rows shared among them, centred on each
 * fault's start (families.ts windowsOf). A series that cannot see a fault gets no window for it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { parseSeriesCsv, parseTimestamp } from '../../src/main/engine/detect/csv';
import { windowsOf } from './families';
import type { NabFile } from './nab-eval';

export const FAULT_KINDS = ['cpu', 'memleak', 'diskfill', 'fdleak', 'restart', 'stall'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const RECORDED_DIR = resolve(import.meta.dirname, '../fixtures/recorded');

/**
 * What is exported from each recording and which faults each series can show. `$MOUNT` is the
 * mount point the disk fill wrote to. CPU busy is often saturated by the other users of the machine
 * before any burn (so a burn shows more in load and runnable processes). Not labelled, on purpose: the raw request counter does not
 * get the stall (only its slope eases), RSS does not get the connection leak (a few MiB).
 */
export const SERIES_SPECS: readonly { name: string; query: string; sees: readonly FaultKind[] }[] = [
  { name: 'cpu_busy', query: '1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5s]))', sees: ['cpu'] },
  { name: 'load1', query: 'node_load1', sees: ['cpu'] },
  { name: 'procs_running', query: 'node_procs_running', sees: ['cpu'] },
  { name: 'mem_available', query: 'node_memory_MemAvailable_bytes', sees: ['memleak'] },
  { name: 'fs_avail', query: 'node_filesystem_avail_bytes{mountpoint="$MOUNT"}', sees: ['diskfill'] },
  { name: 'disk_write_rate', query: 'sum(rate(node_disk_written_bytes_total[5s]))', sees: ['diskfill'] },
  { name: 'app_rss', query: 'process_resident_memory_bytes{job="app"}', sees: ['memleak', 'restart'] },
  { name: 'app_open_fds', query: 'process_open_fds{job="app"}', sees: ['fdleak'] },
  { name: 'tcp_inuse', query: 'node_sockstat_TCP_inuse', sees: ['fdleak'] },
  { name: 'app_request_rate', query: 'sum(rate(app_requests_total[5s]))', sees: ['restart', 'stall'] },
  { name: 'app_requests_total', query: 'app_requests_total', sees: ['restart'] },
  { name: 'probe_duration', query: 'probe_duration_seconds', sees: ['stall'] },
  { name: 'app_scrape_duration', query: 'scrape_duration_seconds{job="app"}', sees: ['stall'] },
  { name: 'lo_rx_rate', query: 'rate(node_network_receive_bytes_total{device="lo"}[5s])', sees: ['restart', 'stall'] },
];

const Stamp = z.string().refine((s) => parseTimestamp(s) === parseTimestamp(s), 'want YYYY-MM-DD HH:MM:SS');
const Kind = z.enum(FAULT_KINDS);

export const RecordedSessionSchema = z.object({
  manifest: z.object({
    command: z.string(),
    recordedAt: z.string(),
    machine: z.string(),
    scrapeInterval: z.string(),
    step: z.string(),
    seed: z.number().int(),
    servers: z.string(),
  }),
  faults: z.array(z.object({ kind: Kind, start: Stamp, end: Stamp, detail: z.string() })),
  series: z.array(z.object({ name: z.string().min(1), query: z.string(), sees: z.array(Kind), csv: z.string() })).min(1),
});
export type RecordedSession = z.infer<typeof RecordedSessionSchema>;
export type FaultRecord = RecordedSession['faults'][number];

/** One recording, validated; throws `file: path: reason` when it is not one. */
export function readSession(name: string, bytes: Buffer): RecordedSession {
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (err) {
    throw new Error(`${name}: not a gzip'd JSON recording (${(err as Error).message}); re-record it with npm run record:faults`);
  }
  const parsed = RecordedSessionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${name}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** One recording as labelled files; throws `file: series:line: reason` on anything malformed. */
export function sessionFiles(name: string, bytes: Buffer): NabFile[] {
  const session = readSession(name, bytes);
  return session.series.map((s) => {
    const where = `${name}: ${s.name}`;
    const csv = parseSeriesCsv(s.csv);
    if (!csv.ok) throw new Error(`${where}:${csv.line}: ${csv.reason}`);
    const t = Array.from(csv.series.t);
    if (t.length < 2) throw new Error(`${where}: no data rows`);
    const starts = session.faults.filter((f) => s.sees.includes(f.kind)).map((f) => parseTimestamp(f.start));
    const anomalies = starts.map((ms) => {
      const i = t.findIndex((x) => x >= ms);
      if (i < 0) throw new Error(`${where}: fault at ${new Date(ms).toISOString()} is after the last row`);
      return i;
    });
    return {
      name: `recordedFaults/${name.replace(/\.json\.gz$/, '')}/${s.name}.csv`,
      category: 'recordedFaults',
      timestamps: t,
      values: csv.series.v,
      windows: windowsOf(t, anomalies),
      split: 'held-out' as const,
      fold: 0,
    };
  });
}

/** The recordings in `dir` (session-*.json.gz), in name order. */
export function recordingNames(dir = RECORDED_DIR): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json.gz'))
    .sort();
  if (!names.length) throw new Error(`${dir}: no recordings (session-*.json.gz); record one with npm run record:faults`);
  return names;
}

/** Every recording in `dir` as labelled files. */
export function recordedFiles(dir = RECORDED_DIR): NabFile[] {
  return recordingNames(dir).flatMap((n) => sessionFiles(n, readFileSync(join(dir, n))));
}
