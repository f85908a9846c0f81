/** Human text for durations and numbers in explanations and forecasts. */

const MINUTE = 60_000; // ms
const HOUR = 3_600_000; // ms
const DAY = 86_400_000; // ms

/** "45 s", "12 min", "3 h 10 m", "2 d 4 h". Rounds to the two largest units. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const a = Math.max(0, ms);
  if (a < MINUTE) return `${Math.round(a / 1000)} s`;
  if (a < HOUR) return `${Math.round(a / MINUTE)} min`;
  if (a < DAY) {
    const m = Math.round(a / MINUTE);
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest === 0 ? `${h} h` : `${h} h ${rest} m`;
  }
  const h = Math.round(a / HOUR);
  const d = Math.floor(h / 24);
  const rest = h % 24;
  return rest === 0 ? `${d} d` : `${d} d ${rest} h`;
}

/** Short number for a sentence: 3 significant digits, k/M/G suffixes. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e9) return `${trim(x / 1e9)}G`;
  if (a >= 1e6) return `${trim(x / 1e6)}M`;
  if (a >= 1e4) return `${trim(x / 1e3)}k`;
  return trim(x);
}

function trim(x: number): string {
  return String(Number(x.toPrecision(3)));
}
