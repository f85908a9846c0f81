// The columns a timeseries draws from the columns it holds: series drawn below zero (Grafana's
// "negative-Y"), stacked (each on top of the ones before in its stack), or stacked as shares of
// their stack's total (0–100 %). Done on the columns as drawn (after decimation), so the store's
// data stays as Prometheus answered it and the legend reads each series' own value.
import type uPlot from 'uplot';

export interface DrawnSeries {
  /** Drawn below zero; it stacks with the other negated series, downwards (as Grafana groups them). */
  negate: boolean;
  /** Part of the panel's stack. */
  stacked: boolean;
  /** On the right-hand y axis: stacked apart from the left axis' series (as Grafana groups them). */
  right?: boolean;
}

/** The stack a series belongs to: left/right axis × above/below zero. */
function group(s: DrawnSeries): number {
  return (s.right === true ? 2 : 0) + (s.negate ? 1 : 0);
}

type Column = ArrayLike<number | null | undefined>;

function valueAt(col: Column | undefined, i: number): number | null {
  const v = col?.[i];
  return v === null || v === undefined || Number.isNaN(v) ? null : v;
}

/**
 * Drawn columns. `percent`: each stacked series is its share of the sum of its stack at that time
 * (100 at the top). A missing value adds nothing to the ones above and stays a gap itself.
 */
export function drawnColumns(d: uPlot.AlignedData, series: readonly DrawnSeries[], percent = false): uPlot.AlignedData {
  const xs = d[0];
  const n = xs.length;
  // why: one running base and total per stack (group()): above zero, the negated series below it, per axis
  const base = [0, 1, 2, 3].map(() => new Float64Array(n));
  const total = [0, 1, 2, 3].map(() => new Float64Array(n));
  if (percent) {
    series.forEach((s, k) => {
      if (!s.stacked) return;
      const t = total[group(s)] as Float64Array;
      for (let i = 0; i < n; i++) t[i] = (t[i] as number) + (valueAt(d[k + 1], i) ?? 0);
    });
  }
  const out: (number | null)[][] = [];
  series.forEach((s, k) => {
    const col = d[k + 1];
    const b = base[group(s)] as Float64Array;
    const t = total[group(s)] as Float64Array;
    const sign = s.negate ? -1 : 1;
    const drawn = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const v = valueAt(col, i);
      if (v === null) drawn[i] = null;
      else if (!s.stacked) drawn[i] = sign * v;
      else {
        const sum = t[i] as number;
        b[i] = (b[i] as number) + (percent ? (sum === 0 ? 0 : (v / sum) * 100) : v);
        drawn[i] = sign * (b[i] as number);
      }
    }
    out.push(drawn);
  });
  return [xs, ...out] as uPlot.AlignedData;
}

/** Whether drawing changes any column (else the held columns are drawn as they are). */
export function transformsColumns(series: readonly DrawnSeries[]): boolean {
  return series.some((s) => s.negate || s.stacked);
}

/**
 * uPlot bands that fill each stacked series down to the one below it in its stack (up to it for
 * the negated stack), not to zero over the series beneath. Series indices are 1-based (uPlot's).
 */
export function stackBands(series: readonly DrawnSeries[]): uPlot.Band[] {
  const bands: uPlot.Band[] = [];
  const below: (number | undefined)[] = [];
  series.forEach((s, k) => {
    if (!s.stacked) return;
    const g = group(s);
    const prev = below[g];
    if (prev !== undefined) bands.push({ series: [k + 1, prev], dir: s.negate ? 1 : -1 });
    below[g] = k + 1;
  });
  return bands;
}
