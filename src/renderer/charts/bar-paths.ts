// Bars: centred on their time, 60 % of the spacing wide (Grafana's default bar width). uPlot takes
// the spacing from the two closest points of the series in view; with one point in view it has
// none and drew one bar across the whole plot. Such a bar is as wide as one step of its data would
// be (the x columns' typical step, else the source's interval), and at least LONE_MIN_PX.
import uPlot from 'uplot';
import { typicalStep } from './time-gaps';

/** Share of the spacing a bar fills. */
const BAR_SHARE = 0.6;
/** CSS px: the narrowest a lone bar is drawn, so it still reads from across the room. */
const LONE_MIN_PX = 4;

/**
 * CSS px: the widest a bar of `ys` may be over rows idx0..idx1; Infinity when two or more of them
 * hold a value (uPlot's own spacing applies). `stepS`: the series' step when `xs` cannot tell (s);
 * `valToPos`: x (s) → CSS px.
 */
export function loneBarWidth(
  xs: ArrayLike<number>,
  ys: ArrayLike<number | null | undefined>,
  idx0: number,
  idx1: number,
  valToPos: (x: number) => number,
  stepS: number,
): number {
  let row = -1;
  for (let i = idx0; i <= idx1; i++) {
    if (ys[i] === null || ys[i] === undefined) continue;
    if (row >= 0) return Infinity;
    row = i;
  }
  if (row < 0) return Infinity;
  const x = xs[row] as number;
  const step = typicalStep(xs) ?? stepS;
  return Math.max(LONE_MIN_PX, BAR_SHARE * Math.abs(valToPos(x + step) - valToPos(x)));
}

/** A bars path builder; `stepS()` is the series' step (s) when its x columns have too few points to tell. */
export function barPaths(stepS: () => number): uPlot.Series.PathBuilder {
  const make = uPlot.paths.bars;
  if (!make) throw new Error('uPlot build without the bars path builder');
  const spaced = make({ size: [BAR_SHARE, Infinity, 1], align: 0 });
  return (u, seriesIdx, idx0, idx1) => {
    const xs = u.data[0];
    const max = loneBarWidth(xs, u.data[seriesIdx] ?? [], idx0, idx1, (x) => u.valToPos(x, 'x'), stepS());
    // why a builder per call: only for a lone bar, which is one rect
    return max === Infinity ? spaced(u, seriesIdx, idx0, idx1) : make({ size: [BAR_SHARE, max, 1], align: 0 })(u, seriesIdx, idx0, idx1);
  };
}
