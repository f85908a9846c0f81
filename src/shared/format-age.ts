// How the wall says an age ("data 3m old", "open 2h 5m"): one wording for engine texts
// (notification titles) and renderer labels alike.

/** `45s`, `12m`, `2h 5m`, `3d` from milliseconds (negative ages read as 0s). */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
