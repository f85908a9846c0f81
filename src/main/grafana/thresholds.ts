// Grafana threshold steps and colours → board severities (a value at or above a threshold takes its
// severity). Red is critical, orange high when yellow is also used (else warning), yellow warning,
// blue and purple info, green "no threshold". Steps that turn green going up (a success rate) become
// thresholds of a `worse: below` panel.
import type { Severity, Threshold } from '../../shared/config-schema';
import { grafanaColor } from './colors';
import type { GraphThreshold, ThresholdStep } from './dashboard';

type ColorClass = 'ok' | 'info' | 'yellow' | 'orange' | 'red' | 'unknown';

function hueClass(r: number, g: number, b: number): ColorClass {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 20) return 'unknown'; // grey, white, black
  const d = max - min;
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h = (h * 60 + 360) % 360; // degrees
  if (h < 18 || h >= 330) return 'red';
  if (h < 42) return 'orange';
  if (h < 70) return 'yellow';
  if (h < 170) return 'ok';
  return 'info';
}

/** Grafana's named colours (red, semi-dark-orange, …), hex (#rgb, #rrggbb, #rrggbbaa) and rgb()/rgba() → a class. */
export function colorClass(color: string): ColorClass {
  const c = color.trim().toLowerCase();
  for (const [word, cls] of [['red', 'red'], ['orange', 'orange'], ['yellow', 'yellow'], ['green', 'ok'], ['blue', 'info'], ['purple', 'info']] as const) {
    if (c.includes(word)) return cls;
  }
  // why: one parser for Grafana's colours (colors.ts), so a colour the importer draws is the one it classifies
  const hex = grafanaColor(c);
  if (hex) return hueClass(Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16));
  return 'unknown';
}

export interface ThresholdMapping {
  thresholds: Threshold[];
  /** Set when lower values are worse. */
  worse?: 'below';
  approximation?: string;
}

function severityOf(cls: ColorClass, hasYellow: boolean): Severity {
  return cls === 'red' ? 'critical' : cls === 'orange' ? (hasYellow ? 'high' : 'warning') : cls === 'info' ? 'info' : 'warning';
}

/** The largest double below `x`: `v ≤ justBelow(x)` is exactly `v < x`. */
export function justBelow(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = (bits[0] as bigint) + (x > 0 ? -1n : 1n);
  return new Float64Array(bits.buffer)[0] as number;
}

/** New-style steps (`fieldConfig.defaults.thresholds`), absolute or percentage of min..max. */
export function mapSteps(steps: ThresholdStep[], mode: string | undefined, min: number | undefined, max: number | undefined): ThresholdMapping {
  let approximation: string | undefined;
  const sorted = [...steps].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  const classes = sorted.map((s) => colorClass(s.color));
  const base = sorted[0]?.value === null || sorted[0]?.value === undefined ? classes[0] : 'ok';
  const hasYellow = classes.includes('yellow');
  const lowerIsWorse = base !== undefined && base !== 'ok' && base !== 'unknown' && classes.slice(1).includes('ok');
  let scale = (v: number): number => v;
  if (mode === 'percentage') {
    const lo = min ?? 0;
    const hi = max ?? 100;
    if (min === undefined || max === undefined) approximation = 'percentage thresholds taken of 0..100';
    scale = (v) => lo + ((hi - lo) * v) / 100;
  }
  const out: Threshold[] = [];
  if (lowerIsWorse) {
    // why: a step's colour holds from its value up to (not including) the next step's; where lower
    // is worse, a threshold is crossed at or below it, so each bad step becomes a threshold at the
    // largest number below its upper end: an "UP" stat (red below 1, green from 1) is fine at 1
    sorted.forEach((s, i) => {
      const upper = sorted[i + 1]?.value;
      const cls = classes[i] as ColorClass;
      if (cls === 'ok' || upper === null || upper === undefined) return;
      out.push({ value: justBelow(scale(upper)), severity: severityOf(cls, hasYellow) });
    });
    return { thresholds: out, worse: 'below', ...(approximation ? { approximation } : {}) };
  }
  sorted.forEach((s, i) => {
    if (s.value === null || s.value === undefined) return;
    const cls = classes[i] as ColorClass;
    if (cls === 'ok') return;
    out.push({ value: scale(s.value), severity: severityOf(cls, hasYellow) });
  });
  return { thresholds: out, ...(approximation ? { approximation } : {}) };
}

/** Old singlestat: `"80,90"` with colours [ok, warning, critical]. */
export function mapSinglestat(thresholds: unknown, colors: string[] | undefined): ThresholdMapping {
  const text = typeof thresholds === 'string' ? thresholds : Array.isArray(thresholds) ? thresholds.join(',') : '';
  const values = text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map(Number)
    .filter(Number.isFinite);
  const palette = colors ?? ['green', 'orange', 'red'];
  const steps: ThresholdStep[] = [{ color: palette[0] ?? 'green', value: null }, ...values.map((value, i) => ({ color: palette[i + 1] ?? 'red', value }))];
  return mapSteps(steps, 'absolute', undefined, undefined);
}

/** Old graph panel threshold lines: `{value, colorMode: critical|warning|ok|custom, op: gt|lt}`. */
export function mapGraphThresholds(list: GraphThreshold[]): ThresholdMapping {
  const above: Threshold[] = [];
  const below: Threshold[] = [];
  for (const t of list) {
    if (t.value === undefined) continue;
    const mode = t.colorMode ?? 'critical';
    const cls = mode === 'custom' ? colorClass(t.fillColor ?? t.lineColor ?? '') : mode;
    if (cls === 'ok') continue;
    (t.op === 'lt' ? below : above).push({ value: t.value, severity: cls === 'critical' || cls === 'red' ? 'critical' : cls === 'info' ? 'info' : 'warning' });
  }
  if (below.length > 0 && above.length === 0) return { thresholds: below, worse: 'below' };
  return { thresholds: above, ...(below.length > 0 ? { approximation: 'thresholds below which values are bad are not drawn beside ones above' } : {}) };
}
