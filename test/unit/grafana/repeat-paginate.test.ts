import { describe, expect, it } from 'vitest';
import { readPanel } from '../../../src/main/grafana/dashboard';
import type { VariableSelection } from '../../../src/main/grafana/interpolate';
import type { Section } from '../../../src/main/grafana/layout';
import { PAGE_ROWS, paginate } from '../../../src/main/grafana/paginate';
import { expandRepeats } from '../../../src/main/grafana/repeat';

const panel = (title: string, extra: Record<string, unknown> = {}) => readPanel({ type: 'stat', title, ...extra })!;
const hosts: VariableSelection = { values: ['h1', 'h2', 'h3'], all: true, regex: true };
const sel = new Map([['host', hosts]]);

describe('repeats', () => {
  it('a horizontal repeat lays copies side by side (maxPerRow) and moves the panels below down', () => {
    const s: Section = {
      title: undefined,
      repeat: undefined,
      panels: [
        { panel: panel('CPU $host', { repeat: 'host', maxPerRow: 2 }), cell: { x: 0, y: 0, w: 8, h: 4 } },
        { panel: panel('below'), cell: { x: 0, y: 4, w: 24, h: 3 } },
      ],
    };
    const out = expandRepeats([s], sel)[0]!.panels;
    expect(out.map((p) => [p.panel.title, p.cell, p.selections.get('host')?.values])).toEqual([
      ['CPU $host', { x: 0, y: 0, w: 12, h: 4 }, ['h1']],
      ['CPU $host', { x: 12, y: 0, w: 12, h: 4 }, ['h2']],
      ['CPU $host', { x: 0, y: 4, w: 12, h: 4 }, ['h3']],
      ['below', { x: 0, y: 8, w: 24, h: 3 }, ['h1', 'h2', 'h3']],
    ]);
  });

  it('a vertical repeat stacks copies; a title without the variable gets the value', () => {
    const s: Section = { title: undefined, repeat: undefined, panels: [{ panel: panel('Load', { repeat: 'host', repeatDirection: 'v' }), cell: { x: 6, y: 0, w: 6, h: 2 } }] };
    const out = expandRepeats([s], sel)[0]!.panels;
    expect(out.map((p) => [p.panel.title, p.cell])).toEqual([
      ['Load — h1', { x: 6, y: 0, w: 6, h: 2 }],
      ['Load — h2', { x: 6, y: 2, w: 6, h: 2 }],
      ['Load — h3', { x: 6, y: 4, w: 6, h: 2 }],
    ]);
  });

  it('a repeated row becomes one section per value, titled with it', () => {
    const s: Section = { title: 'Host $host', repeat: 'host', panels: [{ panel: panel('x'), cell: { x: 0, y: 0, w: 24, h: 2 } }] };
    const out = expandRepeats([s], sel);
    expect(out.map((o) => o.title)).toEqual(['Host h1', 'Host h2', 'Host h3']);
    expect(out.map((o) => o.panels[0]!.selections.get('host')?.values)).toEqual([['h1'], ['h2'], ['h3']]);
  });
});

describe('pages that fit a 1920×1080 wall', () => {
  const cell = (y: number, h: number, x = 0, w = 24) => ({ x, y, w, h });
  it('packs small sections together and starts a new page when the next would not fit', () => {
    const pages = paginate([
      { title: 'A', panels: [{ item: 'a', cell: cell(0, 10) }] },
      { title: 'B', panels: [{ item: 'b', cell: cell(0, 10) }] },
      { title: 'C', panels: [{ item: 'c', cell: cell(0, 10) }] },
    ]);
    expect(pages.map((p) => [p.sections, p.panels.map((x) => [x.item, x.cell.y])])).toEqual([
      [['A', 'B'], [['a', 0], ['b', 10]]],
      [['C'], [['c', 0]]],
    ]);
  });

  it('cuts a long section between panel lines, never through a panel, and no page is taller than the budget', () => {
    const panels = Array.from({ length: 12 }, (_, i) => [
      { item: `l${i}`, cell: cell(i * 7, 7, 0, 12) },
      { item: `r${i}`, cell: cell(i * 7, 7, 12, 12) },
    ]).flat();
    const pages = paginate([{ title: 'Long', panels }]);
    expect(pages.length).toBe(Math.ceil(12 / Math.floor(PAGE_ROWS / 7)));
    for (const p of pages) {
      expect(Math.max(...p.panels.map((x) => x.cell.y + x.cell.h))).toBeLessThanOrEqual(PAGE_ROWS);
      // both halves of a line are on the same page
      const items = p.panels.map((x) => x.item);
      for (const it of items) expect(items).toContain(it.startsWith('l') ? `r${it.slice(1)}` : `l${it.slice(1)}`);
    }
  });

  it('a panel taller than a page is cut to the page', () => {
    const pages = paginate([{ title: undefined, panels: [{ item: 'x', cell: cell(0, 40) }] }]);
    expect(pages[0]!.panels[0]!.cell).toEqual(cell(0, PAGE_ROWS));
  });
});
