// Grafana's repeats, expanded at import: a repeated row becomes one section per selected value, a
// repeated panel one panel per value (side by side, `maxPerRow` at most, or stacked for direction
// "v"), each with that single value bound to the variable and shown in its title.
import type { GrafanaPanel } from './dashboard';
import { interpolate, referencedVariables, type Selections, type VariableSelection } from './interpolate';
import { COLUMNS, type Cell, type Section } from './layout';
import type { Notes } from './notes';
import { panelSubject, titleSelections } from './panel-map';

export interface ExpandedPanel {
  panel: GrafanaPanel;
  cell: Cell;
  selections: Selections;
}

export interface ExpandedSection {
  title: string | undefined;
  panels: ExpandedPanel[];
}

function bind(selections: Selections, name: string, value: string): Map<string, VariableSelection> {
  const out = new Map(selections);
  const sel = selections.get(name);
  out.set(name, { values: [value], all: false, regex: sel?.regex ?? false });
  return out;
}

/** The title of one repeat copy: the value in it, whether or not the title names the variable. */
function copyTitle(title: string, name: string, value: string): string {
  return referencedVariables(title).includes(name) ? title : `${title || name} — ${value}`;
}

/** Copies per repeat at most: more would not be readable on a wall anyway. */
export const MAX_REPEAT = 32;

/** `subject`: the repeated panel or row, as the summary names it (`panel "CPU — All"`, `row "Disk"`). */
function repeatValues(selections: Selections, name: string, subject: string, notes?: Notes): string[] | undefined {
  const sel = selections.get(name);
  if (!sel || sel.values.length === 0 || (sel.values.length === 1 && sel.values[0] === '')) {
    notes?.approximated(subject, sel ? `repeat over $${name}: the variable has no values: shown once, not repeated (give it some with --var ${name}=VALUE)` : `repeat over $${name}: not a dashboard variable: shown once, not repeated`);
    return undefined;
  }
  if (sel.values.length <= MAX_REPEAT) return sel.values;
  notes?.approximated(subject, `repeat over $${name}: the first ${MAX_REPEAT} of ${sel.values.length} values (pick fewer with --var ${name}=…)`);
  return sel.values.slice(0, MAX_REPEAT);
}

/** Repeated panels of one section, laid out as Grafana does; panels below move down to make room. */
function expandPanels(section: Section, selections: Selections, notes?: Notes): ExpandedPanel[] {
  let items = section.panels.map((p) => ({ panel: p.panel, cell: { ...p.cell }, selections }));
  // why: the subject is the title the panel is imported with when it is shown once, so the summary counts it
  const subject = (p: GrafanaPanel): string => panelSubject(interpolate(p.title, titleSelections(selections)).text, p.id);
  const repeated = items.filter((it) => it.panel.repeat !== undefined && repeatValues(selections, it.panel.repeat, subject(it.panel), notes) !== undefined);
  for (const it of repeated) {
    const name = it.panel.repeat as string;
    const values = repeatValues(selections, name, subject(it.panel)) as string[];
    const { x, y, w, h } = it.cell;
    const vertical = it.panel.repeatDirection === 'v';
    const perRow = Math.max(1, Math.round(it.panel.maxPerRow ?? 4));
    const cw = vertical ? w : Math.max(1, Math.floor(Math.max(COLUMNS / values.length, COLUMNS / perRow)));
    const perLine = vertical ? 1 : Math.max(1, Math.floor(COLUMNS / cw));
    const copies = values.map((value, i) => ({
      panel: { ...it.panel, title: copyTitle(it.panel.title, name, value) },
      cell: vertical ? { x, y: y + i * h, w, h } : { x: (i % perLine) * cw, y: y + Math.floor(i / perLine) * h, w: cw, h },
      selections: bind(it.selections, name, value),
    }));
    const lines = vertical ? values.length : Math.ceil(values.length / perLine);
    const extra = (lines - 1) * h;
    items = items.flatMap((other) => {
      if (other === it) return copies;
      // why: a horizontal repeat takes the whole width of its lines, so panels beside it move below too
      const below = other.cell.y >= y + h || (!vertical && other.cell.y >= y && other.cell.y < y + h);
      if (!below) return [other];
      const shift = other.cell.y >= y + h ? extra : extra + h;
      return [{ ...other, cell: { ...other.cell, y: other.cell.y + shift } }];
    });
  }
  return items;
}

/** Sections with row repeats and panel repeats expanded. */
export function expandRepeats(sections: Section[], selections: Selections, notes?: Notes): ExpandedSection[] {
  const out: ExpandedSection[] = [];
  for (const s of sections) {
    const rowTitle = s.title !== undefined && s.title.trim() !== '' ? interpolate(s.title, titleSelections(selections)).text : '(untitled)';
    const values = s.repeat !== undefined ? repeatValues(selections, s.repeat, `row "${rowTitle}"`, notes) : undefined;
    if (s.repeat === undefined || values === undefined) {
      out.push({ title: s.title !== undefined ? interpolate(s.title, titleSelections(selections)).text : undefined, panels: expandPanels(s, selections, notes) });
      continue;
    }
    for (const value of values) {
      const bound = bind(selections, s.repeat, value);
      const title = interpolate(copyTitle(s.title ?? '', s.repeat, value), titleSelections(bound)).text;
      // why: a wall page packs several row copies without Grafana's row headers, so each panel names
      // its copy: "Busy — CPU 0" (the row's title), unless its own title already names the value
      const name = s.repeat;
      const named = (t: string): string => (referencedVariables(t).includes(name) ? t : `${t || name} — ${title}`);
      const panels = expandPanels(s, bound, notes).map((it) => (values.length > 1 ? { ...it, panel: { ...it.panel, title: named(it.panel.title) } } : it));
      out.push({ title, panels });
    }
  }
  return out;
}
