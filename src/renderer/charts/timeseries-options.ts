// uPlot options for a wall timeseries: large readable axes in theme colours, gaps kept as gaps,
// thresholds and anomaly overlays as plugins, and a cursor synchronised across the page.
import uPlot from 'uplot';
import type { PanelAnomalyOverlay } from './anomaly-spans';
import { anomalyPlugin } from './anomaly-plugin';
import { formatTicks, type Unit } from './axis-format';
import type { ChartTheme } from './chart-theme';
import { gapBandPlugin, type GapBandHooks } from './gap-band-plugin';
import { withAlpha } from './palette';
import { textWidth } from './text-width';
import { thresholdPlugin, type ThresholdLine } from './threshold-plugin';
import { timeAxis } from './time-axis';
import { tailPaths } from './tail-draw';
import { barPaths } from './bar-paths';
import { timeGaps, typicalStep } from './time-gaps';
import { yRange } from './y-range';

/** Opacity of a bar's fill when the panel sets none. */
const BAR_FILL = 0.8;
/** s: a series' step when neither its data nor its source tell (the default poll interval). */
const DEFAULT_STEP_S = 15;
/** Diameter of a sample's dot when a series is drawn as points, CSS px (Grafana's default pointSize is 5). */
const POINT_PX = 7;

export interface TimeseriesSpec {
  /** Cursor sync key: charts of one page share it. */
  syncKey: string;
  names: readonly string[];
  colors: readonly string[];
  /** Series not drawn (per series, in order). */
  hidden?: readonly boolean[];
  /** Per-series area opacity where it differs from `fill`. */
  fills?: readonly (number | undefined)[];
  /** Series read against the right-hand y axis (per series, in order). */
  right?: readonly boolean[];
  /** Series drawn as bars (per series, in order). */
  bars?: readonly boolean[];
  /** s: the series' step (its source's interval), for a bar alone in view. */
  stepS?: () => number;
  /** Series drawn as a dot per sample with no line (per series, in order). */
  points?: readonly boolean[];
  /** The right-hand y axis, drawn when some series is on it. */
  rightAxis?: { unit?: Unit | undefined; decimals?: number | undefined; min?: number | undefined; max?: number | undefined };
  /** y axes not drawn: their series are still read against them. */
  hideAxes?: readonly ('left' | 'right')[];
  /** The right axis' tick labels each time they change (the plot element shows them to tests and devtools). */
  onRightTicks?: (labels: readonly string[]) => void;
  /** Fills between stacked series (stack.ts stackBands). */
  bands?: uPlot.Band[];
  /** Stacked as shares: the y axis reads 0–100 % whatever the panel's unit. */
  percent?: boolean;
  unit: Unit;
  decimals?: number;
  min?: number;
  max?: number;
  /** Area fill opacity under every line (0..1); one series alone gets a faint area by default. */
  fill?: number;
  thresholds: readonly ThresholdLine[];
  theme: ChartTheme;
  timezone?: string;
  /** s: the window to show (the store's range, slid to the newest raw data); null = fit the data. */
  xWindow: () => readonly [number, number] | null;
  overlay: () => PanelAnomalyOverlay;
  /** The chart's source's data gaps (from the engine's timeline), shaded with their reason. */
  gapBands?: GapBandHooks;
  onLegend: (u: uPlot) => void;
  onDraw?: (u: uPlot) => void;
}

/** A gaps refiner that also breaks the line where x jumps; the step is cached per data set. */
export function timeGapsRefiner(): uPlot.Series.GapsRefiner {
  let seen: unknown = null;
  let seenLength = -1;
  let seenLast: number | undefined;
  let step: number | undefined;
  return (u, _sidx, idx0, idx1, nullGaps) => {
    const xs = u.data[0];
    // why: undecimated columns are the store's and grow in place, so identity alone is not enough
    if (xs !== seen || xs.length !== seenLength || xs[xs.length - 1] !== seenLast) {
      seen = xs;
      seenLength = xs.length;
      seenLast = xs[xs.length - 1];
      step = typicalStep(xs);
    }
    if (step === undefined) return nullGaps;
    const jumps = timeGaps(xs, idx0, idx1, step);
    if (jumps.length === 0) return nullGaps;
    const gaps: uPlot.Series.Gaps = [...nullGaps];
    for (const [a, b] of jumps) {
      gaps.push([Math.round(u.valToPos(xs[a] as number, 'x', true)), Math.round(u.valToPos(xs[b] as number, 'x', true))]);
    }
    // why: uPlot's clip builder walks gaps left to right
    return gaps.sort((g, h) => g[0] - h[0]);
  };
}

/**
 * CSS px: the y axis width to use when its labels need `needed` and it is `current` wide (0 before
 * the first draw): whole steps of `step`, grown at once, shrunk only when two steps or more are
 * free. why: a new width resizes uPlot's plot box, re-allocates its canvas and lays the chart out
 * again; scrubbing replay changes the tick labels every frame, and the exact width changed a
 * dozen of 30 charts' canvases per frame.
 */
export function stableAxisSize(current: number, needed: number, step: number): number {
  const size = Math.ceil(needed / step) * step;
  return current > 0 && size < current && size >= current - step ? current : size;
}

/** y axis width (CSS px) that fits its widest tick label at the axis font (`px`). */
function yAxisSize(font: string, px: number): uPlot.Axis.Size {
  return (u, values, axisIdx, cycleNum) => {
    const axis = u.axes[axisIdx] as (uPlot.Axis & { _size?: number }) | undefined;
    // why: uPlot converges axis sizes over cycles; re-measuring after the first would oscillate
    if (cycleNum > 1 && axis) return axis._size ?? 0;
    let widest = 0;
    for (const v of values ?? []) widest = Math.max(widest, textWidth(font, v));
    return stableAxisSize(axis?._size ?? 0, Math.ceil(widest + (axis?.gap ?? 5) * 2 + 4), px);
  };
}

export function timeseriesOptions(spec: TimeseriesSpec, width: number, height: number): uPlot.Options {
  // why: a chart spanning half the wall is read from further away than a small one; its axis text
  // grows with its height, up to 1.5× the page's axis size (a resize that changes it rebuilds the chart: uplot-host.ts)
  const axisPx = Math.round(Math.min(spec.theme.axisFontPx * 1.5, Math.max(spec.theme.axisFontPx, height / 32)));
  const theme = { ...spec.theme, axisFontPx: axisPx };
  const font = `${axisPx}px ${theme.fontFamily}`;
  const gaps = timeGapsRefiner();
  const fill = spec.fill ?? (spec.names.length === 1 ? 0.12 : 0);
  const series: uPlot.Series[] = [
    {},
    ...spec.names.map((name, i): uPlot.Series => {
      const color = spec.colors[i] ?? theme.fg;
      const bars = spec.bars?.[i] === true;
      const dots = !bars && spec.points?.[i] === true;
      // why: a bar with no fill is an outline that reads as noise from across the room
      const alpha = spec.fills?.[i] ?? spec.fill ?? (bars ? BAR_FILL : fill);
      return {
        label: name,
        ...(spec.hidden?.[i] ? { show: false } : {}),
        ...(spec.right?.[i] ? { scale: 'y2' } : {}),
        stroke: color,
        width: bars ? 1 : 2, // CSS px; uPlot scales by pxRatio
        // why: one series gets a faint area so the trend reads from across the room
        ...(alpha > 0 ? { fill: withAlpha(color, alpha) } : {}),
        spanGaps: false,
        gaps,
        // why: bars are built whole (no tail rows): a bar's width comes from its neighbours' spacing
        // why: points have no path (uPlot draws no line or area for a series whose builder returns null)
        paths: bars ? barPaths(spec.stepS ?? (() => DEFAULT_STEP_S)) : dots ? () => null : tailPaths(),
        points: bars ? { show: false } : dots ? { show: true, size: POINT_PX, fill: color } : { size: 6, fill: color },
      };
    }),
  ];
  const thresholdValues = spec.thresholds.map((t) => t.value);
  const axisUnit: Unit = spec.percent ? 'percent' : spec.unit;
  const axisDecimals = spec.percent ? undefined : spec.decimals;
  const hasRight = spec.right?.some((r, i) => r && !spec.hidden?.[i]) === true;
  const right = spec.rightAxis ?? {};
  const rightUnit: Unit = spec.percent ? 'percent' : (right.unit ?? spec.unit);
  const rightDecimals = spec.percent ? undefined : right.decimals;
  let rightTicks = '';
  const yAxis = (scale: string, unit: Unit, decimals: number | undefined, onTicks?: (labels: string[]) => void): uPlot.Axis => ({
    scale,
    stroke: theme.muted,
    font,
    space: theme.axisFontPx * 2.5,
    size: yAxisSize(font, axisPx),
    values: (_u, splits) => {
      const labels = formatTicks(splits, unit, decimals);
      onTicks?.(labels);
      return labels;
    },
    // why: one grid, the left axis'; a second would not line up with it
    grid: { show: scale === 'y', stroke: theme.grid, width: 1 },
    ticks: { show: false },
  });
  // why: a bar stands on zero; a range that starts above it would cut every bar to its top
  const barsOn = (rightSide: boolean): boolean => spec.bars?.some((b, i) => b && (spec.right?.[i] === true) === rightSide && !spec.hidden?.[i]) === true;
  /** y range of a scale: shares fill 0–100; else the data, thresholds near it (left only), zero under bars, fixed bounds. */
  const yScale = (min: number | undefined, max: number | undefined, marks: readonly number[], zero: boolean): uPlot.Scale => ({
    range: (_u, dataMin, dataMax) => {
      // why: shares fill 0–100 exactly (−100 below for a negated stack); padding would hide that
      if (spec.percent) {
        const lo = dataMin !== null && dataMin < 0 ? Math.min(-100, dataMin) : 0;
        return [min ?? lo, max ?? Math.max(100, dataMax ?? 100)];
      }
      const [lo, hi] = yRange(dataMin, dataMax, marks, min, max);
      const nice = zero ? uPlot.rangeNum(Math.min(lo, 0), Math.max(hi, 0), 0.1, true) : uPlot.rangeNum(lo, hi, 0.1, true);
      return [min ?? nice[0], max ?? nice[1]];
    },
  });
  return {
    width,
    height,
    series,
    ...(spec.bands && spec.bands.length > 0 ? { bands: spec.bands } : {}),
    legend: { show: false },
    ...(spec.timezone ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1e3), spec.timezone as string) } : {}),
    // why: the right pad is half a time label wide, so the last label ("06:00") is not clipped at the edge
    padding: [theme.axisFontPx * 0.75, theme.axisFontPx * 1.6, 0, 0],
    cursor: {
      sync: { key: spec.syncKey },
      // why: zooming a live wall chart has no obvious way back; hovering is enough on a laptop
      drag: { x: false, y: false, setScale: false },
      points: { size: 8 },
    },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: {
        time: true,
        range: (_u, dataMin, dataMax): uPlot.Range.MinMax => {
          const w = spec.xWindow();
          return w ? [w[0], w[1]] : [dataMin, dataMax];
        },
      },
      y: yScale(spec.min, spec.max, thresholdValues, barsOn(false)),
      ...(hasRight ? { y2: yScale(right.min, right.max, [], barsOn(true)) } : {}),
    },
    axes: [
      timeAxis(theme, font, spec.timezone),
      spec.hideAxes?.includes('left') === true
        ? // why: no labels and no room for them, but the grid (drawn by this axis) stays
          { ...yAxis('y', axisUnit, axisDecimals), size: 0, values: (_u: uPlot, splits: number[]) => splits.map(() => '') }
        : yAxis('y', axisUnit, axisDecimals),
      ...(hasRight && spec.hideAxes?.includes('right') !== true
        ? [
            {
              ...yAxis('y2', rightUnit, rightDecimals, (labels) => {
                const text = labels.join(' | ');
                if (text === rightTicks) return;
                rightTicks = text;
                spec.onRightTicks?.(labels);
              }),
              side: 1 as const,
            },
          ]
        : []),
    ],
    plugins: [
      // why first: the bands lie under the threshold lines and anomaly marks
      ...(spec.gapBands
        ? [
            gapBandPlugin(spec.gapBands, {
              fill: { down: withAlpha(theme.severity.critical, 0.16), 'not-running': withAlpha(theme.muted, 0.22) },
              label: theme.fg,
              // why larger than the axis text: read across the room, like a panel's state
              font: `600 ${Math.round(axisPx * 1.25)}px ${theme.fontFamily}`,
            }),
          ]
        : []),
      thresholdPlugin(spec.thresholds),
      anomalyPlugin(spec.overlay, {
        band: withAlpha(theme.severity.warning, 0.18),
        marker: theme.severity.high,
        outline: theme.panelBg,
      }, Math.max(5, theme.axisFontPx * 0.4)),
    ],
    hooks: {
      setLegend: [spec.onLegend],
      ...(spec.onDraw ? { draw: [spec.onDraw] } : {}),
    },
  };
}
