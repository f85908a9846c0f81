/**
 * What NAB's runner hands every detector up front (nab/detectors/base.py: inputMin / inputMax, the
 * value column's min and max).
 */

/** The whole file's value range: look-ahead a live series never has (baselines and diagnosis only). */
export function fileRange(values: ArrayLike<number>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi };
}

