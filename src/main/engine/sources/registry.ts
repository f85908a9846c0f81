// Source kinds → pollers. What each kind is lives in src/shared/source-kinds.ts; its poller in
// sources/<kind>/, registered with one line here (a kind without one is a compile error).
import type { Board } from '../../../shared/config-schema';
import { SOURCE_KIND_NAMES, type SourceKind } from '../../../shared/source-kinds';
import type { Source, SourceFactory } from './source';
import { createPrometheusSources } from './prometheus';
import { createAlertmanagerSources } from './alertmanager';
import { createPrometheusAlertsSources } from './prometheus-alerts';
import { createHealthSources } from './health';
import { createDemoSources } from './demo';

/** One factory per kind the board file may list; `satisfies` makes a missing kind a type error. */
export const SOURCE_FACTORIES = {
  prometheus: createPrometheusSources,
  alertmanager: createAlertmanagerSources,
  'prometheus-alerts': createPrometheusAlertsSources,
  health: createHealthSources,
  demo: createDemoSources,
} satisfies Record<SourceKind, SourceFactory>;

/** Every source the board configures, in the order of source-kinds.ts. */
export function createSources(board: Board): Source[] {
  return SOURCE_KIND_NAMES.flatMap((kind) => SOURCE_FACTORIES[kind](board));
}
