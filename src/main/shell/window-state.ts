// The laptop window remembers its bounds, maximized state and page; restored only where a display
// still shows it.
import { z } from 'zod';
import { id } from '../../shared/id-schema';
import type { DisplayInfo } from './display-layout';

const px = z.number().int().min(-100_000).max(100_000); // px: any real desktop, never NaN or 1e308

export const windowState = z
  .object({
    bounds: z.object({ x: px, y: px, width: px.positive(), height: px.positive() }).strict(),
    maximized: z.boolean(),
    /** The page shown when the window was closed. */
    page: id.optional(),
  })
  .strict();

export type WindowState = z.infer<typeof windowState>;

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

/** The page the renderer shows, from its address (`?page=<id>`, kept there by usePageInAddress); undefined when absent or not an id. */
export function pageFromUrl(url: string): string | undefined {
  try {
    const page = new URL(url).searchParams.get('page');
    return page !== null && id.safeParse(page).success ? page : undefined;
  } catch {
    return undefined;
  }
}
