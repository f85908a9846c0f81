/**
 * Local anomaly detection and forecasting. The engine keeps one Detector per series and feeds it
 * every new sample; at start it replays the buffered samples through `update` to rebuild state.
 */
import { ChangePointModel } from './changepoint';
import { ContextualDetector, type ContextualParams } from './contextual';
import { ScoredDetector, type ScoringParams } from './scored';
import { SeasonalModel } from './seasonal';
import type { Component, Detector, DetectMethod, DetectorSettings } from './types';
import { ZScoreModel } from './zscore';

export type { Detector, DetectMethod, DetectorSettings, DetectResult, Sensitivity } from './types';
export { forecastTimeToThreshold, type Forecast, type ForecastOptions } from './forecast';
export { formatDuration } from './format';

/** Scoring of the single-model detectors, plus the default (`auto`) contextual detector's. */
export interface DetectorParams extends ScoringParams {
  contextual: ContextualParams;
}

/** The one parameter set (chosen on the tuning half of NAB; see test/bench/nab-eval.ts). */
export const DEFAULT_PARAMS: DetectorParams = {
  rarity: { horizon: 4000, floor: 2, beyond: 0.25, warmup: 100 },
  burstSpan: 6,
  echoSpan: 288,
  echoDamp: 0.7,
  flagAt: 3.7,
  contextual: {
    grids: [
      { levels: 6, offset: 0 },
      { levels: 6, offset: 1 / 3 },
      { levels: 6, offset: 2 / 3 },
    ],
    orders: 3,
    warmup: 600,
    tableBits: 12,
    likelihood: { short: 5, long: 2000, warmup: 150 },
    blend: 0.25,
    ensembleMax: 1,
    flagAt: 5,
    rest: 100,
  },
};

function components(method: DetectMethod): Component[] {
  switch (method) {
    case 'zscore':
      return [new ZScoreModel()];
    case 'seasonal':
      return [new SeasonalModel()];
    case 'changepoint':
      return [new ChangePointModel()];
    case 'auto':
      return [new ZScoreModel(), new SeasonalModel(), new ChangePointModel()];
  }
}

/**
 * `auto` is the contextual detector over the component ensemble; the others are one model each,
 * scored against the series' own history.
 */
export function createDetector(settings: DetectorSettings, params: DetectorParams = DEFAULT_PARAMS): Detector {
  if (settings.method === 'auto') {
    const c = params.contextual;
    const ensemble = c.blend > 0 || c.ensembleMax > 0 ? new ScoredDetector('auto', components('auto'), settings.sensitivity, params) : undefined;
    return new ContextualDetector(ensemble, settings.sensitivity, c);
  }
  return new ScoredDetector(settings.method, components(settings.method), settings.sensitivity, params);
}
