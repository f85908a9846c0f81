/**
 * Local anomaly detection and forecasting. The engine keeps one Detector per series and feeds it
 * every new sample; at start it replays the buffered samples through `update` to rebuild state.
 */
import { ChangePointModel } from './changepoint';
import { ScoredDetector, type ScoringParams } from './scored';
import { SeasonalModel } from './seasonal';
import type { Component, Detector, DetectMethod, DetectorSettings } from './types';
import { ZScoreModel } from './zscore';

export type { Detector, DetectMethod, DetectorSettings, DetectResult, Sensitivity } from './types';
export { forecastTimeToThreshold, type Forecast, type ForecastOptions } from './forecast';
export { formatDuration } from './format';

/** The one parameter set (chosen on the tuning half of NAB; see test/bench/nab-eval.ts). */
export const DEFAULT_PARAMS: ScoringParams = {
  rarity: { horizon: 4000, floor: 2, beyond: 0.25, warmup: 100 },
  burstSpan: 6,
  echoSpan: 288,
  echoDamp: 0.7,
  flagAt: 3.7,
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

export function createDetector(settings: DetectorSettings, params: ScoringParams = DEFAULT_PARAMS): Detector {
  return new ScoredDetector(settings.method, components(settings.method), settings.sensitivity, params);
}
