// Durations as the board writes them (`15s`, `5m`, `24h`), parsed to milliseconds.
import { z } from 'zod';

const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `15s`, `5m`, `24h`, `1.5h`, `250ms` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] as string] as number));
}

/** A duration written as `15s`; parsed to milliseconds. */
export const duration = z
  .string({ error: 'expected a duration like 15s, 5m, 24h' })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; use a number with ms, s, m, h or d (e.g. 15s, 5m, 24h)` });
      return z.NEVER;
    }
    return ms;
  });
