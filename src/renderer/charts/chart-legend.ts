// The timeseries legend: one row per series (swatch, name, value), built as plain DOM next to the
// chart. Values follow the cursor when there is one (synchronised across the page) and show the
// newest value otherwise, which is what a wall needs. Names are server text: textContent only.
import type uPlot from 'uplot';

export interface LegendItem {
  name: string;
  color: string;
  /** The item's column in the chart's data (1 = first series); hidden series have no item. */
  series: number;
  format: (v: number | null) => string;
  /** The value's own colour (a value mapping's), else undefined: the theme's. */
  valueColor?: (v: number | null) => string | undefined;
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

/**
 * ch: a width that holds `text` in the legend font: digits are 1 ch (tabular-nums), narrow and
 * wide glyphs estimated. Over-estimates a little rather than clip; the box grows, never shrinks.
 */
export function legendValueCh(text: string): number {
  let w = 0;
  for (const c of text) {
    if (c >= '0' && c <= '9') w += 1;
    else if (' .,:;\'|!iIjlft'.includes(c)) w += 0.6;
    else if ('%mMwW@'.includes(c)) w += 1.7;
    else if (c >= 'A' && c <= 'Z') w += 1.3;
    else w += 1.1;
  }
  return Math.ceil(w * 2) / 2 + 0.5;
}

export class ChartLegend {
  readonly el: HTMLElement;
  // why: a Text node per value whose `data` is set; `textContent =` replaces the node, which
  // rebuilds its layout object and dirtied ~60 text nodes' ancestors per live tick
  private readonly values: Text[] = [];
  private readonly boxes: HTMLElement[] = [];
  /** ch: each value box's width (grow-only, so the row does not shift as values change) */
  private readonly widths: number[] = [];
  private readonly shown: string[] = [];
  private readonly shownColor: string[] = [];

  constructor(private readonly items: readonly LegendItem[]) {
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
      // why: a box of fixed size with layout containment is a relayout boundary, so a new value
      // lays out this box alone instead of the legend, the panel and the page grid (per tick)
      const box = document.createElement('span');
      box.className = 'wb-legend-num';
      const text = document.createTextNode('');
      box.append(text);
      value.append(box);
      row.append(swatch, name, value);
      this.el.append(row);
      this.values.push(text);
      this.boxes.push(box);
      this.widths.push(0);
      this.shown.push('');
      this.shownColor.push('');
    }
  }

  /**
   * uPlot `setLegend` hook: the value under the cursor when hovering (or synced), else the newest
   * value of `raw`, the undecimated data (a decimated column ends in a pixel's min or max). `own`:
   * the columns drawn before stacking or negating (stack.ts), so each series shows its own value.
   */
  update(u: uPlot, raw: uPlot.AlignedData = u.data, own: uPlot.AlignedData = u.data): void {
    const idx = u.cursor.idx;
    for (let i = 0; i < this.values.length; i++) {
      const item = this.items[i] as LegendItem;
      const v = idx === null || idx === undefined ? lastValue(raw[item.series]) : (own[item.series]?.[idx] ?? null);
      const text = item.format(v);
      // why: skip DOM writes when nothing changed; this runs on every cursor move and update
      if (text !== this.shown[i]) {
        this.shown[i] = text;
        (this.values[i] as Text).data = text;
        const ch = legendValueCh(text);
        if (ch > (this.widths[i] as number)) {
          this.widths[i] = ch;
          (this.boxes[i] as HTMLElement).style.width = `${ch}ch`;
        }
      }
      if (item.valueColor) {
        const color = item.valueColor(v) ?? '';
        if (color !== this.shownColor[i]) {
          this.shownColor[i] = color;
          (this.boxes[i] as HTMLElement).style.color = color;
        }
      }
    }
  }
}
