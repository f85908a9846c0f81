/**
 * The default detector's samples per CPU second (best of 5 × 1 M, the series of detect-bench.ts),
 * from the detector in DIR (default: this checkout), for paired runs against an older build:
 * run `node --import tsx test/bench/detect-rate.ts` and `node --import tsx test/bench/detect-rate.ts /tmp/old` in turn
 * (A B A B …) and compare pair by pair
 * (the old build's src/main/engine/detect unpacked under /tmp/old, e.g. with `git archive`).
 * DETECT_METHOD=art (any method name) measures that method instead of the default.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createDetector as Create } from '../../src/main/engine/detect/index';
import { series } from './detect-bench';

const dir = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../..'));
const { createDetector } = (await import(pathToFileURL(`${dir}/src/main/engine/detect/index.ts`).href)) as { createDetector: typeof Create };
// why: the method name is not checked here, so an older build (DIR) that lacks it fails at its own createDetector
const method = (process.env.DETECT_METHOD ?? 'auto') as Parameters<typeof Create>[0]['method'];
const { t, v } = series(1_000_000);
let best = 0;
for (let round = 0; round < 5; round++) {
  const d = createDetector({ method, sensitivity: 'medium' });
  let sink = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < t.length; i++) sink += d.update(t[i] as number, v[i] as number).score;
  const used = process.cpuUsage(cpu0);
  if (sink < 0) throw new Error('unreachable');
  best = Math.max(best, t.length / ((used.user + used.system) / 1e6));
}
process.stdout.write(`${dir} ${method}: ${(best / 1e6).toFixed(2)} M samples per CPU second\n`);
