/**
 * NAB's published baseline detectors, ported for one purpose (issue 18): to check that our own
 * evaluation ranks detectors the way the unseen files do. The issue gives each baseline's NAB
 * standard score on the 30 unseen files; a protocol that cannot see those files is only worth
 * trusting if it orders these baselines as they order there. Bench code, never the product's.
 *
 * Each baseline scores a whole file the way NAB's runner runs it: rows in order, plus what NAB's
 * runner hands every detector (the file's value min / max and its probationary length). Those
 * inputs are look-ahead a live series does not have; they are given here because the published
 * scores were made with them.
 */
import { artime } from './artime';
import { artimeCausal } from './artime-causal';
import { contextOSE } from './cad-ose';
import { knncad } from './knncad';
import { relativeEntropy } from './relative-entropy';
import { earthgeckoSkyline } from './skyline';
import { windowedGaussian } from './windowed-gaussian';

export interface BaselineInput {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Per-row anomaly scores in [0, 1], the file's rows in order. */
export type Baseline = (file: BaselineInput) => Float64Array;

/**
 * By the name NAB's results directory gives each detector; then ARTime made causal (no look-ahead,
 * artime-causal.ts), which NAB never ran: probation rows in the name, then how the range widens.
 */
export const BASELINES: Record<string, Baseline> = {
  windowedGaussian,
  ARTime: artime,
  earthgeckoSkyline,
  relativeEntropy,
  knncad,
  contextOSE,
  ARTimeCausal750: artimeCausal(750, 'rescale'),
  ARTimeCausal300: artimeCausal(300, 'rescale'),
};
