/**
 * The engine's own cost, from the engine in DIR (default: this checkout), for paired runs against an
 * older build (like detect-rate.ts; DIR a `git worktree` of the older commit with node_modules):
 *
 *   node --import tsx test/bench/engine-rate.ts snapshot [DIR]
 *     engine.request('snapshot', {at}) of the 40-panel bench board at 96 T over the store bench's day
 *     (24 h × 2,000 series; built once into $ENGINE_RATE_DAY, default /tmp/wallboard-engine-rate-day.db,
 *     then copied per run so both builds read the same bytes): CPU ms per call, median. (For the
 *     distribution per call and per T, and cold against warm calls, see replay-snapshot.ts.)
 *   node --import tsx test/bench/engine-rate.ts backfill [DIR]
 *     the engine on the built-in demo board, first start: sources → store → detection → incidents for
 *     the backfilled 24 h until no demo panel is loading: CPU seconds of this process.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import type { createEngine as Create } from '../../src/main/engine/index';
import { DEFAULT_SIGNIFICANT_DIGITS } from '../../src/main/engine/store/precision';
import { benchBoardInput, benchDay, DAY, START, STEP } from './store-bench';

const mode = process.argv[2];
const dir = resolve(process.argv[3] ?? resolve(import.meta.dirname, '../..'));
const { createEngine } = (await import(pathToFileURL(`${dir}/src/main/engine/index.ts`).href)) as { createEngine: typeof Create };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
const work = mkdtempSync(join(tmpdir(), 'wallboard-engine-rate-'));

try {
  if (mode === 'snapshot') {
    const day = process.env['ENGINE_RATE_DAY'] ?? join(tmpdir(), 'wallboard-engine-rate-day.db');
    if (!existsSync(day)) {
      const built = benchDay(DEFAULT_SIGNIFICANT_DIGITS, { file: day, cleanup: () => undefined });
      built.store.db.pragma('wal_checkpoint(TRUNCATE)');
      built.store.close();
    }
    copyFileSync(day, join(work, 'wallboard.db'));
    const boardFile = join(work, 'board.yaml');
    writeFileSync(boardFile, stringify({ title: 'Bench', retention: '24h', ...benchBoardInput() }));
    const end = START + DAY - STEP;
    const engine = createEngine({ configFile: boardFile, dataDir: work, watch: false, now: () => end });
    await engine.request('snapshot', { at: end }); // warm-up: statements prepared
    const cpu: number[] = [];
    for (let i = 0; i < 96; i++) {
      const at = START + 60 * STEP + Math.floor(((DAY - 61 * STEP) * i) / 95);
      const c0 = process.cpuUsage();
      const s = await engine.request('snapshot', { at });
      cpu.push(cpuMs(process.cpuUsage(c0)));
      if (Object.values(s.panels).some((p) => p.state !== 'ok')) throw new Error('a panel is not ok');
    }
    await engine.stop();
    process.stdout.write(`${dir}: snapshot ${median(cpu).toFixed(3)} ms CPU per call (median of 96)\n`);
  } else if (mode === 'backfill') {
    // why: the backfilled day depends on when it ends, so both builds start at the same instant
    const clockStart = Date.parse('2026-11-27T12:00:01Z');
    const realStart = Date.now();
    const engine = createEngine({ dataDir: work, watch: false, now: () => clockStart + (Date.now() - realStart) });
    const c0 = process.cpuUsage();
    engine.start();
    for (;;) {
      const s = await engine.request('snapshot', {});
      if (Object.values(s.panels).every((p) => p.state !== 'loading')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const used = cpuMs(process.cpuUsage(c0));
    await engine.stop();
    process.stdout.write(`${dir}: backfill ${(used / 1000).toFixed(2)} s CPU\n`);
  } else {
    throw new Error('usage: engine-rate.ts snapshot|backfill [DIR]');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
