/**
 * `npm run eval:variant -- '<json>'`: the default detector and one variant of its contextual
 * settings side by side on every protocol that cannot see the files it scores, in one run (about
 * a minute on a shared machine; eval:groups takes several): the one threshold over all groups (how
 * the unseen files of issue 18 are scored), leave-one-group-out with only the threshold chosen on the other
 * groups (pooled and mean per group), the hidden-like figure, and NAB's 28 files (all, held-out
 * half, leave-one-category-out, threshold-only 4-fold CV). The JSON overrides numeric contextual
 * settings, e.g. '{"flagAt": 6, "likelihood": {"warmup": 50}}'; `method` scores another method instead
 * (e.g. '{"method": "changepoint"}'), and `combine` ("max" | "consensus") joins its
 * scores with the default's (nab-eval.ts combineScores); `privileged` gives each file's detector the
 * look-ahead NAB's runner gives its detectors (privileged.ts; diagnosis only, e.g.
 * '{"privileged": {"range": true, "probation": true}}'). A variant that reads better here
 * still has to pass the committed commands (eval:thresholds, eval:groups, eval:nab) before it lands.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { DEFAULT_PARAMS, METHOD_NAMES, type DetectorParams } from '../../src/main/engine/detect/index';
import { allGroups, evaluateGroups, groupOf } from './eval-groups';
import { evaluate, scoreCandidate, type NabFile } from './nab-eval';
import type { Candidate } from './nab-cv';
import { PROFILES, scoreCorpus } from './nab-score';

const count = z.number().int().nonnegative();
// why: exactOptional, so an override leaves out what it does not set (exactOptionalPropertyTypes)
const OverrideSchema = z
  .object({
    orders: count.exactOptional(),
    warmup: count.exactOptional(),
    tableBits: count.exactOptional(),
    blend: z.number().min(0).max(1).exactOptional(),
    ensembleMax: z.number().nonnegative().exactOptional(),
    flagAt: z.number().positive().exactOptional(),
    rest: count.exactOptional(),
    burstSpan: count.exactOptional(),
    prior: z.number().nonnegative().exactOptional(),
    likelihood: z.object({ short: count.positive().exactOptional(), long: count.positive().exactOptional(), warmup: count.exactOptional(), seen: z.number().nonnegative().exactOptional() }).strict().exactOptional(),
    method: z.enum(METHOD_NAMES).exactOptional(),
    combine: z.enum(['max', 'consensus']).exactOptional(),
    baseline: z.string().min(1).exactOptional(),
    privileged: z
      .object({ range: z.boolean().exactOptional(), probation: z.boolean().exactOptional(), share: z.number().min(0).max(1).exactOptional(), rest: z.boolean().exactOptional() })
      .strict()
      .exactOptional(),
  })
  .strict();

export type Override = z.infer<typeof OverrideSchema>;

/** The override a command line gave, or an error naming what is wrong with it. */
export function parseOverride(json: string): Override {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`bad variant ${json}: not JSON (${(err as Error).message})`);
  }
  const parsed = OverrideSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`bad variant ${json}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function withOverride(base: DetectorParams, o: Override): DetectorParams {
  const { likelihood, method: _method, combine: _combine, privileged: _privileged, baseline: _baseline, ...rest } = o;
  return { ...base, contextual: { ...base.contextual, ...rest, likelihood: { ...base.contextual.likelihood, ...likelihood } } };
}

/** The variant a command line names, as a candidate of the evaluations. */
export function candidateOf(json: string): Candidate {
  const o = parseOverride(json);
  return {
    name: json,
    params: withOverride(DEFAULT_PARAMS, o),
    ...(o.method ? { method: o.method } : {}),
    ...(o.combine ? { combine: o.combine } : {}),
    ...(o.privileged ? { privileged: o.privileged } : {}),
    ...(o.baseline ? { baseline: o.baseline } : {}),
  };
}

const NAB_CATEGORY = /^(artificial|realAWSCloudwatch)/;
const f1 = (x: number): string => x.toFixed(1);

function row(c: Candidate, files: readonly NabFile[]): string {
  const std = PROFILES[0]!;
  const scored = scoreCandidate(files, 'auto', c);
  const shared = scoreCorpus(scored, std);
  const groups = evaluateGroups(files, [c], [scored]);
  const nabScored = scored.filter((s) => NAB_CATEGORY.test(s.file.category));
  const nab = evaluate(
    nabScored.map((s) => s.file),
    'auto',
    [c],
    nabScored,
  );
  const perGroup = groups.perGroup.map((g) => f1(g.heldOut)).join(' / ');
  return `| ${c.name} | ${f1(shared.normalized)} at ${shared.threshold.toFixed(3)} (${shared.detectedWindows}/${shared.windows}, ${shared.falsePositives} FPs) | ${f1(groups.pooled)} / ${f1(groups.meanOfGroups)} | ${f1(groups.hiddenLike)} | ${f1(nab.all[0]!.normalized)} / ${f1(nab.heldOut[0]!.normalized)} / ${f1(nab.leaveCategoryOut[0]!)} / ${f1(nab.cv[0]!.normalized)} | ${perGroup} |`;
}

export async function run(json: string): Promise<string> {
  const variant = candidateOf(json);
  const files = await allGroups();
  const groups = [...new Set(files.map(groupOf))];
  return [
    'NAB standard profile. Leave-one-group-out and CV choose the threshold only (the parameters are fixed).',
    '',
    `| detector | one threshold over all ${groups.length} groups | LOGO pooled / mean per group | hidden-like | NAB 28 all / held-out half / LOCO / 4-fold CV | held out per group: ${groups.join(' / ')} |`,
    '|---|---:|---:|---:|---:|---:|',
    row({ name: 'default', params: DEFAULT_PARAMS }, files),
    row(variant, files),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run(process.argv[2] ?? '{}').then(
    (md) => process.stdout.write(md + '\n'),
    (err: unknown) => {
      process.stderr.write(`eval:variant: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
