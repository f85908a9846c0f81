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

export const PANEL_REGISTRY: Record<PanelType, PanelComponent> = {
  stat: StatPanel,
  timeseries: TimeseriesPanel,
  gauge: GaugePanel,
  health: HealthPanel,
  alertlist: AlertListPanel,
  text: TextPanel,
};
