/**
 * What NAB's runner hands every detector up front (nab/detectors/base.py: inputMin / inputMax, the
 * value column's min and max), and a cache for the baselines slow enough to need one.
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

/**
 * `score` remembered per values array (the evaluations score the same files several times over, and
 * some baselines take seconds a file); each call gets its own copy. Assumes no one edits a file's
 * values in place.
 */
export function memoByValues(score: (values: ArrayLike<number>) => Float64Array): (values: ArrayLike<number>) => Float64Array {
  const memo = new WeakMap<object, Float64Array>();
  return (values) => {
    let out = memo.get(values);
    if (!out) memo.set(values, (out = score(values)));
    return out.slice();
  };
}
