// Panel bodies by type: each type (what it is: src/shared/panel-types.ts) has its folder here and
// one line below; a type without one is a compile error.
import type { PanelType } from '../../shared/panel-types';
import { AlertListPanel } from './alertlist/AlertListPanel';
import { GaugePanel } from './gauge/GaugePanel';
import { HealthPanel } from './health/HealthPanel';
import { StatPanel } from './stat/StatPanel';
import { TextPanel } from './text/TextPanel';
import { TimeseriesPanel } from './timeseries/TimeseriesPanel';
import type { PanelComponent } from './types';

export interface PanelBody {
  Body: PanelComponent;
  /**
   * The body gets its PanelSnapshot (values) as a prop; the others get their data elsewhere (stat and
   * the charts subscribe to the store themselves and write the DOM without a render).
   */
  snapshotProp: boolean;
}

export const PANEL_REGISTRY: Record<PanelType, PanelBody> = {
  stat: { Body: StatPanel, snapshotProp: false },
  timeseries: { Body: TimeseriesPanel, snapshotProp: false },
  gauge: { Body: GaugePanel, snapshotProp: true },
  health: { Body: HealthPanel, snapshotProp: false },
  alertlist: { Body: AlertListPanel, snapshotProp: false },
  text: { Body: TextPanel, snapshotProp: false },
};
