// Long dashboards → pages that fit a 1920×1080 wall without scrolling. A page holds at most
// PAGE_ROWS Grafana grid rows (a Grafana row is 30 px + 8 px margin, so 24 rows fill ~900 px, the
// height a 1080p wall has under its title and status bars). Sections (Grafana rows) stay together
// when they fit, several small ones share a page, and a tall one is cut between panel lines.
import type { Cell } from './layout';

export const PAGE_ROWS = 24;

export interface Placed<T> {
  item: T;
  cell: Cell;
}

export interface PagePlan<T> {
  /** Titles of the sections on the page, in order (undefined: untitled). */
  sections: (string | undefined)[];
  panels: Placed<T>[];
}

/** Cuts one section's panels into chunks no taller than `rows`, only where no panel spans the cut. */
function chunks<T>(panels: Placed<T>[], rows: number): Placed<T>[][] {
  const sorted = [...panels].sort((a, b) => a.cell.y - b.cell.y || a.cell.x - b.cell.x);
  const out: Placed<T>[][] = [];
  let current: Placed<T>[] = [];
  let top = 0;
  let bottom = 0;
  for (const p of sorted) {
    const h = Math.min(p.cell.h, rows);
    if (current.length > 0 && p.cell.y >= bottom && p.cell.y + h - top > rows) {
      out.push(current);
      current = [];
      top = p.cell.y;
    }
    // why: a panel that would still overflow (it starts beside a taller one) is moved up to fit
    const y = Math.max(top, Math.min(p.cell.y, top + rows - h)) - top;
    current.push({ item: p.item, cell: { ...p.cell, y, h } });
    bottom = Math.max(bottom, p.cell.y + h);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function height<T>(panels: Placed<T>[]): number {
  return Math.max(0, ...panels.map((p) => p.cell.y + p.cell.h));
}

export function paginate<T>(sections: { title: string | undefined; panels: Placed<T>[] }[], rows = PAGE_ROWS): PagePlan<T>[] {
  const pages: PagePlan<T>[] = [];
  let page: PagePlan<T> | undefined;
  let used = 0;
  for (const s of sections) {
    for (const chunk of chunks(s.panels, rows)) {
      const h = height(chunk);
      if (!page || used + h > rows) {
        page = { sections: [], panels: [] };
        pages.push(page);
        used = 0;
      }
      if (page.sections[page.sections.length - 1] !== s.title || page.panels.length === 0) page.sections.push(s.title);
      const offset = used;
      page.panels.push(...chunk.map((p) => ({ item: p.item, cell: { ...p.cell, y: p.cell.y + offset } })));
      used += h;
    }
  }
  return pages.filter((p) => p.panels.length > 0);
}
