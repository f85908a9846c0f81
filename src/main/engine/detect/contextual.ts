import type { Detector, DetectMethod, DetectResult, Sensitivity } from './types';
import type { ScoredDetector } from './scored';
import { ContextModel } from './context';
import { formatNumber } from './format';
import { Likelihood, type LikelihoodParams } from './likelihood';

/** One parameter set for every series (chosen on the tuning half of NAB; see nab-eval.ts). */
export interface ContextualParams {
  /** The discretizations, each a separate context memory; their novelties are averaged. */
  grids: readonly { levels: number; offset: number }[];
  /** longest context, in samples */
  orders: number;
  /**
   * samples that set the grids before anything is learned; with `range` given, samples in which
   * the contexts learn while their novelty is kept out of the likelihood (HTM's learning period)
   */
  warmup: number;
  /** the series' whole range, for diagnosis only (ContextParams.range): absent in the product */
  range?: { lo: number; hi: number };
  /** log2 of each context memory's slots */
  tableBits: number;
  likelihood: LikelihoodParams;
  /** weight of the component ensemble's score (at medium sensitivity) in the raw anomaly; the rest is contextual novelty */
  blend: number;
  /**
   * factor on the ensemble's own score when it is louder than the contextual one (0 = never):
   * a single wild value moves a 5-sample likelihood little, but the ensemble sees it at once
   */
  ensembleMax: number;
  /** surprisal (log10 of 1/probability) at which a sample is flagged at medium sensitivity */
  flagAt: number;
  /** samples after a flag whose scores are withheld: one episode, one detection */
  rest: number;
  /** the models of the component ensemble */
  parts: readonly Exclude<DetectMethod, 'auto'>[];
  /** the ensemble's burst span (samples; ≤ 1 = instant deviations only, see ScoringParams) */
  burstSpan: number;
  /** whether the ensemble's own score is reported while the context grids are still warming up */
  early: boolean;
  /** the ensemble's prior tail weight, in samples (see RarityParams.prior) */
  prior: number;
}

/** log10 units added to the surprisal: high flags at 10× the probability of medium, low at 1/10. */
const SENSITIVITY_SHIFT: Record<Sensitivity, number> = { low: -1, medium: 0, high: 1 };

const NOTHING: DetectResult = Object.freeze({ score: 0, flagged: false });

/**
 * The default detector. Raw anomaly = how much of the current value the learned contexts failed to
 * predict (CAD-style, averaged over a few discretizations so no single bin edge decides), mixed
 * (`blend`) with the component ensemble's score (z-score, daily profile, change-point) so a value
 * wrong for the time of day counts too; the mix is turned into one likelihood against the series'
 * own history of it. The ensemble's own score also wins when it is louder (`ensembleMax`), so a
 * single wild value peaks where it happens. After a detection the next `rest` samples are withheld.
 */
export class ContextualDetector implements Detector {
  readonly method = 'auto' as const;
  private readonly models: ContextModel[];
  private readonly likelihood: Likelihood;
  private readonly shift: number;
  private n = 0;
  /** samples since the last flag (large = none recently) */
  private since = Infinity;
  private prev = NaN;

  constructor(
    private readonly ensemble: ScoredDetector | undefined,
    sensitivity: Sensitivity,
    private readonly p: ContextualParams,
  ) {
    const range = p.range ? { range: p.range } : {};
    this.models = p.grids.map((g) => new ContextModel({ levels: g.levels, offset: g.offset, orders: p.orders, warmup: p.warmup, tableBits: p.tableBits, ...range }));
    this.likelihood = new Likelihood(p.likelihood);
    this.shift = SENSITIVITY_SHIFT[sensitivity];
  }

  update(t: number, v: number): DetectResult {
    if (!Number.isFinite(v) || !Number.isFinite(t)) return NOTHING;
    const inner = this.ensemble ? this.ensemble.step(t, v) : 0;
    let novelty = 0;
    let fresh = false;
    const models = this.models;
    for (let i = 0; i < models.length; i++) {
      const m = models[i] as ContextModel;
      novelty += m.observe(v);
      fresh ||= m.lastNew;
    }
    novelty /= models.length;
    const prev = this.prev;
    this.prev = v;
    this.n++;
    this.since++;
    // why: until the grids are set the novelty says nothing; keeping it out of the likelihood's
    // history stops the first learned samples from looking like an anomaly
    if (this.n <= this.p.warmup) return this.p.early ? this.rested(inner * this.p.ensembleMax, v) : NOTHING;
    const b = this.p.blend;
    // why: the raw anomaly is the same at every sensitivity; the knob shifts the surprisal once
    const raw = this.ensemble ? (1 - b) * novelty + b * this.ensemble.neutral : novelty;
    const s = this.likelihood.update(raw) + this.shift;
    const own = s > 0 ? s / (s + this.p.flagAt) : 0;
    // why: the ensemble already applied the sensitivity to its own score
    const loud = inner * this.p.ensembleMax;
    const score = own > loud ? own : loud;
    if (!this.pass(score)) return NOTHING;
    const flagged = score >= 0.5;
    if (!flagged) return { score, flagged: false };
    // why: say it in the words of the component model when the ensemble flags on its own or
    // carried most of the raw anomaly ("4.1σ above its 1 h baseline" beats "unusual pattern")
    const ens = this.ensemble;
    const byEnsemble = ens !== undefined && (inner >= 0.5 || this.p.blend * ens.neutral > (1 - this.p.blend) * novelty);
    const explanation =
      byEnsemble && ens
        ? ens.explainLast(v)
        : fresh
          ? `${formatNumber(v)} is outside every level seen before`
          : `unusual pattern: ${formatNumber(v)} after ${formatNumber(prev)} has rarely followed values like these`;
    return { score, flagged: true, explanation };
  }

  /** Whether a score is reported: after a flag (≥ 0.5) all is withheld for `rest` samples. */
  private pass(score: number): boolean {
    if (score <= 0) return false;
    const withheld = this.since <= this.p.rest;
    // why: the rest counts from the reported flag; a flag it withheld does not extend it, or a
    // busy stretch just before an incident would keep the incident itself silent (NAB held-out
    // failure analysis, nab-failures.ts: a window lost to a rest re-armed by its own lead-in)
    if (score >= 0.5 && !withheld) this.since = 0;
    return !withheld;
  }

  /** The ensemble's score alone (contexts still warming up), under the same rest after a flag. */
  private rested(score: number, v: number): DetectResult {
    if (!this.pass(score)) return NOTHING;
    const flagged = score >= 0.5;
    if (!flagged || !this.ensemble) return { score, flagged: false };
    return { score, flagged: true, explanation: this.ensemble.explainLast(v) };
  }
}
