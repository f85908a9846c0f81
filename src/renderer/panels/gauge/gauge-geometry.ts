// Geometry of the gauge arc: a 240° sweep opening downwards, in SVG user units.
export const CX = 100;
export const CY = 92;
export const R = 78;
export const START_DEG = 150; // lower left, clockwise through the top
export const SWEEP_DEG = 240;

function point(deg: number, r = R): [number, number] {
  const a = (deg * Math.PI) / 180;
  return [CX + r * Math.cos(a), CY + r * Math.sin(a)];
}

/** Fraction 0..1 of the way from min to max, clamped; NaN and missing values give 0. */
export function gaugeFraction(value: number | null | undefined, min: number, max: number): number {
  if (value === null || value === undefined || !Number.isFinite(value) || max <= min) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

/** SVG path of the arc from fraction f0 to f1 of the sweep. */
export function arcPath(f0: number, f1: number, r = R): string {
  const a0 = START_DEG + SWEEP_DEG * f0;
  const a1 = START_DEG + SWEEP_DEG * Math.max(f1, f0 + 1e-4);
  const [x0, y0] = point(a0, r);
  const [x1, y1] = point(a1, r);
  const large = a1 - a0 > 180 ? 1 : 0;
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${r} ${r} 0 ${large} 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}

/** End points of a short tick across the arc at fraction f (threshold marks). */
export function tick(f: number, inner: number, outer: number): [number, number, number, number] {
  const a = START_DEG + SWEEP_DEG * f;
  const [x0, y0] = point(a, inner);
  const [x1, y1] = point(a, outer);
  return [x0, y0, x1, y1];
}

/** Default scale when the board gives none: 0..100 for percent, 0..1 for ratios, else above the top threshold. */
export function gaugeBounds(unit: string, min: number | undefined, max: number | undefined, thresholds: { value: number }[], value: number | null | undefined): [number, number] {
  const lo = min ?? 0;
  if (max !== undefined) return [lo, max];
  if (unit === 'percent') return [lo, 100];
  if (unit === 'percentunit') return [lo, 1];
  const top = Math.max(...thresholds.map((t) => t.value), Number.isFinite(value ?? NaN) ? (value as number) : 0);
  return [lo, top > lo ? top * 1.25 : lo + 100];
}
