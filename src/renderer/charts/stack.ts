// Stacked series (Grafana's "stacking: normal"): each drawn column is the sum of its series and
// every series before it. Done on the columns as drawn (after decimation), so the store's data stays
// as Prometheus answered it and the legend can read each series' own value back.
import type uPlot from 'uplot';

/** Cumulative columns; a missing value adds nothing to the ones above and stays a gap itself. */
export function stackColumns(d: uPlot.AlignedData): uPlot.AlignedData {
  const xs = d[0];
  const base = new Float64Array(xs.length);
  const out: (number | null | undefined)[][] = [];
  for (let s = 1; s < d.length; s++) {
    const col = d[s] as (number | null | undefined)[];
    const stacked = new Array<number | null>(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const v = col[i];
      if (v === null || v === undefined || Number.isNaN(v)) {
        stacked[i] = null;
        continue;
      }
      base[i] = (base[i] as number) + v;
      stacked[i] = base[i] as number;
    }
    out.push(stacked);
  }
  return [xs, ...out] as uPlot.AlignedData;
}

/** A series' own value at `idx` in stacked columns: its column minus the nearest drawn one below. */
export function unstackedAt(d: uPlot.AlignedData, series: number, idx: number): number | null {
  const v = d[series]?.[idx];
  if (v === null || v === undefined) return null;
  for (let s = series - 1; s >= 1; s--) {
    const below = d[s]?.[idx];
    if (below !== null && below !== undefined) return v - below;
  }
  return v;
}
