// The timeseries panel body: a uPlot chart with legend, thresholds and anomaly overlays. React
// renders this box once; the chart subscribes to the store and draws its points itself.
import { useEffect, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';
import '../../charts/charts.css';
import { defaultQuerySource } from '../../../shared/board-queries';
import { panelQueryList } from '../../charts/series-style';
import { mountTimeseriesChart } from '../../charts/timeseries-chart';
import { useWallboard } from '../../store';
import type { PanelProps } from '../types';

export function TimeseriesPanel({ panel, brand, pageId }: PanelProps): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  // why: colours come from CSS variables read when the chart is built, so a theme switch rebuilds it
  const theme = useWallboard((s) => s.theme);
  const timezone = useWallboard((s) => s.board?.timezone);
  const sourceId = useWallboard((s) => panel.source ?? (s.board ? defaultQuerySource(s.board.sources) : undefined));
  const brandColor = brand?.color;
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = mountTimeseriesChart(el, {
      panelId: panel.id,
      syncKey: pageId,
      unit: panel.unit,
      thresholds: panel.thresholds,
      ...(panel.decimals !== undefined ? { decimals: panel.decimals } : {}),
      ...(panel.min !== undefined ? { min: panel.min } : {}),
      ...(panel.max !== undefined ? { max: panel.max } : {}),
      ...(panel.stack ? { stack: panel.stack } : {}),
      queries: panelQueryList(panel),
      ...(panel.overrides ? { overrides: panel.overrides } : {}),
      ...(panel.fill !== undefined ? { fill: panel.fill } : {}),
      ...(panel.mappings ? { mappings: panel.mappings } : {}),
      ...(panel.draw ? { draw: panel.draw } : {}),
      ...(panel.rightAxis ? { rightAxis: panel.rightAxis } : {}),
      ...(panel.hideAxes ? { hideAxes: panel.hideAxes } : {}),
      ...(brandColor ? { brandColor } : {}),
      ...(timezone ? { timezone } : {}),
      ...(sourceId !== undefined ? { sourceId } : {}),
    });
    return () => chart.destroy();
  }, [panel, pageId, brandColor, theme, timezone, sourceId]);
  return <div ref={ref} className="wb-timeseries" data-testid="timeseries" />;
}
