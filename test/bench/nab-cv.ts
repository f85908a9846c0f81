/**
 * K-fold cross-validation of a detector's parameter choice on NAB. The tuning half is saturated
 * (most of its windows hit, few FPs), so choosing there cannot tell improvements apart; here every
 * file is scored out of fold: for each fold, the parameter set AND the threshold are the ones that
 * score best on the other folds, and the fold is scored with them. Raw, null and perfect scores
 * are pooled over the folds before normalizing, as NAB pools files.
 */
import type { DetectMethod, DetectorParams } from '../../src/main/engine/detect/index';
import { PROFILES, scoreCorpus, type CorpusScore, type CostProfile, type ScoredFile } from './nab-score';
import type { Privileges } from './privileged';

export const FOLDS = 4;

/**
 * Fold of the k-th file (in name order) of its category: stratified by category, and folds 0, 2
 * are the tuning half (k even) and 1, 3 the held-out half, so CV and the halves agree.
 */
export function foldOf(k: number, folds = FOLDS): number {
  return k % folds;
}

/** A candidate parameter set for the CV search, with the name it is reported by. */
export interface Candidate {
  name: string;
  params: DetectorParams;
  /** the method scored, when not the one the evaluation runs (eval:variant) */
  method?: DetectMethod;
  /** scored together with the default detector (see nab-eval.ts combineScores) */
  combine?: Combine;
  /** NAB's look-ahead given per file, for diagnosis only (privileged.ts) */
  privileged?: Privileges;
  /** a NAB baseline scored instead of our detector (baselines/index.ts; evaluation checks only) */
  baseline?: string;
}

/**
 * How another method's scores join the default detector's (issue 18: does a second method add to
 * the default?): `max` takes the louder one;
 * `consensus` keeps the default's score where the method scored anything over the last
 * CONSENSUS_SAMPLES samples and lowers it by CONSENSUS_DAMP elsewhere (ties the default's flags to the
 * method's novelty without delaying them).
 */
export type Combine = 'max' | 'consensus';

export interface FoldedFile extends ScoredFile {
  fold: number;
}

export interface CvProfileResult {
  profile: CostProfile['name'];
  /** pooled out-of-fold score, 100 · (raw − null) / (perfect − null) */
  normalized: number;
  detectedWindows: number;
  windows: number;
  falsePositives: number;
  /** per fold: the candidate chosen on the other folds */
  chosen: string[];
}

/**
 * `scored[c]` holds every file scored with candidate c (same files, same order, each with its
 * fold). Ties between candidates go to the earlier one, so list the default first.
 */
export function crossValidate(candidates: readonly Candidate[], scored: readonly (readonly FoldedFile[])[], folds = FOLDS): CvProfileResult[] {
  if (candidates.length === 0 || scored.length !== candidates.length) throw new Error('one scored corpus per candidate');
  return PROFILES.map((p) => {
    let raw = 0;
    let nullScore = 0;
    let perfect = 0;
    let detected = 0;
    let windows = 0;
    let fps = 0;
    const chosen: string[] = [];
    for (let f = 0; f < folds; f++) {
      let best: { c: number; fit: CorpusScore } | undefined;
      for (let c = 0; c < candidates.length; c++) {
        const train = (scored[c] as readonly FoldedFile[]).filter((s) => s.fold !== f);
        const fit = scoreCorpus(train, p);
        if (!best || fit.normalized > best.fit.normalized) best = { c, fit };
      }
      if (!best) continue;
      const test = (scored[best.c] as readonly FoldedFile[]).filter((s) => s.fold === f);
      const r = scoreCorpus(test, p, best.fit.threshold);
      raw += r.raw;
      nullScore += r.nullScore;
      perfect += r.perfect;
      detected += r.detectedWindows;
      windows += r.windows;
      fps += r.falsePositives;
      chosen.push((candidates[best.c] as Candidate).name);
    }
    const normalized = perfect > nullScore ? (100 * (raw - nullScore)) / (perfect - nullScore) : 0;
    return { profile: p.name, normalized, detectedWindows: detected, windows, falsePositives: fps, chosen };
  });
}
