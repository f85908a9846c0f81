// Durations: the one parser (board files, health conditions, the `?window=` URL option) and the
// one wording (ages on the wall, notification texts, explanations, forecasts). Shared by engine
// and renderer, so no Node and no DOM here.

const UNIT_MS = { y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
const ORDER: readonly Unit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
// why `ms` before `m`: alternation takes the first unit that matches
const PART = /(\d+(?:\.\d+)?)(ms|y|w|d|h|m|s)/y;

/**
 * Milliseconds from a duration, or undefined when malformed. Prometheus's forms (its
 * model.ParseDuration): units y (365 d), w, d, h, m, s, ms, from largest to smallest, each at most
 * once, as in `1h30m`, `1w`, `250ms`; `0` alone is zero. A number may have a fraction (`1.5h`), as
 * board files always allowed. Rounded to whole ms.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  let total = 0;
  let next = 0; // index in ORDER the next unit may not come before
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (!m) return undefined;
    const at = ORDER.indexOf(m[2] as Unit);
    if (at < next) return undefined;
    next = at + 1;
    total += Number(m[1]) * UNIT_MS[m[2] as Unit];
  }
  if (s === '' || !Number.isSafeInteger(Math.round(total))) return undefined;
  return Math.round(total);
}

const SECOND = 1_000; // ms
const MINUTE = 60_000; // ms
const HOUR = 3_600_000; // ms

// why the nudge: 81 min computed as 4_859_999.999… ms must still read "1h 21m"
const whole = (ms: number, unit: number): number => Math.floor(ms / unit + 1e-9);

/**
 * How the wall words a duration: the two largest units, floored: `950ms`, `45s`, `12m`, `2h 5m`,
 * `2h`, `3d`, `2d 4h`; a negative duration gets a minus sign (a certificate expired 5 h ago is `-5h`).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? '∞' : '-∞';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  const s = whole(ms, SECOND);
  if (s === 0) return `${Math.floor(ms)}ms`;
  if (s < 60) return `${s}s`;
  const m = whole(ms, MINUTE);
  if (m < 60) return `${m}m`;
  if (m < 24 * 60) return pair(m, 60, 'h', 'm');
  return pair(whole(ms, HOUR), 24, 'd', 'h');
}

function pair(small: number, per: number, big: string, unit: string): string {
  const rest = small % per;
  return rest ? `${Math.floor(small / per)}${big} ${rest}${unit}` : `${Math.floor(small / per)}${big}`;
}

/** The age of something, in whole seconds at least: `0s` for under a second or a clock a little ahead. */
export function formatAge(ms: number): string {
  return formatDuration(Math.max(0, whole(ms, SECOND) * SECOND));
}
