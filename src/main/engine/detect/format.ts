/** Human text for numbers in explanations and forecasts (durations: shared/duration.ts). */

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
