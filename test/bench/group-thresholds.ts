/**
 * `npm run eval:thresholds`: why one threshold fails to carry between kinds of series. The default
 * detector scores every group of eval-groups.ts; each group is then scored (NAB standard profile)
 * at a ladder of fixed thresholds, beside its own best and the best single threshold over all
 * groups together (NAB's rule applied to the whole corpus, as the 30 unseen files of issue 18 are
 * scored). A group whose best lies away from the others' is paid for at the shared threshold.
 * Per group also: the detections ≥ 0.5 inside and outside windows and the median reported score of
 * each, which says whether a threshold above 0.5 could separate them. DETECT_METHOD=zscore (any
 * method name) scores that method instead of the default.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { METHOD_NAMES } from '../../src/main/engine/detect/index';
import { allGroups, groupOf } from './eval-groups';
import { scoreFiles, type NabFile } from './nab-eval';
import { PROBATION_PERCENT, probationaryLength, PROFILES, scoreCorpus, type ScoredFile } from './nab-score';

export const LADDER = [0.4, 0.45, 0.48, 0.5, 0.505, 0.51, 0.52, 0.54, 0.56, 0.6];

const f0 = (x: number): string => x.toFixed(0);
const f3 = (x: number): string => x.toFixed(3);

function median(xs: number[]): string {
  if (!xs.length) return '–';
  const s = [...xs].sort((a, b) => a - b);
  return f3(s[Math.floor(s.length / 2)] as number);
}

/** Scores ≥ 0.5 after probation, split by whether the row is inside a labelled window. */
function flags(scored: readonly (ScoredFile & { file: NabFile })[]): { inside: number[]; outside: number[] } {
  const inside: number[] = [];
  const outside: number[] = [];
  for (const { file, scores } of scored) {
    const ts = file.timestamps;
    for (let i = probationaryLength(ts.length, PROBATION_PERCENT); i < ts.length; i++) {
      const x = scores[i] as number;
      if (x < 0.5) continue;
      const t = ts[i] as number;
      (file.windows.some(([a, b]) => t >= a && t <= b) ? inside : outside).push(x);
    }
  }
  return { inside, outside };
}

export async function run(): Promise<string> {
  const files = await allGroups();
  const method = z.enum(METHOD_NAMES).parse(process.env.DETECT_METHOD ?? 'auto');
  const scored = scoreFiles(files, method);
  const std = PROFILES[0]!;
  const shared = scoreCorpus(scored, std);
  const groups = [...new Set(files.map(groupOf))];
  const out = [
    `${method === 'auto' ? 'Default detector' : `Method ${method}`}, NAB standard profile. One threshold over all ${groups.length} groups together: **${f3(shared.threshold)}**, score **${f0(shared.normalized)}** (${shared.detectedWindows}/${shared.windows} windows, ${shared.falsePositives} FPs).`,
    '',
    `| group | own best (threshold) | at the shared threshold | ${LADDER.map(f3).join(' | ')} | flags ≥ 0.5 in / out of windows | median score in / out |`,
    `|---|---:|---:|${LADDER.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const g of groups) {
    const mine = scored.filter((s) => groupOf(s.file) === g);
    const own = scoreCorpus(mine, std);
    const at = (t: number) => scoreCorpus(mine, std, t).normalized;
    const { inside, outside } = flags(mine);
    out.push(`| ${g} | ${f0(own.normalized)} (${f3(own.threshold)}) | ${f0(at(shared.threshold))} | ${LADDER.map((t) => f0(at(t))).join(' | ')} | ${inside.length} / ${outside.length} | ${median(inside)} / ${median(outside)} |`);
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (md) => process.stdout.write(md + '\n'),
    (err: unknown) => {
      process.stderr.write(`eval:thresholds: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
