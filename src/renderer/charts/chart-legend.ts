// The timeseries legend: one row per series (swatch, name, value), built as plain DOM next to the
// chart. Values follow the cursor when there is one (synchronised across the page) and show the
// newest value otherwise, which is what a wall needs. Names are server text: textContent only.
import type uPlot from 'uplot';

export interface LegendItem {
  name: string;
  color: string;
}

/** Newest non-null value of a column, or null. */
export function lastValue(ys: ArrayLike<number | null | undefined> | undefined): number | null {
  if (!ys) return null;
  for (let i = ys.length - 1; i >= 0; i--) {
    const v = ys[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

export class ChartLegend {
  readonly el: HTMLElement;
  // why: a Text node per value whose `data` is set; `textContent =` replaces the node, which
  // rebuilds its layout object and dirtied ~60 text nodes' ancestors per live tick
  private readonly values: HTMLElement[] = [];
  private readonly shown: string[] = [];

  constructor(items: readonly LegendItem[], private readonly format: (v: number | null) => string) {
    this.el = document.createElement('div');
    this.el.className = 'wb-legend';
    this.el.setAttribute('data-testid', 'chart-legend');
    for (const item of items) {
      const row = document.createElement('div');
      row.className = 'wb-legend-item';
      const swatch = document.createElement('span');
      swatch.className = 'wb-legend-swatch';
      swatch.style.background = item.color;
      const name = document.createElement('span');
      name.className = 'wb-legend-name';
      name.textContent = item.name;
      name.title = item.name;
      const value = document.createElement('span');
      value.className = 'wb-legend-value';
      row.append(swatch, name, value);
      this.el.append(row);
      this.values.push(value);
      this.shown.push('');
    }
  }

  /**
   * uPlot `setLegend` hook: the value under the cursor when hovering (or synced), else the newest
   * value of `raw`, the undecimated data (a decimated column ends in a pixel's min or max).
   */
  update(u: uPlot, raw: uPlot.AlignedData = u.data): void {
    const idx = u.cursor.idx;
    for (let i = 0; i < this.values.length; i++) {
      const v = idx === null || idx === undefined ? lastValue(raw[i + 1]) : (u.data[i + 1]?.[idx] ?? null);
      const text = this.format(v);
      // why: skip DOM writes when nothing changed; this runs on every cursor move and update
      if (text !== this.shown[i]) {
        this.shown[i] = text;
        (this.values[i] as HTMLElement).textContent = text;
      }
    }
  }
}
