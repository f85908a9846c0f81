// The incident model's public face.
export { createIncidentTracker, type TrackerOptions } from './tracker';
export { matchersFor, createSilence, expireSilence, type Matcher, type SilenceSpec } from './alertmanager-silences';
export { ANOMALY_WARNING_SCORE } from './candidates';
export { thresholdObservations } from './threshold-observations';
export type { SilenceClient } from './silence-actions';
export type {
  ActionResult,
  AnomalyObservation,
  IncidentTracker,
  IncidentTransition,
  ListOptions,
  ObserveInput,
  ThresholdObservation,
  TransitionTo,
  WallFault,
} from './types';
