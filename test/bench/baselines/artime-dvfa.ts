/**
 * The two numeric pieces of ARTime (artime.ts) that stand on their own: the dual-vigilance fuzzy
 * ART (DVFA) it classifies with, and the Haar wavelet transform of its feature windows. Our own
 * TypeScript of the published algorithm, not a copy of its code.
 *
 * DVFA: markNZed/ARTimeNAB.jl src/AdaptiveResonanceCompact.jl at 6324d1ebc0155e0cd961ec5cb0bca6a8834812e3
 * (itself cut down from AP6YC/AdaptiveResonance.jl). What it does, per sample x in [0, 1]^d:
 *  - complement code: s = [x, 1 − x] (2d long);
 *  - for every category j with weights W_j: em = min(s, W_j) elementwise; feature similarity
 *    |em|₁ / |W_j|₁ (|W_j|₁ = 0 → 0.001); energy similarity from the last original feature and its
 *    complement only, (em[d] + em[2d]) / (W_j[d] + W_j[2d]) (1-based); match M_j = feature³ · energy²;
 *  - categories visited by M descending (Julia's stable sortperm(rev=true): ties by index, NaN first).
 *    A = the largest M (0 if none is above 0), Ae = the energy similarity of that category;
 *  - learning: every category visited with M ≥ rho_ub learns by fast commit, W_j = min(s, W_j), and
 *    the visit goes on; the first below rho_ub stops it: if nothing resonated and it is ≥ rho_lb the
 *    sample becomes a new category with that category's label; otherwise, if nothing resonated, the
 *    sample becomes a new category (a new cluster) and the label returned is −1 (ARTime's "new
 *    category": the anomaly candidate);
 *  - the very first call only creates category 1 with all-ones weights, records A = Ae = 0 and
 *    learns nothing from its sample (Julia's "skip the first training entry");
 *  - learning = false still computes A / Ae (and records them), changes nothing, returns −1.
 * Julia's batch train! on a matrix is these single-sample calls column by column (same skip of the
 * first), so only the single-sample form is written here.
 *
 * Haar DWT: JuliaDSP/Wavelets.jl `dwt(x, wavelet(WT.haar))`, src/Transforms/transforms_filter.jl
 * (filtdown!, _dwt!) at 04564929e5c349e6c0fb640a7c33f71a0c2ca72b, filters from src/WT/WT.jl
 * (makereverseqmfpair: scaling filter reverse(h), detail filter mirror(h) = [h1, −h2]) and
 * src/Util/util_main.jl (mirror) at 066c43553ca9968fd68d8b389c62d6932b7341f9, periodic boundary, all
 * log2(n) levels. Worked through filtdown!'s indices, each level maps pairs (a, b) to scaling
 * (a + b)/√2 and detail (b − a)/√2 (second minus first, the opposite sign of PyWavelets), and the
 * output is [s_L, d_L, d_{L−1}…, d_1], coarsest first. Checked against the package's own test data
 * (test/data/filter1d_data.txt → filter1d_Haar0.txt at 88371270b1bda1d8c222da43a32230ed355a3df4: the
 * last detail, (x64 − x63)/√2 = 1.02158, and the first level-1 detail, (x2 − x1)/√2 = −0.84045,
 * match). Deviation: 1/√2 is Math.SQRT1_2, Julia's is 0.7071067811865475 divided by its 2-norm (a
 * last-bit difference at most).
 */

/** Full multi-level orthonormal Haar transform of a vector whose length is a power of two. */
export function haarDwt(x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(x);
  const tmp = new Float64Array(out.length);
  const c = Math.SQRT1_2;
  for (let n = out.length; n >= 2; n >>= 1) {
    const h = n >> 1;
    for (let k = 0; k < h; k++) {
      const a = out[2 * k] as number;
      const b = out[2 * k + 1] as number;
      tmp[k] = c * a + c * b; // scaling
      tmp[h + k] = -c * a + c * b; // detail: second minus first
    }
    out.set(tmp.subarray(0, n));
  }
  return out;
}

/** Julia's isless order reversed (sortperm(M, rev=true)), stable: NaN first, then largest, ties by index. */
function descendingOrder(m: Float64Array): number[] {
  const idx = Array.from({ length: m.length }, (_, k) => k);
  return idx.sort((p, q) => {
    const a = m[p] as number;
    const b = m[q] as number;
    const an = Number.isNaN(a);
    const bn = Number.isNaN(b);
    if (an || bn) return an === bn ? 0 : an ? -1 : 1;
    return a === b ? 0 : a > b ? -1 : 1;
  });
}

export class Dvfa {
  rhoLb = 0;
  rhoUb = 0;
  /** category weights, complement coded (2·dim each) */
  readonly w: Float64Array[] = [];
  readonly labels: number[] = [];
  nClusters = 0;
  /** per training call, in order: the best match M, and that category's energy similarity */
  readonly a: number[] = [];
  readonly ae: number[] = [];
  /** per category, min(sample, W) of the latest sample (Julia's Wx: reused by fast commit) */
  private readonly wx: Float64Array[] = [];
  private readonly sample: Float64Array;

  constructor(readonly dim: number) {
    this.sample = new Float64Array(2 * dim);
  }

  get nCategories(): number {
    return this.w.length;
  }

  private addCategory(weights: Float64Array, label: number): void {
    this.w.push(weights);
    this.wx.push(new Float64Array(2 * this.dim));
    this.labels.push(label);
  }

  /** One sample (dim features in [0, 1]); returns its label, −1 when no category was within rho_lb. */
  train(x: ArrayLike<number>, learning = true): number {
    const d = this.dim;
    const s = this.sample;
    for (let k = 0; k < d; k++) {
      const v = x[k] as number;
      s[k] = v;
      s[d + k] = 1 - v;
    }
    if (this.w.length === 0) {
      this.addCategory(new Float64Array(2 * d).fill(1), 1);
      this.nClusters = 1;
      this.a.push(0);
      this.ae.push(0);
      return 1;
    }
    const n = this.w.length;
    const m = new Float64Array(n);
    const me = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const w = this.w[j] as Float64Array;
      const em = this.wx[j] as Float64Array;
      let num = 0;
      let nw = 0;
      for (let k = 0; k < 2 * d; k++) {
        const sk = s[k] as number;
        const wk = w[k] as number;
        const e = sk < wk ? sk : wk;
        em[k] = e;
        num += Math.abs(e);
        nw += Math.abs(wk);
      }
      if (nw === 0) nw = 0.001;
      const feature = num / nw;
      const energy = (Math.abs(em[d - 1] as number) + Math.abs(em[2 * d - 1] as number)) / (Math.abs(w[d - 1] as number) + Math.abs(w[2 * d - 1] as number));
      m[j] = feature ** 3 * energy ** 2;
      me[j] = energy;
    }
    let maxBmu = 0;
    let maxBmue = 0;
    let mismatch = true;
    let label = -1;
    for (const bmu of descendingOrder(m)) {
      const mb = m[bmu] as number;
      if (mb > maxBmu) {
        maxBmu = mb;
        maxBmue = me[bmu] as number;
      }
      if (!learning) continue;
      if (mb >= this.rhoUb) {
        (this.w[bmu] as Float64Array).set(this.wx[bmu] as Float64Array); // fast commit
        if (mb >= maxBmu) label = this.labels[bmu] as number;
        mismatch = false;
      } else if (mb >= this.rhoLb && mismatch) {
        if (mb >= maxBmu) label = this.labels[bmu] as number;
        this.addCategory(Float64Array.from(s), label);
        mismatch = false;
        break;
      } else break;
    }
    this.a.push(maxBmu);
    this.ae.push(maxBmue);
    if (mismatch && learning) {
      label = -1;
      this.addCategory(Float64Array.from(s), this.nClusters + 1);
      this.nClusters++;
    }
    return label;
  }
}
