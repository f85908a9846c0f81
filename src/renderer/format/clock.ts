// Date, time and zone of an instant in the board's time zone, as the wall shows them.
export interface ClockText {
  date: string;
  time: string;
  zone: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone and style; why: making an Intl.DateTimeFormat costs about a
 *  millisecond, and the replay bar and the status bar format T on every replay frame. Throws a
 *  RangeError for an unknown time zone, as the constructor does. */
function formatter(timezone: string | undefined, style: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timezone ?? ''}\0${style}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat('en-GB', { ...(timezone ? { timeZone: timezone } : {}), ...opts })));
  return f;
}

/** `withYear` for replay, where T may be any day. */
export function formatClock(at: number, timezone: string | undefined, withYear = false): ClockText {
  try {
    return {
      time: formatter(timezone, 'time', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(at),
      date: formatter(timezone, withYear ? 'date-year' : 'date', { weekday: 'short', day: '2-digit', month: 'short', ...(withYear ? { year: 'numeric' } : {}) }).format(at),
      zone: formatter(timezone, 'zone', { timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '',
    };
  } catch {
    // an unknown time zone in the board file: show UTC rather than nothing
    const iso = new Date(at).toISOString();
    return { time: iso.slice(11, 19), date: iso.slice(0, 10), zone: 'UTC' };
  }
}

/** hh:mm (or hh:mm:ss) in the board's time zone, for timeline ticks. */
export function formatTick(at: number, timezone: string | undefined, seconds: boolean): string {
  try {
    return formatter(timezone, seconds ? 'tick-s' : 'tick', { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hour12: false }).format(at);
  } catch {
    return new Date(at).toISOString().slice(11, seconds ? 19 : 16);
  }
}
