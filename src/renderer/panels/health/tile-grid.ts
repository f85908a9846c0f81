// How many columns of health tiles fill a box best: tiles close to a readable wide shape.

/** width / height of a tile that holds a name, a state, latency and a row of service chips */
const IDEAL_ASPECT = 2.4;

export function tileColumns(count: number, width: number, height: number): number {
  if (count <= 1) return 1;
  if (width <= 0 || height <= 0) return Math.ceil(Math.sqrt(count * 1.8));
  let best = 1;
  let bestScore = Infinity;
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const aspect = width / cols / (height / rows);
    // distance from the ideal shape, plus a small charge for empty cells
    const score = Math.abs(Math.log(aspect / IDEAL_ASPECT)) + (cols * rows - count) * 0.15;
    if (score < bestScore) {
      bestScore = score;
      best = cols;
    }
  }
  return best;
}
