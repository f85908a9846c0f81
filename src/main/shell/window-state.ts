// The laptop window remembers its bounds and page; restored only where a display still shows it.
import type { DisplayInfo } from './display-layout';

export interface WindowState {
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
  /** The page shown when the window was closed. */
  page?: string;
}

export const DEFAULT_BOUNDS = { width: 1600, height: 900 };
const MIN_VISIBLE = 100; // px of the window that must lie on some display

/** The saved bounds when at least MIN_VISIBLE×MIN_VISIBLE of them is on a connected display; else undefined (centre a default window). */
export function restoreBounds(saved: WindowState | undefined, displays: readonly DisplayInfo[]): WindowState['bounds'] | undefined {
  if (!saved) return undefined;
  const b = saved.bounds;
  if (!(b.width >= 200 && b.height >= 150)) return undefined;
  const visible = displays.some((d) => {
    const w = Math.min(b.x + b.width, d.bounds.x + d.bounds.width) - Math.max(b.x, d.bounds.x);
    const h = Math.min(b.y + b.height, d.bounds.y + d.bounds.height) - Math.max(b.y, d.bounds.y);
    return w >= MIN_VISIBLE && h >= MIN_VISIBLE;
  });
  return visible ? b : undefined;
}

/** Parses a saved state file's JSON; anything malformed is no state (never a crash at start). */
export function parseWindowState(text: string | undefined): WindowState | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as Partial<WindowState>;
    const b = v.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
    return { bounds: b, maximized: v.maximized === true, ...(typeof v.page === 'string' ? { page: v.page } : {}) };
  } catch {
    return undefined;
  }
}
