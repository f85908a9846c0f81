// A chart is rebuilt on a resize only when its axis text or spacing would change.
import { describe, expect, it } from 'vitest';
import { EMPTY_OVERLAY } from './anomaly-spans';
import type { ChartTheme } from './chart-theme';
import { timeseriesOptions, type TimeseriesSpec } from './timeseries-options';
import { styleSignature } from './uplot-host';

function theme(axisFontPx: number): ChartTheme {
  const c = '#888888';
  return {
    fg: c, muted: c, grid: c, bg: c, panelBg: c,
    severity: { info: c, warning: c, high: c, critical: c },
    axisFontPx,
    fontFamily: 'sans-serif',
  };
}

function signature(axisFontPx: number, width: number, height: number): string {
  const spec: TimeseriesSpec = {
    syncKey: 'p', names: ['a'], colors: ['#ff0000'], unit: 'short', thresholds: [],
    theme: theme(axisFontPx), xWindow: () => null, overlay: () => EMPTY_OVERLAY, onLegend: () => undefined,
  };
  return styleSignature(timeseriesOptions(spec, width, height));
}

describe('styleSignature', () => {
  it('is the same for a chart that only got wider or a little taller', () => {
    expect(signature(13, 900, 300)).toBe(signature(13, 1800, 300));
    expect(signature(13, 900, 300)).toBe(signature(13, 900, 310));
  });

  it('changes with the page font (a display at a new resolution) and with a much taller chart', () => {
    expect(signature(13, 900, 300)).not.toBe(signature(26, 900, 300));
    expect(signature(13, 900, 300)).not.toBe(signature(13, 900, 600));
  });
});
