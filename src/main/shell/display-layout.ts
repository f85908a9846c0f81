// Which displays get a kiosk window, where, and with which pages; and what changes when displays
// come and go. Pure: the Electron adapter feeds it screen.getAllDisplays() and applies the plan.
import type { KioskSettings } from '../../shared/desktop-schema';

export interface DisplayInfo {
  /** The OS display id (stable while it stays connected). */
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  primary: boolean;
}

export interface WallWindowPlan {
  displayId: number;
  /** Position in the OS list, as `kiosk.displays` and `kiosk.pages` count them. */
  index: number;
  bounds: DisplayInfo['bounds'];
  /** The pages this display rotates through; undefined = every page. */
  pages?: string[];
}

export interface Layout {
  windows: WallWindowPlan[];
  /** Configured display indexes that are not connected (logged, not fatal: a TV may be off). */
  missing: number[];
}

export function planWallWindows(displays: readonly DisplayInfo[], kiosk: Pick<KioskSettings, 'displays' | 'pages'>): Layout {
  const chosen =
    kiosk.displays === 'all'
      ? displays.map((_, i) => i)
      : kiosk.displays === 'primary'
        ? [Math.max(0, displays.findIndex((d) => d.primary))].filter((i) => i < displays.length)
        : [...new Set(kiosk.displays)];
  const windows: WallWindowPlan[] = [];
  const missing: number[] = [];
  for (const index of chosen) {
    const d = displays[index];
    if (!d) {
      missing.push(index);
      continue;
    }
    const pages = kiosk.pages[String(index)];
    windows.push({ displayId: d.id, index, bounds: d.bounds, ...(pages ? { pages } : {}) });
  }
  return { windows, missing };
}

export interface RelayoutPlan {
  open: WallWindowPlan[];
  /** display ids whose window closes */
  close: number[];
  /** windows that stay but move, resize or change pages */
  update: WallWindowPlan[];
}

/** From the windows open now (by display id) to a new plan: the least that changes. */
export function relayout(current: ReadonlyMap<number, WallWindowPlan>, next: Layout): RelayoutPlan {
  const wanted = new Map(next.windows.map((w) => [w.displayId, w]));
  const out: RelayoutPlan = { open: [], close: [], update: [] };
  for (const id of current.keys()) if (!wanted.has(id)) out.close.push(id);
  for (const w of next.windows) {
    const cur = current.get(w.displayId);
    if (!cur) out.open.push(w);
    else if (JSON.stringify(cur) !== JSON.stringify(w)) out.update.push(w);
  }
  return out;
}
