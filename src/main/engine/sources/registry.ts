// Source kinds → factories. Adding an upstream is one module plus one line here; nothing switches on kind.
import type { Board, SourceKind } from '../../../shared/config-schema';
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

/** Every source the board configures, in the order of the kinds above. */
export function createSources(board: Board): Source[] {
  return (Object.keys(SOURCE_FACTORIES) as SourceKind[]).flatMap((kind) => SOURCE_FACTORIES[kind](board));
}
