// A timeseries chart bound to the store: it subscribes to its own panel's series, the anomalies
// and the visible range, and feeds uPlot itself. React mounts it once and never sees a point.
import type uPlot from 'uplot';
import type { Panel, SeriesOverride, Threshold } from '../../shared/config-schema';
import { mapValue, type ValueMapping } from '../../shared/value-mappings';
import type { AnomalyPoint, SeriesData } from '../../shared/model';
import { formatValue } from '../format/units';
import { useWallboard } from '../store';
import type { WallboardState } from '../store/types';
import { olderRowsChanged } from '../store/series-merge';
import { EMPTY_OVERLAY, panelAnomalyOverlay, type PanelAnomalyOverlay } from './anomaly-spans';
import type { Unit } from './axis-format';
import { ChartLegend } from './chart-legend';
import { readChartTheme, type ChartTheme } from './chart-theme';
import { seriesColors } from './palette';
import { typicalStep } from './time-gaps';
import { timeseriesOptions } from './timeseries-options';
import { UplotHost } from './uplot-host';
import { chartScheduler } from './draw-scheduler';
import { markDrawnTo, markFirstDraw } from './draw-marks';
import { LiveView } from './live-window';
import { drawnColumns, stackBands, transformsColumns } from './stack';
import { seriesStyles } from './series-style';
import { chartGaps, type ChartGap, type GapBand } from './gap-bands';
import { gapTitle } from '../replay/replay-math';

export interface TimeseriesChartConfig {
  panelId: string;
  /** Cursor sync key; the page id, so hovering one chart moves the cursor on its neighbours. */
  syncKey: string;
  unit: Unit;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds: readonly Threshold[];
  brandColor?: string;
  timezone?: string;
  /** Draw series stacked (Grafana "stacking: normal"); `percent`: as shares of their total. */
  stack?: boolean | 'percent';
  /** The panel's queries (`query` first), which overrides name by index. */
  queries?: readonly string[];
  overrides?: readonly SeriesOverride[];
  /** Area fill opacity under each line, 0..1. */
  fill?: number;
  /** Series drawn as lines (default), bars or points. */
  draw?: Panel['draw'];
  /** The right-hand y axis of series an override puts there. */
  rightAxis?: Panel['rightAxis'];
  /** y axes not drawn. */
  hideAxes?: Panel['hideAxes'];
  /** Value mappings: a legend value that matches one shows its text. */
  mappings?: readonly ValueMapping[];
  /** The source answering the panel's queries: its data gaps are shaded with their reason. */
  sourceId?: string;
}

export interface ChartHandle {
  destroy(): void;
}

const DEFAULT_STEP = 15_000; // ms, when the data has too few points to tell

/** uPlot's column layout straight from the store's SeriesData (no copy). */
export function alignedData(sd: SeriesData): uPlot.AlignedData {
  return [sd.x, ...sd.y];
}

function shapeOf(sd: SeriesData | undefined): string {
  return sd ? sd.series.map((s) => s.key).join('\n') : '';
}

export function mountTimeseriesChart(root: HTMLElement, cfg: TimeseriesChartConfig): ChartHandle {
  const store = useWallboard;
  const plotEl = document.createElement('div');
  plotEl.className = 'wb-plot';
  root.append(plotEl);

  let data: SeriesData | undefined = store.getState().series[cfg.panelId];
  let shape = '';
  let keys: string[] = [];
  let overlay: PanelAnomalyOverlay = EMPTY_OVERLAY;
  let overlayInputs: (readonly AnomalyPoint[] | undefined)[] = [];
  let legend: ChartLegend | null = null;
  let host: UplotHost | null = null;
  /** The columns last prepared for drawing, before stacking or negating: the legend's values. */
  let own: uPlot.AlignedData | undefined;

  // why: draw ~2 points per 2 px column whatever resolution the store holds
  const view = new LiveView(() => store.getState().range);

  // why the live status too: while the source is down its band reaches on to now between reads
  const downNow = (s: WallboardState): boolean => s.mode === 'live' && s.status?.sources.some((x) => x.sourceId === cfg.sourceId && x.state === 'down') === true;
  let gaps: readonly ChartGap[] = chartGaps(store.getState().timeline, cfg.sourceId, undefined, downNow(store.getState()));
  const gapsChanged = (): void => {
    const s = store.getState();
    const next = chartGaps(s.timeline, cfg.sourceId, gaps, downNow(s));
    if (next === gaps) return;
    gaps = next;
    host?.redraw();
  };
  const intervalS = (): number => (store.getState().board?.sources.find((s) => s.id === cfg.sourceId)?.intervalMs ?? DEFAULT_STEP) / 1000;
  let bandsSeen = '';
  // why attributes: bands are pixels on the canvas; tests and devtools count them here
  const bandsDrawn = (bands: readonly GapBand[], labels: readonly string[]): void => {
    // why: the common case (no gap in view, none before) costs no string per draw
    if (bands.length === 0 && bandsSeen === '|') return;
    const kinds = bands.map((b) => b.gap.kind).join(' ');
    const seen = `${kinds}|${labels.join('|')}`;
    if (seen === bandsSeen) return;
    bandsSeen = seen;
    root.dataset['gapBands'] = String(bands.length);
    root.dataset['gapKinds'] = kinds;
    root.dataset['gapLabels'] = labels.join('|');
  };
  const bandHovered = (band: GapBand | null): void => {
    // why: a band still open (the source down now) ends at the window's end, which is now
    if (band) plotEl.title = gapTitle({ ...band.gap, from: band.gap.from * 1000, to: (Number.isFinite(band.gap.to) ? band.gap.to : band.to) * 1000 }, cfg.timezone);
    else plotEl.removeAttribute('title');
  };

  const computeOverlay = (anomalies: Record<string, AnomalyPoint[]>): boolean => {
    const inputs = keys.map((k) => anomalies[k]);
    if (inputs.length === overlayInputs.length && inputs.every((a, i) => a === overlayInputs[i])) return false;
    overlayInputs = inputs;
    const stepS = data ? typicalStep(data.x) : undefined;
    overlay = panelAnomalyOverlay(keys, anomalies, stepS !== undefined ? stepS * 1000 : DEFAULT_STEP);
    return true;
  };

  const build = (sd: SeriesData): void => {
    shape = shapeOf(sd);
    view.reset();
    keys = sd.series.map((s) => s.key);
    overlayInputs = [];
    computeOverlay(store.getState().anomalies);
    const styles = seriesStyles(sd.series, seriesColors(sd.series.length, cfg.brandColor), {
      queries: cfg.queries ?? [],
      unit: cfg.unit,
      ...(cfg.overrides ? { overrides: cfg.overrides } : {}),
      ...(cfg.stack !== undefined ? { stack: cfg.stack } : {}),
      ...(cfg.decimals !== undefined ? { decimals: cfg.decimals } : {}),
      ...(cfg.draw !== undefined ? { draw: cfg.draw } : {}),
      ...(cfg.rightAxis !== undefined ? { rightAxis: cfg.rightAxis } : {}),
    });
    const colors = styles.map((s) => s.color);
    const names = styles.map((s) => s.name);
    const percent = cfg.stack === 'percent';
    const transforms = transformsColumns(styles);
    legend?.el.remove();
    legend = new ChartLegend(
      styles.flatMap((s, i) =>
        s.hide
          ? []
          : [{
              name: s.name,
              color: s.color,
              series: i + 1,
              format: (v: number | null) => mapValue(cfg.mappings, v)?.text ?? formatValue(v, s.unit, s.decimals),
              ...(cfg.mappings ? { valueColor: (v: number | null) => mapValue(cfg.mappings, v)?.color } : {}),
            }],
      ),
    );
    root.append(legend.el);
    const currentLegend = legend;
    const factory = (size: { width: number; height: number }): uPlot.Options => {
      // why read per build: the page's font size follows the viewport (a display changing resolution)
      const theme: ChartTheme = readChartTheme(root, store.getState().theme);
      return timeseriesOptions(
        {
          syncKey: cfg.syncKey,
          names,
          colors,
          hidden: styles.map((s) => s.hide),
          fills: styles.map((s) => s.fill),
          right: styles.map((s) => s.right),
          bars: styles.map((s) => s.bars),
          points: styles.map((s) => s.points),
          ...(cfg.rightAxis ? { rightAxis: cfg.rightAxis } : {}),
          ...(cfg.hideAxes ? { hideAxes: cfg.hideAxes } : {}),
          onRightTicks: (labels) => {
            plotEl.dataset['rightAxis'] = labels.join(' | ');
          },
          bands: stackBands(styles),
          ...(percent ? { percent: true } : {}),
          unit: cfg.unit,
          ...(cfg.decimals !== undefined ? { decimals: cfg.decimals } : {}),
          ...(cfg.min !== undefined ? { min: cfg.min } : {}),
          ...(cfg.max !== undefined ? { max: cfg.max } : {}),
          ...(cfg.fill !== undefined ? { fill: cfg.fill } : {}),
          thresholds: cfg.thresholds.map((t) => ({ value: t.value, color: theme.severity[t.severity] })),
          theme,
          ...(cfg.timezone ? { timezone: cfg.timezone } : {}),
          stepS: intervalS,
          xWindow: () => (host ? view.window(host.raw) : null),
          overlay: () => overlay,
          ...(cfg.sourceId !== undefined ? { gapBands: { gaps: () => gaps, intervalS, drawn: bandsDrawn, hover: bandHovered } } : {}),
          onLegend: (u) => currentLegend.update(u, host?.raw, own),
          onDraw: (u) => {
            markFirstDraw(root, cfg.panelId, u);
            markDrawnTo(root, store.getState().range.to);
          },
        },
        size.width,
        size.height,
      );
    };
    if (host) host.destroy();
    host = new UplotHost(plotEl, factory, alignedData(sd), {
      prepare: (d, widthPx) => {
        own = view.prepare(d, widthPx);
        return transforms ? drawnColumns(own, styles, percent) : own;
      },
      window: () => (host ? view.window(host.raw) : null),
      beforeDraw: (u) => currentLegend.update(u, host?.raw, own),
      // why: a move under half a pixel is not redrawn, and the chart shows that T all the same
      onSkip: () => markDrawnTo(root, store.getState().range.to),
      scheduler: () => chartScheduler(store.getState().mode),
    });
  };

  if (data && data.series.length > 0) build(data);

  const offSeries = store.subscribe(
    (s) => s.series[cfg.panelId],
    (sd) => {
      data = sd;
      if (!sd || sd.series.length === 0) return; // why: keep the last picture; the frame shows nodata
      if (shapeOf(sd) !== shape || !host) {
        build(sd);
        return;
      }
      // why: rows before the last point changed (series-merge.ts); decimated buckets must be rescanned
      if (olderRowsChanged(sd)) view.reset();
      host.setData(alignedData(sd));
    },
  );
  const offAnomalies = store.subscribe(
    (s) => s.anomalies,
    (a) => {
      if (host && computeOverlay(a)) host.redraw();
    },
  );
  const offRange = store.subscribe(
    (s) => s.range,
    () => host?.windowChanged(),
  );
  const offTimeline = store.subscribe((s) => s.timeline, gapsChanged);
  const offDown = store.subscribe(downNow, gapsChanged);

  return {
    destroy() {
      offSeries();
      offAnomalies();
      offRange();
      offTimeline();
      offDown();
      host?.destroy();
      host = null;
      legend?.el.remove();
      plotEl.remove();
    },
  };
}
