/**
 * Holt's linear smoothing (level + trend) as a one-step predictor, with a robust scale of its
 * prediction errors (EW mean absolute error, outliers capped so they cannot widen it). With `huber`
 * the level learns from the error clipped to ±huber σ (Huber's ψ, as in Gelper, Fried & Croux's
 * robust Holt-Winters, k = 2), so a spike no longer drags the baseline and the ordinary samples
 * after it do not read as a drop; a lasting shift is still followed, by ≈ huber σ · 2/(span + 1)
 * a sample. So that a lasting step is still one event, `shiftAfter` consecutive errors clipped on
 * the same side move the level to the observation (the step is accepted): without it, after a step
 * of many σ the clipped level crawls, the error stays past the clip for dozens of samples and the
 * capped scale inflates ~3 % a sample meanwhile, so one step filled the ensemble's rarity history
 * with dozens of extreme deviations (a 22 MB write on a quiet fs_avail gave 49 samples past 50σ,
 * and a disk fill later read as ordinary: issue 18, recording session 4).
 */
export class Holt {
  level = 0;
  trend = 0;
  /** EW mean |prediction error|; ×1.2533 ≈ σ for Gaussian noise */
  mae = 0;
  n = 0;
  /** consecutive clipped errors, counted up above the forecast and down below it */
  private run = 0;
  private readonly a: number;
  private readonly b: number;
  private readonly m: number;

  /**
   * span: samples of the level's EWMA; trendSpan: of the trend's; scaleSpan: of the error scale;
   * huber: σ at which the error the level learns from is clipped (Infinity: not clipped);
   * shiftAfter: clipped errors in a row on one side after which the level takes the observation.
   */
  constructor(
    span: number,
    trendSpan: number,
    scaleSpan: number,
    private readonly huber = Infinity,
    private readonly shiftAfter = Infinity,
  ) {
    this.a = 2 / (span + 1);
    this.b = 2 / (trendSpan + 1);
    this.m = 2 / (scaleSpan + 1);
  }

  /** σ estimate of the prediction error, floored so a flat line does not divide by zero. */
  scale(): number {
    const l = this.level < 0 ? -this.level : this.level;
    return this.mae * 1.2533 + 1e-9 * l + 1e-12;
  }

  /** Learns v; returns its prediction error (v − forecast), 0 for the first sample. */
  step(v: number): number {
    if (this.n === 0) {
      this.level = v;
      this.n = 1;
      return 0;
    }
    const forecast = this.level + this.trend;
    const e = v - forecast;
    const ae = e < 0 ? -e : e;
    const cap = 6 * this.scale();
    // why: until the scale has seen enough samples, average plainly so it starts from the data
    const m = this.n < 1 / this.m ? 1 / this.n : this.m;
    this.mae += m * ((this.n > 30 && ae > cap ? cap : ae) - this.mae);
    const prev = this.level;
    // why: cap is 6σ; clipped like the scale, only once the scale has seen enough samples
    const k = (this.huber * cap) / 6;
    const clipped = this.n > 30 && ae > k;
    this.run = !clipped ? 0 : e < 0 ? (this.run < 0 ? this.run - 1 : -1) : this.run > 0 ? this.run + 1 : 1;
    const accepted = this.run >= this.shiftAfter || -this.run >= this.shiftAfter;
    if (accepted) this.run = 0;
    this.level = accepted ? v : forecast + this.a * (clipped ? (e < 0 ? -k : k) : e);
    // why: a step is not a slope; the jump the level just made must not teach the trend one
    if (!accepted) this.trend += this.b * (this.level - prev - this.trend);
    this.n++;
    return e;
  }
}
