// What a stat panel shows for a snapshot, as plain strings; and the DOM writer that keeps a stat's
// elements equal to it on every live tick without React (40 panels × every tick through React's
// reconciliation was a large part of a live update).
import type { PanelSnapshot } from '../../../shared/api';
import type { Brand, Panel } from '../../../shared/config-schema';
import { crossedSeverity } from '../../../shared/threshold-severity';
import { mapValue } from '../../../shared/value-mappings';
import { formatParts, relativeChange } from '../../format/units';
import type { Palette } from '../../styles/palette';

export interface StatView {
  prefix: string;
  number: string;
  suffix: string;
  /** CSS colour of the value: a value mapping's, else threshold severity, else ok (when thresholds exist), brand or text. */
  color: string;
  /** Glyph count the value is sized by, so "42%" and "1.23 GiB" both fill the box. */
  chars: number;
  /** "<first series name>" and "+N more" when the query returned several series. */
  name?: { head: string; more: string };
  /** Change against the same time yesterday, e.g. { arrow: '▲', text: '12.5%' }. */
  change?: { up: boolean; arrow: string; text: string };
}

/** The value's colour: a value mapping's, else threshold severity, else ok (when thresholds exist), brand or text colour. */
export function statColor(panel: Panel, snapshot: PanelSnapshot | undefined, palette: Palette, brand: Brand | undefined): string {
  const mapped = mapValue(panel.mappings, snapshot?.values[0]?.value)?.color;
  if (mapped !== undefined) return mapped;
  const severity = snapshot?.thresholdSeverity ?? crossedSeverity(snapshot?.values[0]?.value, panel.thresholds, panel.worse);
  return severity ? palette.severity[severity] : panel.thresholds.length ? palette.ok : (brand?.color ?? palette.fg);
}

export function statView(panel: Panel, snapshot: PanelSnapshot | undefined, palette: Palette, brand: Brand | undefined): StatView {
  const head = snapshot?.values[0];
  const value = head?.value;
  const mapped = mapValue(panel.mappings, value)?.text;
  // why: a mapping's text (e.g. "UP") replaces the number and its unit, as in Grafana
  const parts = mapped !== undefined ? { prefix: '', number: mapped, suffix: '' } : formatParts(value, panel.unit, panel.decimals);
  const color = statColor(panel, snapshot, palette, brand);
  const more = (snapshot?.values.length ?? 0) - 1;
  const pct = relativeChange(value, snapshot?.yesterday);
  const chars = parts.number.length + parts.prefix.length * 0.7 + parts.suffix.length * 0.55;
  return {
    ...parts,
    color,
    chars: Math.max(chars, 2.5),
    ...(more > 0 && head ? { name: { head: head.name, more: `+${more} more` } } : {}),
    ...(pct !== undefined
      ? { change: { up: pct >= 0, arrow: pct >= 0 ? '▲' : '▼', text: `${Math.abs(pct) >= 100 ? Math.abs(pct).toFixed(0) : Math.abs(pct).toFixed(1)}%` } }
      : {}),
  };
}

/** The stat's elements a StatView is written to; the text ones by their Text node. */
export interface StatElements {
  root: HTMLElement;
  prefix: HTMLElement;
  suffix: HTMLElement;
  name: HTMLElement;
  change: HTMLElement;
  texts: Record<'prefix' | 'number' | 'suffix' | 'nameHead' | 'nameMore' | 'changeArrow' | 'changeText', Text>;
}

/** The Text node `el` shows (created once): its `data` is what live ticks set. */
export function textNode(el: HTMLElement): Text {
  const first = el.firstChild;
  if (first instanceof Text && first === el.lastChild) return first;
  const t = document.createTextNode(el.textContent ?? '');
  el.replaceChildren(t);
  return t;
}

// why: `data` on a kept Text node, never `textContent =`, which replaces the node and rebuilds its
// layout object (4 ms per tick for 10 stats, against 0.3 ms this way)
function text(node: Text, value: string): void {
  if (node.data !== value) node.data = value;
}

function show(el: HTMLElement, visible: boolean): void {
  if (el.hidden === visible) el.hidden = !visible;
}

/** Writes `v` into the stat's elements; only what changed since `prev` is touched. */
export function writeStatView(els: StatElements, v: StatView, prev: StatView | null): void {
  const t = els.texts;
  text(t.prefix, v.prefix);
  show(els.prefix, v.prefix !== '');
  text(t.number, v.number);
  text(t.suffix, v.suffix);
  show(els.suffix, v.suffix !== '');
  if (v.color !== prev?.color) els.root.style.setProperty('--value-color', v.color);
  if (v.chars !== prev?.chars) els.root.style.setProperty('--chars', String(v.chars));
  show(els.name, v.name !== undefined);
  if (v.name) {
    text(t.nameHead, v.name.head);
    text(t.nameMore, v.name.more);
  }
  show(els.change, v.change !== undefined);
  if (v.change) {
    const cls = `wb-stat__change wb-stat__change--${v.change.up ? 'up' : 'down'}`;
    if (els.change.className !== cls) els.change.className = cls;
    text(t.changeArrow, v.change.arrow);
    text(t.changeText, v.change.text);
  }
}
