// What each source kind is: one descriptor per kind, read by every place that asks "what does this
// source give?" (board checks, the board view, incidents, panel states in engine and renderer).
// Zod-free so the renderer can import it; the board-file schema of each kind is in
// source-schemas.ts (SOURCE_SCHEMAS) and its poller in src/main/engine/sources/<kind>/, both held
// to this table by the compiler.
//
// To add a source kind: one entry here, its schema in SOURCE_SCHEMAS (source-schemas.ts), its folder
// src/main/engine/sources/<kind>/ and one line in sources/registry.ts. A missing one is a compile error.

export interface SourceKindInfo {
  /** How the wall names it: "Prometheus prom unreachable". */
  name: string;
  /** Answers panel queries (a panel's `source:`). */
  metrics: boolean;
  /** Reports alerts (alert lists, alert incidents). */
  alerts: boolean;
  /**
   * Health checks: 'self' when the source is one health target (its id is the target id),
   * 'simulated' when it reports targets of its own that the board does not list, 'none' otherwise.
   */
  health: 'self' | 'simulated' | 'none';
  /**
   * Down or stale means the wall is blind: a pipeline incident. Not for health checks, whose
   * failure is the service's own health incident.
   */
  pipeline: boolean;
}

export const SOURCE_KINDS = {
  prometheus: { name: 'Prometheus', metrics: true, alerts: false, health: 'none', pipeline: true },
  alertmanager: { name: 'Alertmanager', metrics: false, alerts: true, health: 'none', pipeline: true },
  'prometheus-alerts': { name: 'Prometheus alerts', metrics: false, alerts: true, health: 'none', pipeline: true },
  health: { name: 'Health checks', metrics: false, alerts: false, health: 'self', pipeline: false },
  demo: { name: 'Demo source', metrics: true, alerts: true, health: 'simulated', pipeline: true },
} as const satisfies Record<string, SourceKindInfo>;

export type SourceKind = keyof typeof SOURCE_KINDS;

/** Every kind, in the order the board file lists them. */
export const SOURCE_KIND_NAMES = Object.keys(SOURCE_KINDS) as SourceKind[];

export function sourceKind(kind: SourceKind): SourceKindInfo {
  return SOURCE_KINDS[kind];
}
