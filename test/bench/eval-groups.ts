/**
 * `npm run eval:groups`: the default detector scored where what is scored is never seen while
 * choosing. Groups are the NAB categories in ../shared/nab, the synthetic families and the demo's
 * incidents (families.ts); each group is held out whole: the parameter set (among the candidates)
 * and the threshold are chosen on all the other groups, and the held-out group is scored with
 * them. Reported: the pooled out-of-group score (NAB pools raw scores, so groups with many windows
 * weigh more), the mean of the per-group scores (every kind of series counts once), and each
 * group's score at its own best threshold with the default parameters (how NAB scores a corpus).
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_PARAMS, type DetectorParams } from '../../src/main/engine/detect/index';
import { crossValidate, type Candidate } from './nab-cv';
import { loadNab, scoreCandidate, variant, type NabFile, type ScoredNabFile } from './nab-eval';
import { demoFiles, syntheticFiles } from './families';
import { recordedFiles } from './recorded';
import { PROFILES, scoreCorpus } from './nab-score';

/** Candidates the held-out choice picks among: the default and its neighbours on the settings chosen in issue 18 and the flag level. */
export function groupCandidates(base: DetectorParams = DEFAULT_PARAMS): Candidate[] {
  const c = base.contextual;
  return [
    { name: 'default', params: base },
    variant(base, `flagAt ${c.flagAt - 0.5}`, { flagAt: c.flagAt - 0.5 }),
    variant(base, `flagAt ${c.flagAt + 0.5}`, { flagAt: c.flagAt + 0.5 }),
    variant(base, `warmup ${c.warmup * 2}`, { warmup: c.warmup * 2 }),
    variant(base, `warmup ${Math.round(c.warmup / 2)}`, { warmup: Math.round(c.warmup / 2) }),
    variant(base, `prior ${c.prior / 3}`, { prior: c.prior / 3 }),
    variant(base, `prior ${c.prior * 3}`, { prior: c.prior * 3 }),
  ];
}

export async function allGroups(): Promise<NabFile[]> {
  return [...(await loadNab()), ...syntheticFiles(), ...demoFiles(), ...recordedFiles()];
}

/** NAB's two artificial categories are one kind of series (one has no windows, so alone it has no score). */
export function groupOf(f: NabFile): string {
  return f.category.startsWith('artificial') ? 'artificial (NAB)' : f.category;
}

/**
 * The synthetic families shaped like the 30 NAB files the issue is scored on (hourly ad-exchange
 * metrics, irregular road traffic, social-media volume). recordedFaults (recorded.ts) stands in for
 * their known-cause system failures in kind of fault, not in shape (1 s for 30 min, where those are
 * 5 min for days), so it is scored as its own group and left out of this list.
 * Not an estimate of the unseen score (session 11, eval:baselines): these three groups order NAB's
 * published detectors almost unlike the unseen files do (Spearman's ρ ≈ 0 over six of them, where
 * NAB's own 28 files give 0.89), so the figure only says how the default does on these families.
 */
export const HIDDEN_LIKE = ['syntheticHourly', 'syntheticIrregular', 'syntheticVolume'];

export interface GroupReport {
  pooled: number;
  meanOfGroups: number;
  /** default params, one threshold optimised over the HIDDEN_LIKE groups together (NAB's rule) */
  hiddenLike: number;
  perGroup: { group: string; files: number; windows: number; heldOut: number; ownThreshold: number; chosen: string }[];
}

/** `scoredBy`: each candidate's scores of `files` when the caller already has them. */
export function evaluateGroups(files: readonly NabFile[], candidates: readonly Candidate[], scoredBy: readonly (readonly ScoredNabFile[])[] = candidates.map((c) => scoreCandidate(files, 'auto', c))): GroupReport {
  const groups = [...new Set(files.map(groupOf))];
  const scored = scoredBy.map((s) => s.map((x) => ({ ...x, fold: groups.indexOf(groupOf(x.file)) })));
  const std = PROFILES[0]!;
  const cv = crossValidate(candidates, scored, groups.length)[0]!;
  const perGroup = groups.map((group, g) => {
    const mine = (c: number) => scored[c]!.filter((s) => s.fold === g);
    const others = (c: number) => scored[c]!.filter((s) => s.fold !== g);
    let best = 0;
    let bestFit = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      const fit = scoreCorpus(others(c), std).normalized;
      if (fit > bestFit) {
        bestFit = fit;
        best = c;
      }
    }
    const threshold = scoreCorpus(others(best), std).threshold;
    const held = scoreCorpus(mine(best), std, threshold);
    const own = scoreCorpus(mine(0), std);
    return { group, files: mine(0).length, windows: held.windows, heldOut: held.normalized, ownThreshold: own.normalized, chosen: candidates[best]!.name };
  });
  const meanOfGroups = perGroup.reduce((s, g) => s + g.heldOut, 0) / perGroup.length;
  const hiddenLike = scoreCorpus(scored[0]!.filter((s) => HIDDEN_LIKE.includes(groupOf(s.file))), std).normalized;
  return { pooled: cv.normalized, meanOfGroups, hiddenLike, perGroup };
}

export function groupMarkdown(r: GroupReport, candidates: readonly Candidate[]): string {
  const f1 = (x: number) => x.toFixed(1);
  const out = [
    `Leave-one-group-out, NAB standard profile. Candidates: ${candidates.map((c) => c.name).join('; ')}.`,
    '',
    `- pooled out-of-group score: **${f1(r.pooled)}**`,
    `- mean of the per-group out-of-group scores: **${f1(r.meanOfGroups)}**`,
    `- default params, one threshold optimised over ${HIDDEN_LIKE.join(' + ')} together (NAB's rule, as the 30 unseen files of issue 18 are scored; not an estimate of their score, see eval:baselines): **${f1(r.hiddenLike)}**`,
    '',
    '| group | files | windows | held out (params + threshold chosen on the others) | chosen | default params, threshold optimised on the group itself |',
    '|---|---:|---:|---:|---|---:|',
    ...r.perGroup.map((g) => `| ${g.group} | ${g.files} | ${g.windows} | ${f1(g.heldOut)} | ${g.chosen} | ${f1(g.ownThreshold)} |`),
  ];
  return out.join('\n');
}

export async function run(): Promise<string> {
  const files = await allGroups();
  const candidates = groupCandidates();
  return groupMarkdown(evaluateGroups(files, candidates), candidates);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (md) => process.stdout.write(md + '\n'),
    (err: unknown) => {
      process.stderr.write(`eval:groups: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
