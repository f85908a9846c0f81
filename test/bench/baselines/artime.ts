/**
 * ARTime (Mark Hampton, 2021), the leader of NAB's scoreboard, as NAB ran it: our own TypeScript of
 * the published algorithm (no code copied), an evaluation baseline only (issue 18).
 *
 * Read: markNZed/ARTimeNAB.jl src/ARTime.jl and src/AdaptiveResonanceCompact.jl at
 * 6324d1ebc0155e0cd961ec5cb0bca6a8834812e3 (the DVFA and the Haar transform are in artime-dvfa.ts);
 * numenta/NAB nab/detectors/ARTime/ARTime_detector.py at 7c58c75924b8830f22b9ba46f13a3f800282fec0
 * (NAB calls ARTime.init(inputMin, inputMax, rows) with the file's value min / max and its row
 * count, then process_sample!(value) once per row, and writes the returned number as that row's
 * score) and nab/detectors/base.py (inputMin / inputMax = the value column's min / max).
 *
 * The algorithm, per ARTime.jl (Julia's 1-based counters kept as they are: i counts rows from 1,
 * dsi counts downsampled steps from 1):
 *  - probation = rows < 5000 ? ⌊0.15·rows⌋ : 750, made even (NAB's own getProbationPeriod gives the
 *    same number before the evening); sstep = max(1, probation ÷ 104) rows per downsampled step;
 *    trend window tw = ⌊probation / sstep⌋ steps;
 *  - every sstep rows, the last sstep values become one: their max, or their min if the min is
 *    further from a running average (avg ← (avg + mean) / 2), or the mean if that is within 10 % of
 *    the mean; normalised by the file's min / max; rounded to one of 81 levels (Julia's round: half
 *    to even); snapped to an approximate running median level when within 0.075 of it;
 *  - features of a step: 8-step window of those values, shifted to min 0 and scaled to max 1, Haar
 *    transformed, shifted / scaled again → 8 numbers, followed by the 8 raw window values (16 in
 *    all; zeros until 8 steps exist);
 *  - the first tw steps are buffered; at step tw the vigilance is set from a DVFA run at 0.8 over
 *    the buffered feature vectors 8…tw, ordered by summed cosine-like similarity ascending (mean of
 *    that run's A from position ⌊tw/2⌋ on), then every buffered step is classified in order (steps
 *    1…7 without learning) and scores 0;
 *  - after that, each step is classified once; a step that makes a new category (nothing within
 *    rho_lb) is an anomaly unless masked (right after a category or an anomaly, then only when
 *    well below the last anomaly's similarity); its score is
 *    min(1, 0.35·ub + 0.65·lb + 1.5·(1 − Ae)), ub / lb = the similarity's distance below each
 *    vigilance relative to 1 − similarity, rounded to 6 digits. Rows between steps score 0;
 *  - the vigilances follow the data: every ⌊tw/2⌋ steps, and 12 steps after an anomaly, rho_ub =
 *    min(0.97, mean of every A so far) and rho_lb moves 19 % toward the lowest recent similarity, or
 *    down by half the mean recent shortfall below rho_ub (at least 0.005), not below the mean of the
 *    anomalies' similarities, never above rho_ub.
 *
 * Checked against NAB's published ARTime results (numenta/NAB results/ARTime at 5a98e4f / 7c58c75):
 * on the 28 NAB files we hold, at NAB's threshold 0.317486 this port flags exactly the same rows
 * per file (49 in windows, 72 outside; ARTime_standard_scores.csv TP / FP, file by file), our
 * scorer gives each file exactly NAB's published raw score (sum 14.0175), and the scores read from
 * the per-row result files (iio_us-east-1_i-a2eb1cd9_NetworkIn rows 202, 637; ec2_cpu_utilization_825cc2
 * row 694) are equal to 6 digits.
 *
 * Deviations, all at floating-point level unless said:
 *  - sums (means, |·|₁, norms, the similarity-matrix column sums) are plain left-to-right sums;
 *    Julia's are pairwise / SIMD-reassociated and its 2-norm is scaled. Where two column sums of the
 *    similarity matrix are equal in exact arithmetic (repeated feature windows, e.g. flat stretches)
 *    the last-bit difference can order them differently from Julia, which changes the order the
 *    vigilance-setting DVFA sees them in; the sort is stable by index as Julia's sortperm is.
 *  - files too short for ARTime (trend window under 8 steps, or ⌊tw/2⌋ past the end of the
 *    vigilance run: ≲ 85 rows) score 0 everywhere; Julia throws or makes NaN vigilances there.
 *    NAB's files are all far longer.
 *  - NAB writes its result files with float_format "%.3f" (base.py); scores here keep ARTime's own
 *    6-digit rounding.
 */
import type { Baseline } from './index';
import { fileRange } from './nab-inputs';
import { Dvfa, haarDwt } from './artime-dvfa';

export const WINDOW = 8;
const WINDOWS_PER_PB = 13;
const CHOMP = 0.075;
export const NLEVELS = 80;
const INITIAL_RHO = 0.8;
const MASK = Math.round(WINDOW * 1.5); // Julia: Int field assigned 12.0

/** Julia's round to nearest, ties to even (round(Int, x), RoundNearest). */
export function roundEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k] as number;
  return s / xs.length;
}

/** NaN-propagating minimum, as Julia's minimum. */
function minimum(xs: ArrayLike<number>): number {
  let m = Infinity;
  for (let k = 0; k < xs.length; k++) {
    const v = xs[k] as number;
    if (Number.isNaN(v)) return NaN;
    if (v < m) m = v;
  }
  return m;
}

function maximum(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let k = 0; k < xs.length; k++) {
    const v = xs[k] as number;
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

function norm2(xs: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += (xs[k] as number) ** 2;
  return Math.sqrt(s);
}

/** ARTime's "close to cosine" similarity of two feature vectors. */
export function similarity(t1: ArrayLike<number>, t2: ArrayLike<number>): number {
  const n1 = norm2(t1);
  const n2 = norm2(t2);
  if (n1 === 0) return 1 - n2;
  if (n2 === 0) return 1 - n1;
  let dot = 0;
  for (let k = 0; k < t1.length; k++) dot += (t1[k] as number) * (t2[k] as number);
  return dot / (n1 * n2);
}

/** The window (dw) of one step as ARTime's 16 features: normalised Haar coefficients, then the raw window. */
export function featuresOf(fWindow: Float64Array): Float64Array {
  const dw = Float64Array.from(fWindow);
  const dwMin = minimum(dw);
  for (let k = 0; k < dw.length; k++) dw[k] = (dw[k] as number) - dwMin;
  const dwMax = maximum(dw);
  if (dwMax !== 0) for (let k = 0; k < dw.length; k++) dw[k] = (dw[k] as number) / dwMax;
  const fw = haarDwt(dw);
  const fwMin = minimum(fw);
  for (let k = 0; k < fw.length; k++) fw[k] = (fw[k] as number) - fwMin;
  const fwMax = maximum(fw);
  if (fwMax !== 0) for (let k = 0; k < fw.length; k++) fw[k] = (fw[k] as number) / fwMax;
  const out = new Float64Array(2 * WINDOW);
  out.set(fw, 0);
  out.set(fWindow, WINDOW);
  return out;
}

/**
 * ARTime fed a row at a time (Julia's P plus ClassifyState), minus how a downsampled value is
 * normalised: `ARTime` below does it NAB's way (the file's min / max), artime-causal.ts from what
 * has been seen. The probationary length is given.
 */
export class ARTimeCore {
  readonly probation: number;
  readonly sstep: number;
  readonly trendWindow: number;
  /** false when the file is too short for ARTime to run at all (scores stay 0) */
  readonly runnable: boolean;
  art = new Dvfa(2 * WINDOW);

  private i = 1;
  /** downsampled steps made so far */
  private nDs = 0;
  /** Julia's dsi: the next step to classify, from 1 */
  protected dsi = 1;
  private lastAnomalyI = 0;
  private lastAnomalySim = 0;
  private lastRhoUpdateI = 0;
  private maskAfterCat = false;
  private noNewCatCount = 0;
  private readonly trendWindowF: Float64Array[] = [];
  private readonly anomalySimHistory: number[] = [];
  private readonly simDiffWindow: number[];
  private readonly simWindow: number[];
  private rhoUbMean = 0;
  private rhoUbN = 0;
  private readonly dsWindow: number[];
  private dsMovingAverage = 0;
  protected readonly medbin = new Int32Array(NLEVELS + 1);
  protected medlevel = 0;
  protected belowmed = 0;
  protected abovemed = 0;
  protected readonly fWindow = new Float64Array(WINDOW);

  /** probation: rows, made even */
  constructor(probation: number) {
    this.probation = probation - (probation % 2);
    this.sstep = Math.max(1, Math.floor(this.probation / (WINDOW * WINDOWS_PER_PB)));
    this.trendWindow = Math.floor(this.probation / this.sstep);
    const tw = this.trendWindow;
    this.runnable = tw >= WINDOW && Math.floor(tw / 2) <= tw - WINDOW + 1;
    this.simWindow = new Array<number>(Math.floor(tw / 2) + 1).fill(1);
    this.simDiffWindow = new Array<number>(tw + 1).fill(0);
    this.dsWindow = new Array<number>(this.sstep).fill(0);
  }

  /**
   * One row's value, into the downsampler; returns the raw (not normalised) value of the
   * downsampled step this row ends, or undefined when it ends none.
   */
  protected downsample(di: number): number | undefined {
    const i = this.i++;
    this.dsWindow.shift();
    this.dsWindow.push(di);
    if (i % this.sstep !== 0) return undefined;
    const dsMean = mean(this.dsWindow);
    const dsMax = maximum(this.dsWindow);
    const dsMin = minimum(this.dsWindow);
    if (this.nDs++ === 0) this.dsMovingAverage = dsMean;
    this.dsMovingAverage = (this.dsMovingAverage + dsMean) / 2;
    let ds = dsMax;
    // a spike below the mean
    if (Math.abs(dsMax - this.dsMovingAverage) < Math.abs(dsMin - this.dsMovingAverage)) ds = dsMin;
    if (Math.abs(ds - dsMean) < 0.1 * dsMean) ds = dsMean; // a spike must be at least 10 %
    return ds;
  }

  /** One downsampled step, normalised to [0, 1]: levels, median snap, features, classification. */
  protected step(normalised: number): number {
    const level = roundEven(normalised * NLEVELS);
    let ds = level / NLEVELS;
    this.levelize(level);
    const med = this.medlevel / NLEVELS;
    if (Math.abs(ds - med) < CHOMP) ds = med;
    this.fWindow.copyWithin(0, 1);
    this.fWindow[WINDOW - 1] = ds;
    const features = this.dsi >= WINDOW ? featuresOf(this.fWindow) : new Float64Array(2 * WINDOW);
    const anomaly = this.processFeatures(features, this.dsi);
    this.dsi++;
    return anomaly;
  }

  /** ARTime's approximate running median of the levels ("not strictly a running median"). */
  private levelize(level: number): void {
    const bin = this.medbin;
    bin[level] = (bin[level] as number) + 1;
    const medpos = Math.floor(this.dsi / 2);
    if (this.dsi === 1) this.medlevel = level;
    if (this.medlevel > level) this.belowmed++;
    else if (this.medlevel < level) this.abovemed++;
    if (medpos < this.abovemed) {
      this.belowmed += bin[this.medlevel] as number;
      this.medlevel++;
      while (bin[this.medlevel] === 0) this.medlevel++;
      this.abovemed -= bin[this.medlevel] as number;
    } else if (medpos < this.belowmed) {
      this.abovemed += bin[this.medlevel] as number;
      this.medlevel--;
      while (bin[this.medlevel] === 0) this.medlevel--;
      this.belowmed -= bin[this.medlevel] as number;
    }
    // why: Julia would throw a BoundsError here; the counts keep a filled bin on the side moved to
    if (this.medlevel < 0 || this.medlevel > NLEVELS) throw new Error(`ARTime median level ${this.medlevel} out of range`);
  }

  private processFeatures(f: Float64Array, i: number): number {
    const tw = this.trendWindow;
    if (i > tw) return this.detect(f, i);
    this.trendWindowF.push(f);
    if (i === tw && this.runnable) {
      // the probationary period in one batch: vigilance first, then every buffered step in order
      const rho = this.initRho(this.trendWindowF.slice(WINDOW - 1, tw));
      this.art.rhoLb = rho;
      this.art.rhoUb = rho;
      for (let fi = 1; fi <= tw; fi++) this.detect(this.trendWindowF[fi - 1] as Float64Array, fi);
    }
    return 0;
  }

  private detect(f: Float64Array, i: number): number {
    if (!this.runnable) return 0;
    const tw = this.trendWindow;
    const art = this.art;
    const updateRhoAfterAnomaly = i - this.lastAnomalyI === MASK;
    const updateRhoForTrend = i - this.lastRhoUpdateI >= Math.floor(tw / 2);
    const maskAfterAnomaly = i - this.lastAnomalyI <= MASK;
    if (i > tw + MASK && this.maskAfterCat && this.noNewCatCount >= MASK) this.maskAfterCat = false;
    // windows before the first full one are not learned, but still pass through the DVFA so its A / Ae stay one per step
    let cat: number;
    if (i < WINDOW) {
      art.train(f, false);
      cat = -1;
    } else cat = art.train(f);
    this.noNewCatCount = cat === -1 ? 0 : this.noNewCatCount + 1;
    if (art.a.length !== i) throw new Error(`ARTime: DVFA step ${art.a.length} for sample ${i}`);
    const a = art.a[i - 1] as number;
    const ae = art.ae[i - 1] as number;
    this.rhoUbN++;
    this.rhoUbMean += (a - this.rhoUbMean) / this.rhoUbN; // OnlineStats Mean: μ ← μ + (x − μ)/n
    this.simWindow.shift();
    this.simWindow.push(a);
    this.simDiffWindow.shift();
    this.simDiffWindow.push(art.rhoUb - a);
    const h = this.anomalySimHistory;
    // the smallest similarity during the masking window of each anomaly
    if (i - this.lastAnomalyI < MASK && h.length > 0 && a < (h[h.length - 1] as number)) h[h.length - 1] = a;
    const masking = this.maskAfterCat || maskAfterAnomaly;
    const belowLastScale = maskAfterAnomaly ? 0.9 : 0.7;
    const belowLast = a < this.lastAnomalySim * belowLastScale;
    const anomalyWithCat = cat === -1 && (!masking || belowLast);
    let anomaly = 0;
    if (i > tw && anomalyWithCat) {
      anomaly = this.confidence(a, ae);
      h.push(a);
      this.lastAnomalySim = a;
      this.lastAnomalyI = i;
    }
    this.maskAfterCat = cat === -1 || this.maskAfterCat;
    if (i > tw && (updateRhoAfterAnomaly || updateRhoForTrend)) {
      const minSim = minimum(this.simWindow);
      const newUb = Math.min(0.97, this.rhoUbMean);
      const prevLb = art.rhoLb;
      let newLb: number;
      if (prevLb <= minSim) newLb = prevLb + (minSim - prevLb) * 0.19;
      else {
        let decr = 0;
        if (i > tw * 2) {
          const below = this.simDiffWindow.filter((x) => x > 0.05).map((x) => Math.min(0.37, x));
          if (below.length > 0) decr = mean(below);
        }
        decr = Math.max(0.01, decr);
        newLb = prevLb - decr / 2;
        if (h.length > 0) newLb = Math.max(mean(h), newLb);
      }
      newLb = Math.min(newUb, newLb);
      art.rhoLb = newLb;
      art.rhoUb = newUb;
      this.lastRhoUpdateI = i;
      this.maskAfterCat = true;
    }
    return anomaly;
  }

  private confidence(featuresSim: number, energySim: number): number {
    const fs = Math.min(0.999, featuresSim);
    const ub = (1 - fs - (1 - this.art.rhoUb)) / (1 - fs);
    const lb = (1 - fs - (1 - this.art.rhoLb)) / (1 - fs);
    const s = Math.min(1, ub * 0.35 + lb * 0.65 + (1 - energySim) * 1.5);
    return roundEven(s * 1e6) / 1e6;
  }

  /** The starting vigilance: a DVFA at 0.8 over the probation's windows, least typical first. */
  private initRho(cols: Float64Array[]): number {
    const n = cols.length;
    const sim = Array.from({ length: n }, () => new Float64Array(n).fill(1));
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < r; c++) {
        const s = similarity(cols[r] as Float64Array, cols[c] as Float64Array);
        (sim[r] as Float64Array)[c] = s;
        (sim[c] as Float64Array)[r] = s;
      }
    }
    const simSum = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (sim[r] as Float64Array)[c] as number;
      simSum[c] = s;
    }
    const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => (simSum[p] as number) - (simSum[q] as number));
    const art = new Dvfa(2 * WINDOW);
    art.rhoLb = INITIAL_RHO;
    art.rhoUb = INITIAL_RHO;
    for (const k of order) art.train(cols[k] as Float64Array);
    return mean(art.a.slice(Math.floor(this.trendWindow / 2) - 1));
  }
}

/** One file's ARTime as NAB runs it: the file's value min / max and its length given up front. */
export class ARTime extends ARTimeCore {
  constructor(
    readonly dmin: number,
    readonly dmax: number,
    readonly dlength: number,
  ) {
    super(dlength < 5000 ? Math.floor(0.15 * dlength) : 750);
  }

  /** One row's value; returns its anomaly score (0 on rows that end no downsampled step). */
  processSample(di: number): number {
    let ds = this.downsample(di);
    if (ds === undefined) return 0;
    ds -= this.dmin;
    if (this.dmax - this.dmin !== 0) ds /= this.dmax - this.dmin;
    return this.step(ds);
  }
}

/** Every row's score, the file given as NAB gives it: its value min / max and its length up front. */
export const artime: Baseline = ({ values }) => {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const { lo, hi } = fileRange(values);
  const d = new ARTime(lo, hi, n);
  for (let k = 0; k < n; k++) out[k] = d.processSample(values[k] as number);
  return out;
};
