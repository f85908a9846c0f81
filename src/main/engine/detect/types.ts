/** Every detection method, by the name a board or `wallboard detect --method` gives it. */
export const METHOD_NAMES = ['auto', 'zscore', 'seasonal', 'changepoint'] as const;
export type DetectMethod = (typeof METHOD_NAMES)[number];
export type Sensitivity = 'low' | 'medium' | 'high';

export interface DetectorSettings {
  method: DetectMethod;
  sensitivity: Sensitivity;
}

export interface DetectResult {
  /** 0 = ordinary, 1 = as surprising as this detector can say. */
  score: number;
  flagged: boolean;
  /** Only on flagged samples: "4.1σ above its 1 h baseline". */
  explanation?: string;
}

/** One series' streaming detector: O(1) time and memory per sample. */
export interface Detector {
  readonly method: DetectMethod;
  /** t: unix ms, in order. A NaN/±Inf value scores 0 and leaves the state untouched. */
  update(t: number, v: number): DetectResult;
}

/**
 * A model inside a detector: sees every finite sample and says how far it is from what the model
 * expected, in robust standard deviations (signed; 0 while it is still learning).
 */
export interface Component {
  /**
   * Where the prior tail of |observe()| starts (see RarityParams.prior): the rarity floor for one
   * sample's deviation in robust σ; Infinity (no prior) for an accumulated statistic such as a
   * CUSUM sum.
   */
  readonly tailFrom: number;
  /**
   * Whether the rarity of observe() reads its two signs apart (Rarity's `sided`): true where a
   * deviation below is not the echo of one above, so drops are judged against past drops.
   */
  readonly sided: boolean;
  observe(t: number, v: number): number;
  /** Why the last observed sample deviates, for a person. Only called on flagged samples. */
  explain(z: number, v: number, stepMs: number): string;
}
