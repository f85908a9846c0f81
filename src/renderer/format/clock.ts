// Date, time and zone of an instant in the board's time zone, as the wall shows them.
export interface ClockText {
  date: string;
  time: string;
  zone: string;
}

/** `withYear` for replay, where T may be any day. */
export function formatClock(at: number, timezone: string | undefined, withYear = false): ClockText {
  const opts: Intl.DateTimeFormatOptions = timezone ? { timeZone: timezone } : {};
  try {
    return {
      time: new Intl.DateTimeFormat('en-GB', { ...opts, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(at),
      date: new Intl.DateTimeFormat('en-GB', { ...opts, weekday: 'short', day: '2-digit', month: 'short', ...(withYear ? { year: 'numeric' } : {}) }).format(at),
      zone: new Intl.DateTimeFormat('en-GB', { ...opts, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '',
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
    return new Intl.DateTimeFormat('en-GB', {
      ...(timezone ? { timeZone: timezone } : {}),
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hour12: false,
    }).format(at);
  } catch {
    return new Date(at).toISOString().slice(11, seconds ? 19 : 16);
  }
}
