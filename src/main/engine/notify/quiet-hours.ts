// Quiet hours as local "HH:MM" ranges; pure arithmetic on a UTC offset so the policy needs no clock.

const DAY_MIN = 1440;

/** Minutes since local midnight of "HH:MM"; undefined when malformed. */
export function parseHhMm(text: string): number | undefined {
  const m = /^(\d\d):(\d\d)$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

/** Local minute of the day at `at` (unix ms) for a zone `offsetMin` minutes east of UTC. */
export function localMinuteOfDay(at: number, offsetMin: number): number {
  const minutes = Math.floor(at / 60_000) + Math.round(offsetMin);
  return ((minutes % DAY_MIN) + DAY_MIN) % DAY_MIN;
}

/**
 * Whether `at` falls in [from, to) local time. A range across midnight ("22:00"–"07:00") is
 * supported; from == to is an empty range (never quiet), not a whole day.
 */
export function isQuiet(at: number, quiet: { from: string; to: string } | undefined, offsetMin = 0): boolean {
  if (!quiet) return false;
  const from = parseHhMm(quiet.from);
  const to = parseHhMm(quiet.to);
  if (from === undefined || to === undefined || from === to) return false;
  const m = localMinuteOfDay(at, offsetMin);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/**
 * Minutes east of UTC of an IANA zone at `at` (Intl, so DST is right); 0 for an unknown zone.
 * The engine computes this from the board's `timezone` and hands it to the pure policy.
 */
export function tzOffsetMinutes(timeZone: string | undefined, at: number): number {
  if (!timeZone) return 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(at));
    const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    const wholeMinute = Math.floor(at / 60_000) * 60_000;
    return Math.round((asUtc - wholeMinute) / 60_000);
  } catch {
    return 0;
  }
}
