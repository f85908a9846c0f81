// gauge: the current value on an SVG arc with threshold bands; scales with its box.
import { formatParts, formatValue } from '../../format/units';
import { crossedSeverity } from '../../../shared/threshold-severity';
import { mapValue } from '../../../shared/value-mappings';
import { useWallboard } from '../../store';
import { PALETTES } from '../../styles/palette';
import type { PanelProps } from '../types';
import { CX, CY, R, arcPath, gaugeBounds, gaugeFraction, tick } from './gauge-geometry';
import './gauge.css';

export function GaugePanel({ panel, snapshot }: PanelProps): React.JSX.Element {
  const palette = PALETTES[useWallboard((s) => s.theme)];
  const value = snapshot?.values[0]?.value;
  const [min, max] = gaugeBounds(panel.unit, panel.min, panel.max, panel.thresholds, value);
  const f = gaugeFraction(value, min, max);
  const severity = snapshot?.thresholdSeverity ?? crossedSeverity(value, panel.thresholds, panel.worse);
  const mapped = mapValue(panel.mappings, value);
  const color = mapped?.color ?? (severity ? palette.severity[severity] : palette.ok);
  // why: a mapping's text (e.g. "UP") replaces the number and its unit, as in Grafana
  const parts = mapped?.text !== undefined ? { prefix: '', number: mapped.text, suffix: '' } : formatParts(value, panel.unit, panel.decimals);
  const sorted = [...panel.thresholds].sort((a, b) => a.value - b.value);
  // why: the value must sit inside the arc (≈130 user units wide) whatever its length
  const chars = parts.prefix.length + parts.number.length + parts.suffix.length * 0.5;
  const valueSize = Math.min(40, 130 / (Math.max(chars, 2) * 0.6)); // SVG user units
  return (
    <div className="wb-gauge">
      <svg viewBox="0 0 200 150" preserveAspectRatio="xMidYMid meet" role="img" aria-label={`${panel.title ?? panel.id}: ${mapped?.text ?? formatValue(value, panel.unit, panel.decimals)}`}>
        <path d={arcPath(0, 1)} stroke={palette.grid} strokeWidth={16} fill="none" strokeLinecap="butt" />
        {sorted.map((t, i) => {
          // why: a band spans the values that take the threshold's severity: up to the next threshold,
          // or down to the one before it where lower is worse
          const below = panel.worse === 'below';
          const f0 = gaugeFraction(below ? (sorted[i - 1]?.value ?? min) : t.value, min, max);
          const f1 = gaugeFraction(below ? t.value : (sorted[i + 1]?.value ?? max), min, max);
          return <path key={`band-${t.value}`} d={arcPath(f0, f1, R + 11)} stroke={palette.severity[t.severity]} strokeWidth={3} fill="none" />;
        })}
        {value !== null && value !== undefined && f > 0 && (
          <path d={arcPath(0, f)} stroke={color} strokeWidth={16} fill="none" strokeLinecap="butt" />
        )}
        {sorted.map((t) => {
          const [x0, y0, x1, y1] = tick(gaugeFraction(t.value, min, max), R - 9, R + 13);
          return <line key={`tick-${t.value}`} x1={x0} y1={y0} x2={x1} y2={y1} stroke={palette.fg} strokeWidth={1.5} />;
        })}
        <text x={CX} y={CY + valueSize * 0.3} textAnchor="middle" className="wb-gauge__value" data-testid="gauge-value" fill={color} fontSize={valueSize}>
          {parts.prefix}
          {parts.number}
          <tspan className="wb-gauge__suffix" fontSize={valueSize * 0.5}>
            {parts.suffix}
          </tspan>
        </text>
        <text x={CX - R * 0.62} y={146} textAnchor="middle" className="wb-gauge__bound" fill={palette.muted}>
          {formatValue(min, panel.unit)}
        </text>
        <text x={CX + R * 0.62} y={146} textAnchor="middle" className="wb-gauge__bound" fill={palette.muted}>
          {formatValue(max, panel.unit)}
        </text>
      </svg>
    </div>
  );
}
