/**
 * NAB's windowed Gaussian (numenta/NAB nab/detectors/gaussian/windowedGaussian_detector.py at
 * de8e91a, the version behind its published scores): the score is 1 − Q(|z|) of the value against
 * the mean and standard deviation of the previous values, over a window that grows to 6,400 rows
 * and then slides forward 100 rows at a time. No look-ahead.
 */
import { erfc } from '../../../src/main/engine/detect/likelihood';
import type { Baseline } from './index';

const WINDOW = 6400;
const STEP = 100;

export const windowedGaussian: Baseline = ({ values }) => {
  const out = new Float64Array(values.length);
  let mean = 0;
  let std = 1;
  let start = 0; // first row of the window
  let end = 0; // rows [start, end) are in the window
  let pending = 0; // rows after the window waiting for the next step
  // why: sums shifted by the first value, so the variance keeps its digits on large values
  const shift = values.length ? (values[0] as number) : 0;
  let sum = 0;
  let sumSq = 0;
  const fit = () => {
    const n = end - start;
    const m = sum / n;
    mean = m + shift;
    std = Math.sqrt(Math.max(0, sumSq / n - m * m)) || 1e-6;
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (end > start) out[i] = 1 - 0.5 * erfc(Math.abs(v - mean) / std / Math.SQRT2);
    if (end - start < WINDOW) {
      // NAB refits after every row while the window fills
      const d = v - shift;
      sum += d;
      sumSq += d * d;
      end++;
      fit();
    } else if (++pending === STEP) {
      for (let k = start; k < start + STEP; k++) {
        const d = (values[k] as number) - shift;
        sum -= d;
        sumSq -= d * d;
      }
      for (let k = end; k < end + STEP; k++) {
        const d = (values[k] as number) - shift;
        sum += d;
        sumSq += d * d;
      }
      start += STEP;
      end += STEP;
      pending = 0;
      fit();
    }
  }
  return out;
};
