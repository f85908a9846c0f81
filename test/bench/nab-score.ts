/**
 * NAB scoring (Lavin & Ahmad 2015; numenta/NAB nab/sweeper.py), reimplemented so the evaluation
 * needs no Python. Shared by `nab-eval.ts` and its unit test.
 *
 * Rules, as NAB applies them:
 * - the first min(floor(15% of rows), 750) rows are probationary and not scored at all;
 * - a row inside a labelled window at index i, of a window [l, r] with width w = r − l + 1, is worth
 *   σ(−(r − i + 1)/w) / σ(−1) · tpWeight, where σ(y) = 2/(1+e^{5y}) − 1 (so the window start is worth
 *   tpWeight); a window is worth the best (= earliest) detection inside it, or −fnWeight if missed;
 * - a row outside any window is worth σ(|i − r_prev| / (w_prev − 1)) · fpWeight after a window
 *   (σ is negative there) and −fpWeight before the first window (σ(≥3) is clamped to −1);
 * - a detection is a row whose score ≥ the threshold, and thresholds are > 0 (score 0 = silent);
 * - one threshold per detector and profile, chosen over all files together (an exact sweep here,
 *   where NAB hill-climbs: the result is the true optimum of the same objective);
 * - normalized: 100 · (raw − null) / (perfect − null), null = every window missed, perfect = every
 *   window detected at its start and no false positive.
 */

export interface CostProfile {
  name: 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export const PROFILES: readonly CostProfile[] = [
  { name: 'standard', tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  { name: 'reward_low_FP_rate', tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  { name: 'reward_low_FN_rate', tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
];

/** One data file: row timestamps (ms) and its labelled windows as [start, end] timestamps (ms). */
export interface LabelledFile {
  name: string;
  timestamps: readonly number[];
  windows: readonly (readonly [number, number])[];
}

export const PROBATION_PERCENT = 0.15;

export function probationaryLength(rows: number, percent = PROBATION_PERCENT): number {
  return Math.min(Math.floor(percent * rows), percent * 5000);
}

/** NAB's scaled sigmoid: 2/(1+e^{5y}) − 1, clamped to −1 at y ≥ 3. */
export function scaledSigmoid(y: number): number {
  if (y >= 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** Per scorable row: its value if detected, and the window it belongs to (−1 = none). */
export interface SweepRows {
  sweep: Float64Array;
  window: Int32Array;
  /** Index into the scores array of each scorable row. */
  row: Int32Array;
  windowCount: number;
}

/**
 * The worth of detecting each row of one file (NAB's calcSweepScore), for one profile.
 * Window ids are local (0..windowCount−1); windows with no scorable row are dropped.
 */
export function sweepRows(file: LabelledFile, profile: CostProfile): SweepRows {
  const ts = file.timestamps;
  const n = ts.length;
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(ts[i] as number, i);
  const limits = file.windows.map(([a, b]) => {
    const l = index.get(a);
    const r = index.get(b);
    if (l === undefined || r === undefined) throw new Error(`${file.name}: window edge not a row timestamp`);
    return [l, r] as const;
  });
  const maxTP = scaledSigmoid(-1);
  const probation = probationaryLength(n);
  const sweep: number[] = [];
  const window: number[] = [];
  const row: number[] = [];
  const idMap = new Map<number, number>();
  let w = 0; // next window
  let cur = -1; // current window (index into limits)
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    const next = limits[w];
    if (cur < 0 && next && i === next[0]) {
      cur = w;
      w++;
    }
    let value: number;
    if (cur >= 0) {
      const [l, r] = limits[cur] as readonly [number, number];
      const width = r - l + 1;
      value = (scaledSigmoid(-(r - i + 1) / width) * profile.tpWeight) / maxTP;
    } else {
      const y = prevRight < 0 ? 3 : Math.abs(prevRight - i) / (prevWidth - 1);
      value = scaledSigmoid(y) * profile.fpWeight;
    }
    if (i >= probation) {
      sweep.push(value);
      row.push(i);
      if (cur >= 0) {
        let id = idMap.get(cur);
        if (id === undefined) {
          id = idMap.size;
          idMap.set(cur, id);
        }
        window.push(id);
      } else window.push(-1);
    }
    if (cur >= 0) {
      const [l, r] = limits[cur] as readonly [number, number];
      if (i === r) {
        prevRight = r;
        prevWidth = r - l + 1;
        cur = -1;
      }
    }
  }
  return {
    sweep: Float64Array.from(sweep),
    window: Int32Array.from(window),
    row: Int32Array.from(row),
    windowCount: idMap.size,
  };
}

export interface CorpusScore {
  profile: CostProfile['name'];
  threshold: number;
  raw: number;
  nullScore: number;
  perfect: number;
  /** 100 · (raw − null) / (perfect − null). */
  normalized: number;
  windows: number;
  detectedWindows: number;
  falsePositives: number;
}

/** A file with the detector's score for every row. */
export interface ScoredFile {
  file: LabelledFile;
  scores: ArrayLike<number>;
}

/**
 * The best single threshold over all files together, and the normalized NAB score it gives; or,
 * with `fixed`, the score at that threshold (a row is a detection when its score ≥ threshold).
 */
export function scoreCorpus(files: readonly ScoredFile[], profile: CostProfile, fixed?: number): CorpusScore {
  const scores: number[] = [];
  const sweep: number[] = [];
  const win: number[] = [];
  let windows = 0;
  for (const { file, scores: s } of files) {
    if (s.length !== file.timestamps.length) throw new Error(`${file.name}: ${s.length} scores for ${file.timestamps.length} rows`);
    const rows = sweepRows(file, profile);
    for (let k = 0; k < rows.sweep.length; k++) {
      scores.push(s[rows.row[k] as number] as number);
      sweep.push(rows.sweep[k] as number);
      const id = rows.window[k] as number;
      win.push(id < 0 ? -1 : windows + id);
    }
    windows += rows.windowCount;
  }
  const order = Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const best = new Float64Array(windows).fill(-profile.fnWeight);
  const hit = new Uint8Array(windows);
  const nullScore = -profile.fnWeight * windows;
  const perfect = profile.tpWeight * windows;
  let total = nullScore;
  let fp = 0;
  let detected = 0;
  let top = { threshold: fixed ?? Infinity, raw: nullScore, fp: 0, detected: 0 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    // why: a score of 0 says "nothing unusual"; no threshold turns it into a detection
    if ((scores[i] as number) <= 0) break;
    const id = win[i] as number;
    const value = sweep[i] as number;
    if (id < 0) {
      total += value;
      fp++;
    } else {
      const old = best[id] as number;
      if (hit[id] === 0) {
        hit[id] = 1;
        detected++;
      }
      if (value > old) {
        best[id] = value;
        total += value - old;
      }
    }
    const threshold = scores[i] as number;
    const nextIdx = order[k + 1];
    // why: rows with equal scores are all in or all out, so a threshold is only scored past its ties
    if (nextIdx !== undefined && scores[nextIdx] === threshold) continue;
    if (fixed !== undefined) {
      if (threshold >= fixed) top = { threshold: fixed, raw: total, fp, detected };
      else break;
    } else if (total > top.raw) top = { threshold, raw: total, fp, detected };
  }
  return {
    profile: profile.name,
    threshold: top.threshold,
    raw: top.raw,
    nullScore,
    perfect,
    normalized: (100 * (top.raw - nullScore)) / (perfect - nullScore),
    windows,
    detectedWindows: top.detected,
    falsePositives: top.fp,
  };
}
