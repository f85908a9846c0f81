/**
 * What the default detector finds and misses on each recorded series (recorded.ts), at the
 * threshold chosen on every other eval:groups group (held out, default params) and at the
 * recordedFaults group's own best threshold. Per labelled fault: the delay from the fault's start
 * to the first flag inside its window (negative = flagged before the fault, which NAB counts), or
 * "missed"; per series: flagged rows outside windows after NAB's probation (false positives).
 * `node --import tsx test/bench/recorded-report.ts`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTimestamp } from '../../src/main/engine/detect/csv';
import { allGroups, groupOf } from './eval-groups';
import { scoreFiles } from './nab-eval';
import { PROFILES, probationaryLength, scoreCorpus } from './nab-score';
import { RECORDED_DIR, readSession, recordingNames, SERIES_SPECS } from './recorded';

const GROUP = 'recordedFaults';

export async function report(): Promise<string> {
  const scored = scoreFiles(await allGroups(), 'auto');
  const std = PROFILES[0]!;
  const mine = scored.filter((s) => groupOf(s.file) === GROUP);
  const heldThr = scoreCorpus(scored.filter((s) => groupOf(s.file) !== GROUP), std).threshold;
  const held = scoreCorpus(mine, std, heldThr);
  const own = scoreCorpus(mine, std);
  const faults = new Map(recordingNames().map((n) => [n.replace(/\.json\.gz$/, ''), readSession(n, readFileSync(join(RECORDED_DIR, n))).faults]));
  const f1 = (x: number) => x.toFixed(1);
  const out = [
    `recordedFaults, default params: held out (threshold ${heldThr.toFixed(3)} chosen on the other groups) **${f1(held.normalized)}** (${held.detectedWindows}/${held.windows} windows, ${held.falsePositives} FP rows); own threshold ${own.threshold.toFixed(3)}: **${f1(own.normalized)}** (${own.detectedWindows}/${own.windows}, ${own.falsePositives} FP rows).`,
    '',
    '| session / series | faults it can show: delay to first flag (s), held-out threshold | same, own threshold | FP rows held-out / own |',
    '|---|---|---|---:|',
  ];
  for (const s of mine) {
    const [, session = '', file = ''] = s.file.name.split('/');
    const series = file.replace(/\.csv$/, '');
    const sees = SERIES_SPECS.find((x) => x.name === series)?.sees ?? [];
    const mineFaults = (faults.get(session) ?? []).filter((f) => sees.includes(f.kind));
    const t = s.file.timestamps;
    const probation = probationaryLength(t.length);
    const inWindow = (ms: number) => s.file.windows.some(([a, b]) => ms >= a && ms <= b);
    const at = (thr: number) =>
      mineFaults
        .map((f) => {
          const start = parseTimestamp(f.start);
          const w = s.file.windows.find(([a, b]) => start >= a && start <= b);
          let hit: number | undefined;
          for (let i = 0; w && i < t.length; i++) {
            const ms = t[i] as number;
            if (ms >= w[0] && ms <= w[1] && (s.scores[i] as number) >= thr) {
              hit = ms;
              break;
            }
          }
          return `${f.kind} ${hit === undefined ? 'missed' : Math.round((hit - start) / 1000)}`;
        })
        .join(', ') || '(none)';
    const fp = (thr: number) => {
      let n = 0;
      for (let i = probation; i < t.length; i++) if ((s.scores[i] as number) >= thr && !inWindow(t[i] as number)) n++;
      return n;
    };
    out.push(`| ${session} / ${series} | ${at(heldThr)} | ${at(own.threshold)} | ${fp(heldThr)} / ${fp(own.threshold)} |`);
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  report().then(
    (md) => process.stdout.write(md + '\n'),
    (err: unknown) => {
      process.stderr.write(`recorded-report: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
