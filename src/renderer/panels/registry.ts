// Panel bodies by `type`: adding a panel type is one module and one line here.
import type { Panel } from '../../shared/config-schema';
import { AlertListPanel } from './alertlist/AlertListPanel';
import { GaugePanel } from './gauge/GaugePanel';
import { HealthPanel } from './health/HealthPanel';
import { StatPanel } from './stat/StatPanel';
import { TextPanel } from './text/TextPanel';
import { TimeseriesPanel } from './timeseries/TimeseriesPanel';
import type { PanelComponent } from './types';

export const PANEL_REGISTRY: Record<Panel['type'], PanelComponent> = {
  stat: StatPanel,
  timeseries: TimeseriesPanel,
  gauge: GaugePanel,
  health: HealthPanel,
  alertlist: AlertListPanel,
  text: TextPanel,
};
