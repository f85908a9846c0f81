// Grafana's query macros, understood in any board query and computed where the query is sent, the
// way Grafana computes them for a Prometheus datasource:
//   $__interval       max(step, scrape interval): Grafana's max(range / maxDataPoints, min interval);
//                     the wall's resolution is the source's poll step, one point per step
//   $__rate_interval  max($__interval + scrape interval, 4 × scrape interval)
//   $__range          the board's time range (Grafana's dashboard range), in whole seconds
// plus the _ms / _s variants. `${__interval}` is the same as `$__interval`. Other `$__` names are left
// as written (Prometheus then says what is wrong with the query).

export interface MacroContext {
  /** ms between the points the engine asks for (instant polls and query_range steps). */
  stepMs: number;
  /** ms between Prometheus' scrapes of the targets (the source's scrapeInterval, else its interval). */
  scrapeIntervalMs: number;
  /** ms: the board's timeRange. */
  rangeMs: number;
}

/** A PromQL duration that is exactly `ms`: the largest unit that divides it (90 000 → "90s"). */
export function promDuration(ms: number): string {
  const whole = Math.max(1, Math.round(ms));
  for (const [size, unit] of [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ] as const) {
    if (whole % size === 0) return `${whole / size}${unit}`;
  }
  return `${whole}ms`;
}

export interface GrafanaIntervals {
  intervalMs: number;
  rateIntervalMs: number;
  rangeMs: number;
}

export function grafanaIntervals(ctx: MacroContext): GrafanaIntervals {
  const intervalMs = Math.max(ctx.stepMs, ctx.scrapeIntervalMs);
  return {
    intervalMs,
    rateIntervalMs: Math.max(intervalMs + ctx.scrapeIntervalMs, 4 * ctx.scrapeIntervalMs),
    // why: Grafana rounds the range to whole seconds for $__range and $__range_s
    rangeMs: ctx.rangeMs,
  };
}

const MACRO_RE = /\$\{(__\w+)\}|\$(__\w+)/g;

/** Text of each macro for one context; undefined for names that are not macros we compute. */
function macroText(name: string, iv: GrafanaIntervals): string | undefined {
  const rangeS = Math.round(iv.rangeMs / 1000);
  switch (name) {
    case '__interval':
      return promDuration(iv.intervalMs);
    case '__interval_ms':
      return String(iv.intervalMs);
    case '__rate_interval':
      return promDuration(iv.rateIntervalMs);
    case '__rate_interval_ms':
      return String(iv.rateIntervalMs);
    case '__range':
      return `${rangeS}s`;
    case '__range_s':
      return String(rangeS);
    case '__range_ms':
      return String(iv.rangeMs);
    default:
      return undefined;
  }
}

/** True when `query` uses a macro this module computes (so callers can skip work otherwise). */
export function hasMacros(query: string): boolean {
  return query.includes('$__') || query.includes('${__');
}

/** The query as sent to Prometheus: every known macro replaced by its value for `ctx`. */
export function expandMacros(query: string, ctx: MacroContext): string {
  if (!hasMacros(query)) return query;
  const iv = grafanaIntervals(ctx);
  return query.replace(MACRO_RE, (match, braced?: string, plain?: string) => {
    const name = braced ?? plain ?? '';
    // why: `$__interval_msx` is not `$__interval_ms` + "x"; \w+ took the whole name, so match exactly
    return macroText(name, iv) ?? match;
  });
}
