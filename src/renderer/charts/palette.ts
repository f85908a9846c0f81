// Series colours: the panel's brand colour for the first series, then a fixed palette.
// The palette is Okabe–Ito-like (distinct for common colour-vision deficiencies) and bright
// enough for a dark wall; order matters because the same index always gets the same colour.

export const PALETTE: readonly string[] = [
  '#56b4e9', // sky blue
  '#e69f00', // orange
  '#009e73', // bluish green
  '#f0e442', // yellow
  '#cc79a7', // reddish purple
  '#0072b2', // blue
  '#d55e00', // vermillion
  '#9ad0f5', // pale blue
  '#b5e48c', // pale green
  '#ffb4a2', // salmon
];

/** The default first colour when a panel has no brand. */
export const DEFAULT_FIRST = '#73bf69';

/** `#rrggbb`, `#rgb` or `rgb(r, g, b)` (what getComputedStyle may hand back) to numbers. */
function hexToRgb(color: string): [number, number, number] | undefined {
  const c = color.trim();
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (long) return [parseInt(long[1] as string, 16), parseInt(long[2] as string, 16), parseInt(long[3] as string, 16)];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(c);
  if (short) return [parseInt(`${short[1]}${short[1]}`, 16), parseInt(`${short[2]}${short[2]}`, 16), parseInt(`${short[3]}${short[3]}`, 16)];
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c);
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  return undefined;
}

/** Euclidean RGB distance; cheap and good enough to skip near-duplicates of the brand colour. */
function distance(a: string, b: string): number {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  if (!x || !y) return Infinity;
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

/**
 * `count` colours: the brand colour (or DEFAULT_FIRST) first, then palette colours that are not
 * too close to it. Cycles when there are more series than colours.
 */
export function seriesColors(count: number, brandColor?: string): string[] {
  const first = brandColor ?? DEFAULT_FIRST;
  // why: two near-identical lines in one panel read as one from 5 m away
  const rest = PALETTE.filter((c) => distance(c, first) > 60);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(i === 0 ? first : (rest[(i - 1) % rest.length] as string));
  }
  return out;
}

/** A hex or rgb() colour with an alpha; other colours (named, hsl) are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const rgb = hexToRgb(color);
  if (!rgb) return color;
  return `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;
}
