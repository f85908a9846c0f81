import { describe, expect, it } from 'vitest';
import { readDashboard } from '../../../src/main/grafana/dashboard';
import { dashboardSections } from '../../../src/main/grafana/layout';

function sections(json: unknown) {
  const r = readDashboard(json);
  if (!r.ok) throw new Error(r.reason);
  return dashboardSections(r.dashboard).map((s) => ({ title: s.title, repeat: s.repeat, panels: s.panels.map((p) => [p.panel.title, p.cell]) }));
}

describe('Grafana layouts', () => {
  it('schemaVersion 14 rows: spans in 12ths, heights in px, panels wrap', () => {
    const out = sections({
      schemaVersion: 14,
      rows: [
        { title: 'A', height: '250px', panels: [{ title: 'a1', span: 6 }, { title: 'a2', span: 4 }, { title: 'a3', span: 4, height: 100 }] },
        { title: 'B', showTitle: true, repeat: 'host', panels: [{ title: 'b1' }] },
      ],
    });
    expect(out).toEqual([
      // 250 px / (30 + 8) px per grid row → 7 rows; 100 px → 3
      { title: 'A', repeat: undefined, panels: [['a1', { x: 0, y: 0, w: 12, h: 7 }], ['a2', { x: 12, y: 0, w: 8, h: 7 }], ['a3', { x: 0, y: 7, w: 8, h: 3 }]] },
      { title: 'B', repeat: 'host', panels: [['b1', { x: 0, y: 0, w: 8, h: 7 }]] },
    ]);
  });

  it('a panel saved with an empty height (Node Exporter Full) takes its row height', () => {
    const out = sections({ schemaVersion: 14, rows: [{ title: 'ICMP', height: '375', panels: [{ title: 'e', span: 6, height: '' }, { title: 'f', span: 6, height: 'auto' }] }] });
    // 375 px / 38 px per grid row → 10 rows, not the 250 px default
    expect(out).toEqual([{ title: undefined, repeat: undefined, panels: [['e', { x: 0, y: 0, w: 12, h: 10 }], ['f', { x: 12, y: 0, w: 12, h: 10 }]] }]);
  });

  it('skips the copies Grafana saved of repeated rows and panels, and reads nulls as absent', () => {
    const out = sections({
      rows: [
        { title: 'Host $h', repeat: 'h', repeatIteration: null, height: 151, panels: [{ title: 'p', span: 12, repeat: null, decimals: null }, { title: 'copy', span: 12, repeatPanelId: 1 }] },
        { title: 'Host b', repeat: null, repeatIteration: 1712345678, panels: [{ title: 'row copy', span: 12 }] },
      ],
    });
    expect(out).toEqual([{ title: 'Host $h', repeat: 'h', panels: [['p', { x: 0, y: 0, w: 24, h: 4 }]] }]);
    const flat = sections({
      panels: [
        { type: 'stat', title: 'orig', repeat: 'x', gridPos: { x: 0, y: 0, w: 12, h: 3 } },
        { type: 'stat', title: 'copy', repeatPanelId: 7, repeatIteration: 1, gridPos: { x: 12, y: 0, w: 12, h: 3 } },
      ],
    });
    expect(flat[0]?.panels.map((p) => p[0])).toEqual(['orig']);
  });

  it('untitled old rows stay untitled when no row shows a title', () => {
    const out = sections({ rows: [{ title: 'Dashboard Row', panels: [{ title: 'x', span: 12 }] }] });
    expect(out[0]?.title).toBeUndefined();
  });

  it('flat panels: a row panel owns the panels below it; a collapsed row carries its own', () => {
    const out = sections({
      panels: [
        { type: 'stat', title: 'top', gridPos: { x: 0, y: 0, w: 24, h: 3 } },
        { type: 'row', title: 'R1', gridPos: { x: 0, y: 3, w: 24, h: 1 } },
        { type: 'graph', title: 'right', gridPos: { x: 12, y: 4, w: 12, h: 8 } },
        { type: 'graph', title: 'left', gridPos: { x: 0, y: 4, w: 12, h: 8 } },
        { type: 'row', title: 'R2', collapsed: true, repeat: 'cpu', gridPos: { x: 0, y: 12, w: 24, h: 1 }, panels: [{ type: 'stat', title: 'inner', gridPos: { x: 3, y: 13, w: 30, h: 2 } }] },
        { type: 'row', title: 'empty', gridPos: { x: 0, y: 13, w: 24, h: 1 } },
        { type: 'text', title: 'no grid' },
      ],
    });
    expect(out).toEqual([
      { title: undefined, repeat: undefined, panels: [['top', { x: 0, y: 0, w: 24, h: 3 }]] },
      { title: 'R1', repeat: undefined, panels: [['left', { x: 0, y: 0, w: 12, h: 8 }], ['right', { x: 12, y: 0, w: 12, h: 8 }]] },
      { title: 'R2', repeat: 'cpu', panels: [['inner', { x: 0, y: 0, w: 24, h: 2 }]] },
      { title: 'empty', repeat: undefined, panels: [['no grid', { x: 0, y: 0, w: 24, h: 8 }]] },
    ]);
  });

  it('reads the export with or without the {dashboard} wrapper and refuses what is not one', () => {
    expect(readDashboard({ dashboard: { title: 'W', panels: [] }, meta: {} })).toMatchObject({ ok: true, dashboard: { title: 'W' } });
    expect(readDashboard({ title: 'U', rows: [] })).toMatchObject({ ok: true, dashboard: { title: 'U' } });
    expect(readDashboard([1, 2])).toMatchObject({ ok: false, reason: expect.stringMatching(/not an object/) });
    expect(readDashboard({ name: 'x' })).toMatchObject({ ok: false, reason: expect.stringMatching(/neither "panels" nor "rows"/) });
  });
});
