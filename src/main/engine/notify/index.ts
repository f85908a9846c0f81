// The notify policy's public face.
export { decide, initialPolicyState } from './policy';
export { createPolicyStore, type PolicyStore } from './policy-store';
export { createLogSink, fanOut, formatNotificationLine, type NotificationSink } from './sinks';
export { isQuiet, tzOffsetMinutes } from './quiet-hours';
export { routeFor } from './messages';
export { DEFAULT_TUNING, RATE_WINDOW_MS } from './policy-types';
export type { Decision, PolicyInput, PolicyState, PolicyTransition, PolicyTuning, TraceEntry } from './policy-types';
