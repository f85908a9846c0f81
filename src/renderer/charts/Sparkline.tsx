// Sparkline of a panel's first series over the visible range; fills its parent box.
import { useEffect, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';
import './charts.css';
import { mountSparkline } from './sparkline-chart';

export function Sparkline(props: { panelId: string; color: string }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const { panelId, color } = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = mountSparkline(el, panelId, color);
    return () => chart.destroy();
  }, [panelId, color]);
  return <div ref={ref} className="wb-sparkline" data-testid="sparkline" aria-hidden="true" />;
}
