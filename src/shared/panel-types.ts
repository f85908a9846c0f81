// What each panel type is: one descriptor per type, read by every place that asks "what does this
// panel show?" (board checks, reads, detection, panel states, the renderer's reads and grid). Zod-free so
// the renderer can import it.
//
// To add a panel type: one entry here, its folder src/renderer/panels/<type>/ and one line in
// src/renderer/panels/registry.ts (a missing one is a compile error).
import type { Panel } from './config-schema';

export interface PanelTypeInfo {
  /** How a person calls it. */
  name: string;
  /**
   * What it shows: 'query' series from its queries (needs a query and a metric source; read with
   * `query`, scored by detection); 'health' the health results of its targets; 'alerts' the alerts
   * of the alert sources; 'none' nothing from a source (text).
   */
  data: 'query' | 'health' | 'alerts' | 'none';
  /** Size on the 24-column grid when the board file gives none: small for numbers, wide for charts and lists. */
  size: { w: number; h: number };
}

export const PANEL_TYPE_INFO = {
  stat: { name: 'Stat', data: 'query', size: { w: 4, h: 4 } },
  timeseries: { name: 'Time series', data: 'query', size: { w: 12, h: 8 } },
  gauge: { name: 'Gauge', data: 'query', size: { w: 4, h: 4 } },
  health: { name: 'Health', data: 'health', size: { w: 12, h: 8 } },
  alertlist: { name: 'Alert list', data: 'alerts', size: { w: 12, h: 8 } },
  text: { name: 'Text', data: 'none', size: { w: 8, h: 4 } },
} as const satisfies Record<string, PanelTypeInfo>;

export type PanelType = keyof typeof PANEL_TYPE_INFO;

/** Every panel type, for the board schema's enum. */
export const PANEL_TYPES = Object.keys(PANEL_TYPE_INFO) as [PanelType, ...PanelType[]];

/** Panels whose data comes from `query` (series); the others read the snapshot only. */
export function isQueryPanel(p: Pick<Panel, 'type'>): boolean {
  return PANEL_TYPE_INFO[p.type].data === 'query';
}
