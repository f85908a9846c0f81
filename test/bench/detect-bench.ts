/**
 * Detector throughput (samples/s on one core: the rebuild-at-start replays the buffer through
 * `update`) and the time of `wallboard detect` on a 22,000-row file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDetectCommand } from '../../src/main/cli/detect';
import { createDetector, type DetectMethod } from '../../src/main/engine/detect/index';

const STEP = 300_000; // ms, NAB's 5-minute sampling
const T0 = Date.UTC(2024, 0, 1);

export function series(n: number): { t: Float64Array; v: Float64Array } {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let x = 1;
  for (let i = 0; i < n; i++) {
    x = (x * 16807) % 2147483647; // deterministic noise
    t[i] = T0 + i * STEP;
    v[i] = 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + (x / 2147483647 - 0.5) * 4 + (i % 5000 === 4999 ? 40 : 0);
  }
  return { t, v };
}

/**
 * Best of 5 rounds over the series, as samples per wall-clock second and per CPU second of this
 * process (process.cpuUsage: user + system, all its threads, so GC and the compiler count). On a
 * shared machine the wall figure drops with other load; the CPU figure is the "per core" one.
 */
function samplesPerSecond(method: DetectMethod, t: Float64Array, v: Float64Array): { wall: number; cpu: number } {
  let wall = 0;
  let cpu = 0;
  for (let round = 0; round < 5; round++) {
    const d = createDetector({ method, sensitivity: 'medium' });
    let sink = 0;
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < t.length; i++) sink += d.update(t[i] as number, v[i] as number).score;
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu0);
    if (sink < 0) throw new Error('unreachable');
    wall = Math.max(wall, t.length / s);
    cpu = Math.max(cpu, t.length / ((used.user + used.system) / 1e6));
  }
  return { wall, cpu };
}

export async function run(): Promise<string> {
  const { t, v } = series(1_000_000);
  const lines = ['| detector | samples per CPU second (best of 5 × 1 M) | samples per wall second (best of 5 × 1 M) |', '|---|---:|---:|'];
  for (const method of ['auto', 'zscore', 'seasonal', 'changepoint'] as const) {
    const rate = samplesPerSecond(method, t, v);
    lines.push(`| ${method === 'auto' ? 'auto (default)' : method} | ${(rate.cpu / 1e6).toFixed(2)} M | ${(rate.wall / 1e6).toFixed(2)} M |`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-detect-bench-'));
  try {
    const rows = ['timestamp,value'];
    for (let i = 0; i < 22_000; i++) rows.push(`${new Date(t[i] as number).toISOString().replace('T', ' ').slice(0, 19)},${(v[i] as number).toFixed(4)}`);
    const file = join(dir, 'series.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    let best = Infinity;
    let bytes = 0;
    for (let round = 0; round < 5; round++) {
      const start = process.hrtime.bigint();
      const code = await runDetectCommand(file, {}, { stdout: (s) => (bytes = s.length), stderr: () => undefined });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) throw new Error(`detect exited ${code}`);
      best = Math.min(best, ms);
    }
    lines.push('', `\`wallboard detect\` on a 22,000-row CSV (runDetectCommand, read + validate + score + format, ${bytes} bytes out): ${best.toFixed(0)} ms (best of 5).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (md) => process.stdout.write(md + '\n'),
    (err: unknown) => {
      process.stderr.write(`detect-bench: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
