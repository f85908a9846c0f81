/**
 * NAB's KNN-CAD detector (Burnaev & Ishimtsev, "Conformalized density- and distance-based anomaly
 * detection in time-series data", arXiv:1608.04585), ported from numenta/NAB
 * nab/detectors/knncad/knncad_detector.py at 59d95e0 (the Python 2 version the published results
 * were made with; 82d8d37, its Python 3 port, has the same semantics). Inputs as NAB's runner hands
 * them (nab/detectors/base.py at a2be152, nab/util.py getProbationPeriod at a9853ca): the
 * probationary length P = min(⌊0.15·rows⌋, 750).
 *
 * Items are the last 19 values. The items of rows before P train; from row P on each item's
 * nonconformity is the sum of its Mahalanobis distances (Σ = (XᵀX)⁻¹ over the training items,
 * refitted when row % P is 0 or ⌊P/2⌋) to its 27 nearest training items, and its score is the
 * share of the last P − 19 nonconformities (the training items' own, nearest 28 counting
 * themselves, to begin with) strictly below it. From row 2P the oldest training item gives way to
 * the oldest scored item. A score ≥ 0.9965 holds the next ⌊P/5⌋ rows at 0.5.
 *
 * Deviations, all in rounding only: distances are Σₖ Dₖ·(Lᵀa − Lᵀb)ₖ² with LDLᵀ = (Σ + Σᵀ)/2 —
 * the same quadratic form as numpy's (a − b)ᵀΣ(a − b), about 20 times cheaper, and still exactly 0
 * between equal items; on a zero pivot the direct form is used. Where XᵀX is nearly singular
 * (a series of few shapes, e.g. noiseless periodic ones) numpy's Σ is rounding noise, and ours is
 * different noise. Sums and the inverse (LU with partial pivoting, "singular"
 * on an exact zero pivot as numpy's LinAlgError, which keeps the previous Σ) round in their own
 * order, so a nonconformity equal to another to the last bits may compare the other way. Files with
 * ≤ 28 training items (NAB's np.partition would raise) sum all they have.
 */
import { probationaryLength } from '../nab-score';
import type { Baseline } from './index';

const DIM = 19;
const K = 27;
const ALERT = 0.9965;
const ONES = new Float64Array(DIM).fill(1);

/** (G)⁻¹ of a DIM×DIM matrix by LU with partial pivoting, or null on an exact zero pivot. */
export function invert(g: Float64Array, d = DIM): Float64Array | null {
  const a = Float64Array.from(g);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]!) > Math.abs(a[p * d + c]!)) p = r;
    if (a[p * d + c] === 0) return null;
    if (p !== c) {
      for (let j = 0; j < d; j++) {
        let t = a[c * d + j]!;
        a[c * d + j] = a[p * d + j]!;
        a[p * d + j] = t;
        t = inv[c * d + j]!;
        inv[c * d + j] = inv[p * d + j]!;
        inv[p * d + j] = t;
      }
    }
    const piv = a[c * d + c]!;
    for (let r = c + 1; r < d; r++) {
      const f = a[r * d + c]! / piv;
      if (f === 0) continue;
      for (let j = c; j < d; j++) a[r * d + j]! -= f * a[c * d + j]!;
      for (let j = 0; j < d; j++) inv[r * d + j]! -= f * inv[c * d + j]!;
    }
  }
  for (let c = d - 1; c >= 0; c--) {
    const piv = a[c * d + c]!;
    for (let j = 0; j < d; j++) {
      let s = inv[c * d + j]!;
      for (let k = c + 1; k < d; k++) s -= a[c * d + k]! * inv[k * d + j]!;
      inv[c * d + j] = s / piv;
    }
  }
  return inv;
}

/**
 * (S + Sᵀ)/2 = L·diag(D)·Lᵀ, L unit lower (no pivoting; D may be negative: numpy's Σ of a nearly
 * singular XᵀX is indefinite noise, and so is ours), or null on a zero or non-finite pivot.
 */
export function ldl(s: Float64Array, d = DIM): { l: Float64Array; dg: Float64Array } | null {
  const l = new Float64Array(d * d);
  const dg = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let v = s[j * d + j]!;
    for (let k = 0; k < j; k++) v -= l[j * d + k]! * l[j * d + k]! * dg[k]!;
    if (v === 0 || !Number.isFinite(v)) return null;
    dg[j] = v;
    l[j * d + j] = 1;
    for (let i = j + 1; i < d; i++) {
      let w = (s[i * d + j]! + s[j * d + i]!) / 2;
      for (let k = 0; k < j; k++) w -= l[i * d + k]! * l[j * d + k]! * dg[k]!;
      l[i * d + j] = w / v;
    }
  }
  return { l, dg };
}

/** Sum of the k smallest of a[0..n) (np.sum(np.partition(a, k)[:k])); a is reordered. */
export function sumSmallest(a: Float64Array, n: number, k: number): number {
  if (k >= n) k = n;
  // quickselect: afterwards a[0..k) holds the k smallest
  let lo = 0;
  let hi = n - 1;
  while (lo < hi && k < n) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  // why: summed in ascending order, so equal sets of distances give equal sums
  const head = a.subarray(0, k).sort();
  let s = 0;
  for (let i = 0; i < k; i++) s += head[i]!;
  return s;
}

export const knncad: Baseline = ({ values }) => score(values);

function score(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const P = probationaryLength(n);
  const m = P - DIM; // training items: those ending at rows DIM − 1 … P − 2
  if (m < 1) return out;
  const v = Float64Array.from(values as ArrayLike<number>);
  // the item ending at row e is v[e − DIM + 1 … e]
  const item = (e: number) => v.subarray(e - DIM + 1, e + 1);

  let sigma: Float64Array | null = null; // null: NAB's starting identity
  let fac: { l: Float64Array; dg: Float64Array } | null = null; // LDLᵀ of sigma, null: use sigma directly
  let version = 0;
  const y = new Float64Array(n * DIM); // Lᵀ·item, per item end, valid when yVersion matches
  const yVersion = new Int32Array(n).fill(-1);
  const transform = (e: number): void => {
    if (yVersion[e] === version) return;
    const x = e - DIM + 1;
    const o = e * DIM;
    if (!sigma) for (let j = 0; j < DIM; j++) y[o + j] = v[x + j]!;
    else {
      const l = fac!.l;
      for (let j = 0; j < DIM; j++) {
        let s = 0;
        for (let i = j; i < DIM; i++) s += l[i * DIM + j]! * v[x + i]!;
        y[o + j] = s;
      }
    }
    yVersion[e] = version;
  };
  const tmp = new Float64Array(DIM);
  // numpy's (a − b)ᵀΣ(a − b), for when Σ has no Cholesky factor
  const direct = (a: number, b: number, s: Float64Array): number => {
    const xa = a - DIM + 1;
    const xb = b - DIM + 1;
    for (let i = 0; i < DIM; i++) tmp[i] = v[xa + i]! - v[xb + i]!;
    let q = 0;
    for (let j = 0; j < DIM; j++) {
      let w = 0;
      for (let i = 0; i < DIM; i++) w += tmp[i]! * s[i * DIM + j]!;
      q += w * tmp[j]!;
    }
    return q;
  };

  let tStart = DIM - 1; // training items end at rows tStart … tStart + m − 1
  const d = new Float64Array(m);
  // nonconformity of the item ending at e: its k nearest training items (k + 1 if it is one of them)
  const ncm = (e: number, k: number): number => {
    if (sigma && !fac) for (let j = 0; j < m; j++) d[j] = direct(tStart + j, e, sigma);
    else {
      transform(e);
      const oe = e * DIM;
      const w = fac ? fac.dg : ONES;
      for (let j = 0; j < m; j++) {
        transform(tStart + j);
        const oj = (tStart + j) * DIM;
        let q = 0;
        for (let i = 0; i < DIM; i++) {
          const t = y[oj + i]! - y[oe + i]!;
          q += w[i]! * t * t;
        }
        d[j] = q;
      }
    }
    return sumSmallest(d, m, k);
  };

  const scores = new Float64Array(m); // ring: the last m nonconformities, oldest at `head`
  let head = 0;
  let scored = false;
  let hold = -1; // NAB's pred
  const g = new Float64Array(DIM * DIM);
  for (let i = DIM - 1; i < n; i++) {
    const r = i + 1; // NAB's record_count
    if (r < P) continue; // a training item; scores 0
    const ost = r % P;
    if (ost === 0 || ost === Math.trunc(P / 2)) {
      g.fill(0);
      for (let e = tStart; e < tStart + m; e++) {
        const x = item(e);
        for (let a = 0; a < DIM; a++) for (let b = 0; b < DIM; b++) g[a * DIM + b]! += x[a]! * x[b]!;
      }
      const inv = invert(g);
      if (inv) {
        sigma = inv;
        fac = ldl(inv);
        version++;
      }
    }
    if (!scored) {
      for (let j = 0; j < m; j++) scores[j] = ncm(tStart + j, K + 1);
      scored = true;
    }
    const s = ncm(i, K);
    let below = 0;
    for (let j = 0; j < m; j++) if (scores[j]! < s) below++;
    const result = below / m;
    if (r >= 2 * P) tStart++;
    scores[head] = s;
    head = (head + 1) % m;
    if (hold > 0) {
      hold--;
      out[i] = 0.5;
    } else {
      if (result >= ALERT) hold = Math.trunc(P / 5);
      out[i] = result;
    }
  }
  return out;
}
