// The board file's duration type (zod), apart from duration.ts so the renderer, which reads and
// words durations, does not bundle zod.
import { z } from 'zod';
import { parseDuration } from './duration';

/** A duration written as `15s` or `1h30m`; parsed to milliseconds. */
export const duration = z
  .string({ error: 'expected a duration like 15s, 5m, 24h' })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; use a number with ms, s, m, h, d, w or y, or several from largest to smallest (e.g. 15s, 5m, 1h30m, 7d)` });
      return z.NEVER;
    }
    return ms;
  });
