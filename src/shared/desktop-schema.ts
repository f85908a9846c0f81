// The board keys only the desktop app reads: `kiosk:` (walls) and `updates:` (electron-updater).
// `serve` accepts and ignores them, so one board file runs under every face.
import { z } from 'zod';
import { duration } from './duration-schema';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "03:00-05:00": local time of the board's timezone; may wrap midnight ("23:00-01:00"). */
export const timeWindow = z
  .string()
  .regex(/^\d\d:\d\d-\d\d:\d\d$/, 'a time window is "HH:MM-HH:MM", e.g. "03:00-05:00"')
  .refine((s) => s.split('-').every((t) => HHMM.test(t)), 'hours are 00–23 and minutes 00–59')
  .refine((s) => s.split('-')[0] !== s.split('-')[1], 'a window needs a start and an end that differ');

const pageId = z.string().min(1);

export const kioskSettings = z
  .object({
    /** The app starts in kiosk mode with this board (as with --kiosk). */
    enabled: z.boolean().default(true),
    displays: z
      .union([z.literal('all'), z.literal('primary'), z.array(z.number().int().nonnegative()).min(1, 'list at least one display index')])
      .default('all')
      .describe('which displays get a wall window: all, primary, or display indexes (0 is the first the OS lists)'),
    /** Per display index: the pages that display rotates through (all pages when absent). */
    pages: z.record(z.string().regex(/^\d+$/, 'a display index'), z.array(pageId).min(1)).default({}),
    /** Electron accelerator that leaves kiosk mode (quits the app). */
    exitChord: z.string().min(1).default('CommandOrControl+Shift+Q'),
    cursorHideAfter: duration.default(5_000),
    startAtLogin: z.boolean().default(false),
  })
  .strict();

export const updateSettings = z
  .object({
    /** Generic electron-updater feed: the directory holding latest.yml (latest-linux.yml, …). */
    url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL of the update feed' }),
    channel: z.string().regex(/^[a-z0-9-]+$/i).default('latest'),
    /** In kiosk mode an update installs only inside this window. */
    window: timeWindow.optional(),
  })
  .strict();

export type KioskSettings = z.infer<typeof kioskSettings>;
export type UpdateSettings = z.infer<typeof updateSettings>;
