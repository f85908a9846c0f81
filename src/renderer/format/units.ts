// Value formatting for panels. Pure: the same number always reads the same on every panel.
import type { Panel } from '../../shared/config-schema';

export type Unit = Panel['unit'];

/** A formatted value split so the panel can draw the number large and prefix/suffix smaller. */
export interface FormattedValue {
  prefix: string;
  number: string;
  suffix: string;
}

const SHORT_STEPS: [number, string][] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];
const BYTE_STEPS: [number, string][] = [
  [1024 ** 5, 'PiB'],
  [1024 ** 4, 'TiB'],
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];
const CURRENCY: Partial<Record<Unit, string>> = { currency: '$', usd: '$', eur: '€', inr: '₹' };
/** SI (power of 1000) prefixes for a base symbol: decimal bytes, bits/s, bytes/s. */
function siSteps(base: string): [number, string][] {
  return [
    [1e15, `P${base}`],
    [1e12, `T${base}`],
    [1e9, `G${base}`],
    [1e6, `M${base}`],
    [1e3, `k${base}`],
  ];
}
const DEC_BYTE_STEPS = siSteps('B');
const BPS_STEPS = siSteps('b/s');
const BYTES_PS_STEPS = siSteps('B/s');
const BIT_STEPS: [number, string][] = BYTE_STEPS.map(([size, name]) => [size, name.replace('B', 'b')]);
/** Units that are a base symbol with prefixes: the table and the symbol below the first step. */
const PREFIXED: Partial<Record<Unit, [[number, string][], string]>> = {
  bytes: [BYTE_STEPS, 'B'],
  decbytes: [DEC_BYTE_STEPS, 'B'],
  bits: [BIT_STEPS, 'b'],
  bps: [BPS_STEPS, 'b/s'],
  Bps: [BYTES_PS_STEPS, 'B/s'],
};

/** Default decimals: fewer as the number grows, so every value fits about four glyphs. */
function autoDecimals(v: number, scaled: boolean): number {
  const a = Math.abs(v);
  if (!scaled && Number.isInteger(v)) return 0;
  if (a >= 100) return 0;
  if (a >= 10) return 1;
  if (scaled) return 1;
  return a === 0 ? 0 : a < 0.01 ? 3 : 2;
}

function fixed(v: number, decimals: number | undefined, scaled: boolean): string {
  // why: `decimals` is written for the configured unit; on a rescaled value (1.2k, 192 ms) it would
  // throw away the digits that matter, so never use fewer than the automatic ones there
  const d = scaled ? Math.max(decimals ?? 0, autoDecimals(v, true)) : (decimals ?? autoDecimals(v, false));
  const text = v.toFixed(d);
  // why: "-0" reads as a fault on a wall
  return text === `-${(0).toFixed(d)}` ? (0).toFixed(d) : text;
}

function scale(v: number, steps: [number, string][]): { v: number; step: string } {
  const a = Math.abs(v);
  for (const [size, name] of steps) {
    // why: compare after rounding so 999.96k shows as 1.0M, not 1000k
    if (a >= size * 0.9995) return { v: v / size, step: name };
  }
  return { v, step: '' };
}

function special(v: number | null | undefined): FormattedValue | undefined {
  if (v === null || v === undefined) return { prefix: '', number: '–', suffix: '' };
  if (Number.isNaN(v)) return { prefix: '', number: 'NaN', suffix: '' };
  if (v === Infinity) return { prefix: '', number: '∞', suffix: '' };
  if (v === -Infinity) return { prefix: '', number: '-∞', suffix: '' };
  return undefined;
}

/** Seconds to the largest unit that keeps the number ≥ 1 (ns … d). */
function duration(seconds: number, decimals: number | undefined, base: 's' | 'ms' | 'µs' | 'ns'): FormattedValue {
  const a = Math.abs(seconds);
  if (a === 0) return { prefix: '', number: fixed(0, decimals, false), suffix: ' s' };
  const steps: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
    [1e-3, 'ms'],
    [1e-6, 'µs'],
    [1e-9, 'ns'],
  ];
  for (const [size, name] of steps) {
    if (a >= size * 0.9995 || name === 'ns') {
      const v = seconds / size;
      // explicit decimals hold in the configured unit; rescaled durations use compact decimals
      const number = name === base && decimals !== undefined ? fixed(v, decimals, false) : fixed(v, undefined, true);
      return { prefix: '', number, suffix: ` ${name}` };
    }
  }
  return { prefix: '', number: fixed(seconds, decimals, false), suffix: ' s' };
}

/** Formats a value for display in the panel's unit. */
export function formatParts(value: number | null | undefined, unit: Unit = 'short', decimals?: number): FormattedValue {
  const sp = special(value);
  if (sp) return sp;
  const v = value as number;
  switch (unit) {
    case 'none':
      return { prefix: '', number: fixed(v, decimals, false), suffix: '' };
    case 'percent':
      return { prefix: '', number: fixed(v, decimals, false), suffix: '%' };
    case 'percentunit':
      return { prefix: '', number: fixed(v * 100, decimals, false), suffix: '%' };
    case 'bytes':
    case 'decbytes':
    case 'bits':
    case 'bps':
    case 'Bps': {
      const [steps, symbol] = PREFIXED[unit] as [[number, string][], string];
      const s = scale(v, steps);
      return { prefix: '', number: fixed(s.v, decimals, s.step !== ''), suffix: ` ${s.step || symbol}` };
    }
    case 's':
      return duration(v, decimals, 's');
    case 'ms':
      return duration(v / 1000, decimals, 'ms');
    case 'us':
      return duration(v / 1e6, decimals, 'µs');
    case 'ns':
      return duration(v / 1e9, decimals, 'ns');
    case 'celsius':
      return { prefix: '', number: fixed(v, decimals, false), suffix: '°C' };
    case 'reqps':
    case 'ops': {
      const s = scale(v, SHORT_STEPS);
      return { prefix: '', number: fixed(s.v, decimals, s.step !== ''), suffix: `${s.step} ${unit === 'ops' ? 'ops' : 'req'}/s` };
    }
    case 'currency':
    case 'usd':
    case 'eur':
    case 'inr': {
      const s = scale(v, SHORT_STEPS);
      const neg = s.v < 0;
      const number = fixed(Math.abs(s.v), decimals ?? (s.step === '' && !Number.isInteger(s.v) ? 2 : undefined), s.step !== '');
      return { prefix: `${neg ? '-' : ''}${CURRENCY[unit] ?? ''}`, number, suffix: s.step };
    }
    case 'short':
    default: {
      const s = scale(v, SHORT_STEPS);
      return { prefix: '', number: fixed(s.v, decimals, s.step !== ''), suffix: s.step };
    }
  }
}

/** The whole formatted value as one string, e.g. "1.2k", "42.0%", "3.4 GiB", "$1.2M". */
export function formatValue(value: number | null | undefined, unit: Unit = 'short', decimals?: number): string {
  const p = formatParts(value, unit, decimals);
  return `${p.prefix}${p.number}${p.suffix}`;
}


/** Relative change from `before` to `now` as a signed percentage, or undefined when not meaningful. */
export function relativeChange(now: number | null | undefined, before: number | null | undefined): number | undefined {
  if (now === null || now === undefined || before === null || before === undefined) return undefined;
  if (!Number.isFinite(now) || !Number.isFinite(before) || before === 0) return undefined;
  return ((now - before) / Math.abs(before)) * 100;
}
