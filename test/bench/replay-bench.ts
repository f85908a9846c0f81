// Replay and recordings on the store bench's day (24 h × 2,000 series at 15 s, default precision):
// the engine's snapshot(at) for the 40-panel bench board at T across the day, and `wallboard export`
// / `serve --replay`'s open of that day. Returns a markdown section; run alone with
// `npx tsx test/bench/replay-bench.ts`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { createEngine } from '../../src/main/engine/index';
import { exportRecording } from '../../src/main/engine/recording/export';
import { openRecording } from '../../src/main/engine/recording/open';
import { DEFAULT_SIGNIFICANT_DIGITS } from '../../src/main/engine/store/precision';
import { benchBoardInput, benchDay, DAY, START, STEP } from './store-bench';

const fmt = (n: number, d = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-replay-bench-'));
  try {
    const file = join(dir, 'wallboard.db');
    const day = benchDay(DEFAULT_SIGNIFICANT_DIGITS, { file, cleanup: () => undefined });
    const samples = day.samples;
    day.store.db.pragma('wal_checkpoint(TRUNCATE)');
    day.store.close();
    const boardFile = join(dir, 'board.yaml');
    writeFileSync(boardFile, stringify({ title: 'Bench', retention: '24h', ...benchBoardInput() }));
    const end = START + DAY - STEP;

    // snapshot(at) through the engine (store read + enrichment + incidents), not started: nothing polls
    const engine = createEngine({ configFile: boardFile, dataDir: dir, watch: false, now: () => end });
    await engine.request('snapshot', { at: end }); // warm-up: statements prepared
    const times: number[] = [];
    const cpu: number[] = []; // ms of this process's CPU per call: what the wall costs, apart from waiting for a shared core
    const ts = Array.from({ length: 96 }, (_, i) => START + 60 * STEP + Math.floor(((DAY - 61 * STEP) * i) / 95));
    for (const at of ts) {
      const t0 = now();
      const c0 = process.cpuUsage();
      const s = await engine.request('snapshot', { at });
      const c = process.cpuUsage(c0);
      times.push(now() - t0);
      cpu.push((c.user + c.system) / 1000);
      if (Object.values(s.panels).some((p) => p.state !== 'ok')) throw new Error(`snapshot at ${new Date(at).toISOString()}: a panel is not ok`);
    }
    await engine.stop();

    const out = join(dir, 'day.wbz');
    const e0 = now();
    const exported = exportRecording({ dataDir: dir, boardFile, sinceMs: DAY, out });
    const exportMs = now() - e0;
    if (!exported.ok) throw new Error(exported.reason);

    const i0 = now();
    const opened = openRecording(out);
    if (!opened.ok) throw new Error(opened.reason);
    const unpackMs = now() - i0;
    const rec = opened.recording;
    const replay = createEngine({ configFile: rec.boardFile, dataDir: rec.dataDir, watch: false, now: () => rec.view.to, recording: rec.view });
    replay.start();
    const first = await replay.request('snapshot', { at: rec.view.to - 3_600_000 });
    const importMs = now() - i0;
    if (Object.values(first.panels).some((p) => p.state !== 'ok')) throw new Error('replayed snapshot: a panel is not ok');
    await replay.stop();
    rec.dispose();

    const MB = 1024 * 1024;
    return [
      '## Replay and recordings',
      '',
      `Command: \`npm run bench -- replay\` (or \`npx tsx test/bench/replay-bench.ts\`). The store bench's day: 24 h × 2,000 series at 15 s (${fmt(samples / 1e6, 1)} M samples, ${DEFAULT_SIGNIFICANT_DIGITS} significant digits), the 40-panel bench board (one timeseries panel per query, 5,760 points each). The machine is shared with other agents: figures are one run.`,
      '',
      '| measure | target | result |',
      '|---|---|---|',
      `| engine \`snapshot(at)\`, 40 panels, 96 T spread over the 24 h | ≤ 10 ms at any T | median ${fmt(pct(times, 0.5), 2)} ms, p95 ${fmt(pct(times, 0.95), 2)} ms, max ${fmt(Math.max(...times), 2)} ms wall clock; CPU per call median ${fmt(pct(cpu, 0.5), 2)} ms, p95 ${fmt(pct(cpu, 0.95), 2)} ms, max ${fmt(Math.max(...cpu), 2)} ms |`,
      `| \`wallboard export\` of the day (VACUUM INTO, trim, gzip, write) | ≤ 5 s | ${fmt(exportMs / 1000, 2)} s |`,
      `| recording size (.wbz) | < 25 MB | ${fmt(exported.bytes / MB, 1)} MiB (database ${fmt(exported.dbBytes / MB, 1)} MiB before gzip) |`,
      `| import: open the .wbz (check sha-256, unpack) + engine on it + first snapshot | ≤ 5 s | ${fmt(importMs / 1000, 2)} s (of which unpack and check ${fmt(unpackMs / 1000, 2)} s) |`,
      '',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (md) => console.log(md),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
