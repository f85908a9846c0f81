// stat: the current value, large, in its unit and threshold colour, over a sparkline of the
// visible range, with the change against the same time yesterday.
import { useEffect, useRef, type CSSProperties } from 'react';
import { Sparkline } from '../../charts/Sparkline';
import { formatParts, relativeChange } from '../../format/units';
import { thresholdSeverity } from '../../format/thresholds';
import { useWallboard } from '../../store';
import { PALETTES } from '../../styles/palette';
import type { PanelProps } from '../types';
import { observeStatSize } from './stat-size';
import './stat.css';

export function StatPanel({ panel, brand, snapshot }: PanelProps): React.JSX.Element {
  const theme = useWallboard((s) => s.theme);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    return el ? observeStatSize(el) : undefined;
  }, []);
  const palette = PALETTES[theme];
  const head = snapshot?.values[0];
  const value = head?.value;
  const parts = formatParts(value, panel.unit, panel.decimals);
  const severity = snapshot?.thresholdSeverity ?? thresholdSeverity(panel.thresholds, value);
  const color = severity ? palette.severity[severity] : panel.thresholds.length ? palette.ok : (brand?.color ?? palette.fg);
  const change = relativeChange(value, snapshot?.yesterday);
  // why: size the number by its length so "42%" and "1.23 GiB" both fill the box without overflow
  const chars = parts.number.length + parts.prefix.length * 0.7 + parts.suffix.length * 0.55;
  const more = (snapshot?.values.length ?? 0) - 1;
  return (
    <div ref={ref} className="wb-stat" style={{ '--value-color': color, '--chars': Math.max(chars, 2.5) } as CSSProperties}>
      <div className="wb-stat__spark">
        <Sparkline panelId={panel.id} color={color} />
      </div>
      <div className="wb-stat__main">
        <div className="wb-stat__value" data-testid="stat-value">
          {parts.prefix && <span className="wb-stat__prefix">{parts.prefix}</span>}
          <span className="wb-stat__number">{parts.number}</span>
          {parts.suffix && <span className="wb-stat__suffix">{parts.suffix}</span>}
        </div>
        {more > 0 && head && (
          <div className="wb-stat__name">
            {head.name} <span className="wb-stat__more">+{more} more</span>
          </div>
        )}
        {change !== undefined && (
          <div className={`wb-stat__change wb-stat__change--${change >= 0 ? 'up' : 'down'}`} title="change vs. the same time yesterday">
            {change >= 0 ? '▲' : '▼'} {Math.abs(change) >= 100 ? Math.abs(change).toFixed(0) : Math.abs(change).toFixed(1)}%{' '}
            <span className="wb-stat__vs">vs yesterday</span>
          </div>
        )}
      </div>
    </div>
  );
}
