/**
 * Diagnosis only (issue 18, round 7): the look-ahead NAB's runner gives every detector, handed to
 * the default detector per file, to measure what it is worth to a causal detector. Never the
 * product's: a live series has no whole-file range or length. Reached through eval:variant's
 * `"privileged"` override.
 *
 * What NAB gives (numenta/NAB): nab/detectors/base.py sets `probationaryPeriod =
 * getProbationPeriod(probationaryPercent, rows)` (nab/util.py: min(floor(0.15 · rows), 0.15 · 5000))
 * and `inputMin` / `inputMax` = the file's value min / max. CAD OSE's value grid spans exactly that
 * range and its rest is probation / 5 (context_ose_detector.py); HTM's encoder spans it ± 20 % and
 * its likelihood skips a learning period of floor(probation / 2), then estimates from the rest of
 * the probation (numenta_detector.py).
 *
 * How each privilege maps onto our detector (P = that probation, the same formula as the scorer's):
 * - `range`: the contextual grids are set from the file's min and max at sample 1 (as CAD OSE's),
 *   so the grid warm-up is spent learning contexts while their novelty is kept out of the
 *   likelihood (as HTM's learning period); the lengths stay the default's unless `probation` is set.
 * - `probation`: the default's 750-sample silence (600 grid or learning + 150 likelihood) is P,
 *   split as the default splits it (`share` = 600 / 750 before the likelihood), so on a file of
 *   ≥ 5,000 rows (P = 750) nothing changes and on a shorter one the channel speaks at the end of
 *   the scorer's probation, as HTM's likelihood does. `share` 0.5 is HTM's own split.
 * - `rest`: the samples withheld after a flag scale with P as CAD OSE's and KNN-CAD's do (P / 5),
 *   from the default's 100 at P = 750, so long files again keep the default.
 * The component ensemble is left as it is (its models warm up in ~100 samples, well inside P).
 */
import type { DetectorParams } from '../../src/main/engine/detect/index';
import { fileRange } from './baselines/nab-inputs';
import { probationaryLength } from './nab-score';

export interface Privileges {
  range?: boolean;
  probation?: boolean;
  /** share of P before the likelihood starts (default: the default detector's own 600 / 750) */
  share?: number;
  rest?: boolean;
}

/** P of a file of ≥ 5,000 rows: where the mapped lengths equal the default's. */
const FULL_PROBATION = probationaryLength(5000);

/** The default detector's parameters for one file, with the privileges NAB's runner would give. */
export function privilegedParams(base: DetectorParams, values: ArrayLike<number>, p: Privileges): DetectorParams {
  const c = base.contextual;
  const probation = probationaryLength(values.length);
  const silence = c.warmup + c.likelihood.warmup;
  const share = p.share ?? c.warmup / silence;
  const before = p.probation ? Math.round(share * probation) : c.warmup;
  const likelihood = p.probation ? { ...c.likelihood, warmup: probation - before } : c.likelihood;
  const rest = p.rest ? Math.round((c.rest * probation) / FULL_PROBATION) : c.rest;
  const range = p.range ? { range: fileRange(values) } : {};
  return { ...base, contextual: { ...c, warmup: before, likelihood, rest, ...range } };
}
