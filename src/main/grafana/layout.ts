// Both Grafana layouts into one list of sections (a Grafana row and its panels) on a 24-column grid:
// schemaVersion < 16 `rows[]` with `span`/`height`, and the flat `panels[]` with `row` panels, where
// a collapsed row carries its own `panels`.
import { readOldRow, readPanel, type GrafanaDashboard, type GrafanaOldRow, type GrafanaPanel } from './dashboard';

export const COLUMNS = 24;
// Grafana's own constants for the old → grid migration (app/core/constants.ts)
const CELL_HEIGHT = 30; // px
const CELL_VMARGIN = 8; // px
const MIN_PANEL_HEIGHT = CELL_HEIGHT * 3; // px
const DEFAULT_ROW_HEIGHT = 250; // px
const DEFAULT_PANEL_SPAN = 4; // 12ths
const DEFAULT_SIZE = { w: 12, h: 8 };

export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedPanel {
  panel: GrafanaPanel;
  cell: Cell;
}

export interface Section {
  /** The Grafana row's title; undefined before the first row (or for untitled old rows). */
  title: string | undefined;
  /** Variable the row repeats over. */
  repeat: string | undefined;
  panels: PlacedPanel[];
}

/** A copy Grafana saved of a repeated panel or row: the importer expands repeats from the original. */
function isRepeatCopy(p: GrafanaPanel): boolean {
  return p.repeatPanelId !== undefined || (p.repeatIteration !== undefined && p.repeatIteration !== 0 && p.repeatIteration !== '');
}

/** Old row heights: "250px" or 250 → grid units, as Grafana's migration computes them. */
function pixels(height: number | string | undefined): number | undefined {
  const px = typeof height === 'string' ? Number.parseInt(height.replace('px', ''), 10) : height;
  return px !== undefined && Number.isFinite(px) ? px : undefined;
}

function gridHeight(height: number | string | undefined, fallback: number): number {
  const px = Math.max(pixels(height) ?? fallback, MIN_PANEL_HEIGHT);
  return Math.ceil(px / (CELL_HEIGHT + CELL_VMARGIN));
}

function clampCell(c: Partial<Cell>): Cell {
  const w = Math.min(COLUMNS, Math.max(1, Math.round(c.w ?? DEFAULT_SIZE.w)));
  const x = Math.min(COLUMNS - w, Math.max(0, Math.round(c.x ?? 0)));
  return { x, y: Math.max(0, Math.round(c.y ?? 0)), w, h: Math.max(1, Math.round(c.h ?? DEFAULT_SIZE.h)) };
}

/** Old layout: panels flow left to right in 12ths and wrap; each row is one section. */
function oldRowSections(rows: unknown[]): Section[] {
  // why: Grafana saves the copies of a repeated row (repeatIteration); the importer repeats itself
  const parsed = rows.map(readOldRow).filter((r): r is GrafanaOldRow => r !== undefined && !r.repeatIteration);
  const showTitles = parsed.some((r) => r.collapse === true || r.showTitle === true || r.repeat !== undefined);
  return parsed.map((row) => {
    const rowH = gridHeight(row.height, DEFAULT_ROW_HEIGHT);
    const panels: PlacedPanel[] = [];
    let x = 0;
    let y = 0;
    let lineH = 0;
    for (const raw of row.panels) {
      const panel = readPanel(raw);
      if (!panel || isRepeatCopy(panel)) continue;
      const w = Math.min(COLUMNS, Math.max(1, Math.floor(panel.span ?? DEFAULT_PANEL_SPAN) * 2));
      // why: Node Exporter Full saves `"height": ""` on panels; Grafana then uses the row's height
      const px = pixels(panel.height);
      const h = px !== undefined ? gridHeight(px, DEFAULT_ROW_HEIGHT) : rowH;
      if (x + w > COLUMNS) {
        x = 0;
        y += lineH;
        lineH = 0;
      }
      panels.push({ panel, cell: { x, y, w, h } });
      x += w;
      lineH = Math.max(lineH, h);
    }
    return { title: showTitles && row.title !== '' ? row.title : undefined, repeat: row.repeat || undefined, panels };
  });
}

/** New layout: a `row` panel owns the panels after it (in y, x order) up to the next row. */
function panelSections(raws: unknown[]): Section[] {
  const panels = raws.map(readPanel).filter((p): p is GrafanaPanel => p !== undefined && !isRepeatCopy(p));
  // why: panels without gridPos (hand-written JSON) go below the rest, in file order
  let autoY = Math.max(0, ...panels.map((p) => (p.gridPos ? p.gridPos.y + p.gridPos.h : 0)));
  const withCells = panels.map((panel, order) => {
    let cell: Cell;
    if (panel.gridPos) cell = clampCell(panel.gridPos);
    else {
      cell = { x: 0, y: autoY, w: COLUMNS, h: panel.type === 'row' ? 1 : DEFAULT_SIZE.h };
      autoY += cell.h;
    }
    return { panel, cell, order };
  });
  withCells.sort((a, b) => a.cell.y - b.cell.y || a.cell.x - b.cell.x || a.order - b.order);
  const sections: Section[] = [];
  let current: Section = { title: undefined, repeat: undefined, panels: [] };
  for (const { panel, cell } of withCells) {
    if (panel.type !== 'row') {
      current.panels.push({ panel, cell });
      continue;
    }
    sections.push(current);
    current = { title: panel.title || undefined, repeat: panel.repeat || undefined, panels: [] };
    if (panel.collapsed === true) {
      for (const raw of panel.panels ?? []) {
        const inner = readPanel(raw);
        if (inner && inner.type !== 'row' && !isRepeatCopy(inner)) current.panels.push({ panel: inner, cell: clampCell(inner.gridPos ?? { x: 0, y: cell.y + 1 }) });
      }
    }
  }
  sections.push(current);
  return sections.filter((s) => s.panels.length > 0 || s.title !== undefined);
}

/** A library panel reference replaced by its model from the export's `__elements`, placed where the reference was. */
function libraryResolver(d: GrafanaDashboard): (raw: unknown) => unknown {
  const elements = d.__elements ?? {};
  return (raw) => {
    if (raw === null || typeof raw !== 'object') return raw;
    const ref = (raw as Record<string, unknown>)['libraryPanel'];
    const uid = ref !== null && typeof ref === 'object' ? (ref as Record<string, unknown>)['uid'] : undefined;
    const element = typeof uid === 'string' ? elements[uid] : undefined;
    const model = element !== null && typeof element === 'object' ? (element as Record<string, unknown>)['model'] : undefined;
    if (model === null || typeof model !== 'object') return raw;
    const { gridPos, id, title } = raw as Record<string, unknown>;
    return { ...(model as Record<string, unknown>), ...(gridPos !== undefined ? { gridPos } : {}), ...(id !== undefined ? { id } : {}), ...(typeof title === 'string' && title !== '' ? { title } : {}), libraryPanel: undefined };
  };
}

/** Every section of the dashboard, in order; each section's cells start at y = 0. */
export function dashboardSections(d: GrafanaDashboard): Section[] {
  const library = libraryResolver(d);
  const withLibrary = (list: unknown[]): unknown[] =>
    list.map((raw) => {
      const p = library(raw);
      // why: a collapsed row carries its own panels, which may be library panels too
      if (p !== null && typeof p === 'object' && Array.isArray((p as Record<string, unknown>)['panels'])) return { ...(p as object), panels: ((p as Record<string, unknown>)['panels'] as unknown[]).map(library) };
      return p;
    });
  const sections =
    d.panels !== undefined && d.panels.length > 0
      ? panelSections(withLibrary(d.panels))
      : oldRowSections((d.rows ?? []).map((r) => (r !== null && typeof r === 'object' && Array.isArray((r as Record<string, unknown>)['panels']) ? { ...(r as object), panels: ((r as Record<string, unknown>)['panels'] as unknown[]).map(library) } : r)));
  return sections.map((s) => {
    const top = Math.min(...s.panels.map((p) => p.cell.y));
    return Number.isFinite(top) ? { ...s, panels: s.panels.map((p) => ({ ...p, cell: { ...p.cell, y: p.cell.y - top } })) } : s;
  });
}
