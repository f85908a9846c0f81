// Tick labels for chart axes, per panel unit. Same units and suffixes as format/units.ts (which
// the legend uses), but each label keeps only the digits it needs ("0.5", "1", "1.5k") because a
// wall chart has little room left of the plot and fixed decimals would read as "1.00, 1.50, 2.00".
import type { Panel } from '../../shared/config-schema';

export type Unit = Panel['unit'];

const SI: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'], // short scale: billions, as format/units.ts
  [1e6, 'M'],
  [1e3, 'k'],
];
const IEC: readonly [number, string][] = [
  [2 ** 50, 'PiB'],
  [2 ** 40, 'TiB'],
  [2 ** 30, 'GiB'],
  [2 ** 20, 'MiB'],
  [2 ** 10, 'KiB'],
];
const CURRENCY: Partial<Record<Unit, string>> = { currency: '$', usd: '$', eur: '€', inr: '₹' };
/** SI prefixes before a symbol, spaced as format/units.ts writes them ("1.5 MB/s"). */
function si(symbol: string): [number, string][] {
  return [
    [1e12, ` T${symbol}`],
    [1e9, ` G${symbol}`],
    [1e6, ` M${symbol}`],
    [1e3, ` k${symbol}`],
  ];
}
const SI_UNITS: Partial<Record<Unit, [[number, string][], string]>> = {
  decbytes: [si('B'), ' B'],
  bps: [si('b/s'), ' b/s'],
  Bps: [si('B/s'), ' B/s'],
  bits: [IEC.map(([f, p]) => [f, ` ${p.replace('B', 'b')}`] as [number, string]), ' b'],
};

/** Up to 3 significant digits, trailing zeros dropped: 1.50 → "1.5", 1234 → "1234". */
function num(v: number, decimals?: number): string {
  if (decimals !== undefined) return v.toFixed(decimals);
  const a = Math.abs(v);
  if (a === 0) return '0';
  const d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(a)));
  return String(Number(v.toFixed(d)));
}

function scaled(v: number, table: readonly [number, string][], decimals: number | undefined, suffix: string): string {
  const a = Math.abs(v);
  for (const [f, p] of table) {
    if (a >= f) return `${num(v / f, decimals)}${p}${suffix}`;
  }
  return `${num(v, decimals)}${suffix}`;
}

function duration(seconds: number, decimals?: number): string {
  const a = Math.abs(seconds);
  if (a === 0) return '0';
  if (a < 1e-6) return `${num(seconds * 1e9, decimals)} ns`;
  if (a < 1e-3) return `${num(seconds * 1e6, decimals)} µs`;
  if (a < 1) return `${num(seconds * 1e3, decimals)} ms`;
  if (a < 60) return `${num(seconds, decimals)} s`;
  if (a < 3600) return `${num(seconds / 60, decimals)} min`;
  if (a < 86400) return `${num(seconds / 3600, decimals)} h`;
  return `${num(seconds / 86400, decimals)} d`;
}

/** One tick value as text in the panel's unit; `null`/NaN → "–". */
export function formatTick(v: number | null | undefined, unit: Unit, decimals?: number): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'none':
      return num(v, decimals);
    case 'percent':
      return `${num(v, decimals)}%`;
    case 'percentunit':
      return `${num(v * 100, decimals)}%`;
    case 'bytes':
      return Math.abs(v) < 1024 ? `${num(v, decimals)} B` : scaled(v, IEC.map(([f, p]) => [f, ` ${p}`] as [number, string]), decimals, '');
    case 's':
      return duration(v, decimals);
    case 'ms':
      return duration(v / 1000, decimals);
    case 'us':
      return duration(v / 1e6, decimals);
    case 'ns':
      return duration(v / 1e9, decimals);
    case 'reqps':
      return scaled(v, SI, decimals, ' req/s');
    case 'ops':
      return scaled(v, SI, decimals, ' ops/s');
    case 'celsius':
      return `${num(v, decimals)}°C`;
    case 'decbytes':
    case 'bits':
    case 'bps':
    case 'Bps': {
      const [table, symbol] = SI_UNITS[unit] as [[number, string][], string];
      return Math.abs(v) < (table[table.length - 1] as [number, string])[0] ? `${num(v, decimals)}${symbol}` : scaled(v, table, decimals, '');
    }
    case 'currency':
    case 'usd':
    case 'eur':
    case 'inr':
      return `${CURRENCY[unit] ?? ''}${scaled(v, SI, decimals, '')}`;
    case 'short':
      return scaled(v, SI, decimals, '');
  }
}

/** Tick labels for a y axis. */
export function formatTicks(splits: readonly number[], unit: Unit, decimals?: number): string[] {
  return splits.map((v) => formatTick(v, unit, decimals));
}
