// What every panel body receives. PanelFrame draws title, brand accent and state around it.
import type { PanelSnapshot } from '../../shared/api';
import type { Brand, Panel } from '../../shared/config-schema';

export interface PanelProps {
  panel: Panel;
  brand?: Brand;
  snapshot?: PanelSnapshot;
  pageId: string;
}

export type PanelComponent = (props: PanelProps) => React.JSX.Element;
