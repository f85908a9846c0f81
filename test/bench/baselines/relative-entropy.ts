/**
 * NAB's relative entropy detector (Wang et al., "Statistical Techniques for Online Anomaly
 * Detection in Data Centers", 2011), ported from numenta/NAB
 * nab/detectors/relative_entropy/relative_entropy_detector.py at 4e45930 (the Python 2 version the
 * published results were made with; 451503a, its Python 3 port, has the same semantics). Inputs as
 * NAB's runner hands them (nab/detectors/base.py at a2be152): the file's value min and max.
 *
 * Each row from the 52nd on: the last 52 values quantized into 5 bins of width (max − min)/5, as
 * a frequency vector; compared with every hypothesis so far by 2·W·KL(window ‖ hypothesis) against
 * the chi-squared 0.99 point with 4 degrees of freedom. The closest accepted hypothesis counts the
 * window; none accepted makes the window a new hypothesis and the row scores 1. (NAB's c_th = 1
 * means an accepted hypothesis, already counted once, never scores 1.) Scores are 0 or 1.
 *
 * Deviation: none intended for float data. NAB under Python 2 read an all-integer CSV column as
 * int64, so its (max − min)/5 and (value − min)/step were floor divisions there; NAB's data files
 * we score all have decimal values, so that case does not arise here and is not copied.
 */
import type { Baseline } from './index';
import { fileRange } from './nab-inputs';

const BINS = 5;
const W = 52;

/** Chi-squared survival function for even degrees of freedom: e^{−x/2} Σ_{i<df/2} (x/2)^i / i!. */
export function chi2SfEven(x: number, df: number): number {
  if (df <= 0 || df % 2) throw new Error(`chi2SfEven: df ${df} is not a positive even number`);
  const h = x / 2;
  let term = 1;
  let sum = 1;
  for (let i = 1; i < df / 2; i++) {
    term *= h / i;
    sum += term;
  }
  return Math.exp(-h) * sum;
}

/** scipy.stats.chi2.isf(p, df) for even df, by bisection to the last bit (the sf falls monotonically). */
export function chi2IsfEven(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (chi2SfEven(hi, df) > p) hi *= 2;
  for (;;) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) return mid;
    if (chi2SfEven(mid, df) > p) lo = mid;
    else hi = mid;
  }
}

// NAB: stats.chi2.isf(0.01, N_bins − 1) = 13.2767...
const T = chi2IsfEven(0.01, BINS - 1);

/**
 * scipy.stats.entropy(p, q): both renormalized to sum 1, then Σ p·ln(p/q), with 0 where p = 0 and
 * ∞ where p > 0 = q. Sums left to right, as numpy does for five elements.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i] as number;
    sq += q[i] as number;
  }
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / sp;
    const qi = (q[i] as number) / sq;
    if (pi > 0) s += qi > 0 ? pi * Math.log(pi / qi) : Infinity;
  }
  return s;
}

export const relativeEntropy: Baseline = ({ values }) => {
  const n = values.length;
  const out = new Float64Array(n);
  const { lo: min, hi: max } = fileRange(values);
  const step = (max - min) / BINS;
  // NAB: a flat file (step 0) scores 0 everywhere
  if (!(step !== 0)) return out;
  // why: the bin of each value computed once, with NAB's exact arithmetic (ceil((v − min) / step))
  const bin = new Int32Array(n);
  for (let i = 0; i < n; i++) bin[i] = Math.ceil(((values[i] as number) - min) / step);
  const hyps: Float64Array[] = [];
  const counts: number[] = [];
  const hist = new Float64Array(BINS);
  for (let i = W - 1; i < n; i++) {
    // numpy.histogram(bins=5, range=(0, 5)): bins [0,1) … [3,4), [4,5] (so 5 joins 4), outside ignored
    hist.fill(0);
    let inRange = 0;
    for (let k = i - W + 1; k <= i; k++) {
      const b = bin[k] as number;
      if (b < 0 || b > BINS) continue;
      const at = Math.min(b, BINS - 1);
      hist[at] = (hist[at] as number) + 1;
      inRange++;
    }
    // density=True with unit-width bins: counts / their total
    const pHat = hist.map((c) => c / inRange);
    if (hyps.length === 0) {
      hyps.push(pHat);
      counts.push(1);
      continue;
    }
    let best = -1;
    let bestStat = Infinity;
    for (let h = 0; h < hyps.length; h++) {
      const stat = 2 * W * klDivergence(pHat, hyps[h]!);
      if (stat < T && stat < bestStat) {
        bestStat = stat;
        best = h;
      }
    }
    if (best >= 0) {
      // NAB's c_th = 1: a hypothesis seen before is never anomalous once counted again
      if (++counts[best]! <= 1) out[i] = 1;
    } else {
      out[i] = 1;
      hyps.push(pHat);
      counts.push(1);
    }
  }
  return out;
};
