// The wall chart's x axis: one-line 24 h time labels, spaced for their width, in the chart's
// time zone, and the uPlot axis that draws them.
import uPlot from 'uplot';
import type { ChartTheme } from './chart-theme';
import { textWidth } from './text-width';

const HHMM = uPlot.fmtDate('{HH}:{mm}');
const HHMMSS = uPlot.fmtDate('{HH}:{mm}:{ss}');
const MMDD = uPlot.fmtDate('{MM}-{DD}');

/**
 * One-line time ticks in 24 h time (a NOC reads "14:30", not "2:30pm" over a date line that a
 * short chart cuts off); midnight and day-sized steps show the date instead. Ticks less than a
 * minute apart (a window of a few minutes) get seconds ("15:30:30"): uPlot puts ticks on multiples
 * of their step, so HH:MM then reads the same on neighbours, and only then. A label whose centre lies nearer the canvas' left edge than half its width
 * (`width`, CSS px) is left out: with the left axis hidden (`hideAxes`) nothing is left of the plot,
 * and uPlot would draw it half cut off.
 */
export function timeTicks(timezone?: string, width: (label: string) => number = () => 0): uPlot.Axis.DynamicValues {
  return (u, splits, _axisIdx, _space, incr) => {
    const dates = splits.map((s) => (timezone ? uPlot.tzDate(new Date(s * 1e3), timezone) : new Date(s * 1e3)));
    const label = (seconds: boolean) => (d: Date): string => {
      const midnight = d.getHours() === 0 && d.getMinutes() === 0 && (!seconds || d.getSeconds() === 0);
      return incr >= 86_400 || midnight ? MMDD(d) : seconds ? HHMMSS(d) : HHMM(d);
    };
    const labels = dates.map(label(incr % 60 !== 0));
    // why canvas px: the plot's own offset (the left axis' room) counts as room for the label;
    // pxRatio is undefined outside a browser
    const ratio = uPlot.pxRatio || 1;
    return labels.map((l, i) => (u.valToPos(splits[i] as number, 'x', true) / ratio < width(l) / 2 ? '' : l));
  };
}

/** CSS px between x ticks: room for HH:MM, or for HH:MM:SS when ticks that far apart are under a minute (`span` s over `dim` CSS px). */
export function timeTickSpace(fontPx: number, span: number, dim: number): number {
  const space = fontPx * 5;
  return dim > 0 && (span * space) / dim < 60 ? fontPx * 7 : space;
}

/** The x axis in the theme's muted colour at `font`; `theme.axisFontPx` sets its height and tick spacing. */
export function timeAxis(theme: ChartTheme, font: string, timezone?: string): uPlot.Axis {
  return {
    stroke: theme.muted,
    font,
    size: Math.round(theme.axisFontPx * 1.9),
    // why a function: HH:MM:SS labels (ticks under a minute apart) are wider than HH:MM ones
    space: (_u, _axisIdx, min, max, dim) => timeTickSpace(theme.axisFontPx, max - min, dim),
    values: timeTicks(timezone, (label) => textWidth(font, label)),
    grid: { stroke: theme.grid, width: 1 },
    ticks: { show: false },
  };
}
