import { describe, expect, it } from 'vitest';
import { formatValue, relativeChange } from '../../../src/renderer/format/units';
import { formatAge } from '../../../src/shared/duration';

describe('unit formatting', () => {
  it('shortens large counts to k, M, B with one decimal', () => {
    expect(formatValue(1234, 'short')).toBe('1.2k');
    expect(formatValue(3_400_000, 'short')).toBe('3.4M');
    expect(formatValue(999_960, 'short')).toBe('1.0M');
    expect(formatValue(2.5e9, 'short')).toBe('2.5B');
    expect(formatValue(42, 'short')).toBe('42');
    expect(formatValue(-1500, 'short')).toBe('-1.5k');
  });

  it('writes bytes in binary units', () => {
    expect(formatValue(512, 'bytes')).toBe('512 B');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(3.25 * 1024 ** 3, 'bytes')).toBe('3.3 GiB');
    expect(formatValue(2 * 1024 ** 4, 'bytes')).toBe('2.0 TiB');
  });

  it('writes percent from 0-100 and from ratios', () => {
    expect(formatValue(42.345, 'percent')).toBe('42.3%');
    expect(formatValue(0.5, 'percentunit')).toBe('50%');
    expect(formatValue(0.4234, 'percentunit')).toBe('42.3%');
    expect(formatValue(0.5, 'percent', 0)).toBe('1%');
  });

  it('writes durations in the largest unit that stays above one', () => {
    expect(formatValue(0.25, 's')).toBe('250 ms');
    expect(formatValue(1.5, 's')).toBe('1.5 s');
    expect(formatValue(90, 's')).toBe('1.5 min');
    expect(formatValue(7200, 's')).toBe('2.0 h');
    expect(formatValue(350, 'ms')).toBe('350 ms');
    expect(formatValue(2500, 'ms')).toBe('2.5 s');
    expect(formatValue(0.0005, 's')).toBe('500 µs');
  });

  it('writes request rates and currencies', () => {
    expect(formatValue(1234, 'reqps')).toBe('1.2k req/s');
    expect(formatValue(12.5, 'reqps')).toBe('12.5 req/s');
    expect(formatValue(1_250_000, 'usd')).toBe('$1.3M');
    expect(formatValue(19.5, 'eur')).toBe('€19.50');
    expect(formatValue(-2000, 'inr')).toBe('-₹2.0k');
  });

  it('honours explicit decimals', () => {
    expect(formatValue(3.14159, 'none', 3)).toBe('3.142');
    expect(formatValue(1234, 'short', 2)).toBe('1.23k');
    expect(formatValue(1160, 'currency', 0)).toBe('$1.2k');
    expect(formatValue(0.192, 's', 2)).toBe('192 ms');
    expect(formatValue(0.5, 's', 2)).toBe('500 ms');
    expect(formatValue(1.5, 's', 2)).toBe('1.50 s');
    expect(formatValue(0, 's')).toBe('0 s');
    expect(formatValue(42, 'currency', 0)).toBe('$42');
  });

  it('shows missing and special values distinctly', () => {
    expect(formatValue(null)).toBe('–');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(Infinity, 'bytes')).toBe('∞');
    expect(formatValue(-0.001, 'short', 1)).toBe('0.0');
  });

  it('formats ages the way the wall says them', () => {
    expect(formatAge(12_000)).toBe('12s');
    expect(formatAge(180_000)).toBe('3m');
    expect(formatAge(2 * 3_600_000 + 5 * 60_000)).toBe('2h 5m');
    expect(formatAge(3 * 86_400_000)).toBe('3d');
  });

  it('computes change vs. yesterday only when it means something', () => {
    expect(relativeChange(110, 100)).toBeCloseTo(10);
    expect(relativeChange(-50, -100)).toBeCloseTo(50);
    expect(relativeChange(5, 0)).toBeUndefined();
    expect(relativeChange(5, null)).toBeUndefined();
  });

  it('writes the Grafana units an import brings: SI bytes, bits, bit and byte rates, ns, µs, ops, °C', () => {
    expect(formatValue(1500, 'decbytes')).toBe('1.5 kB');
    expect(formatValue(2.5e9, 'decbytes')).toBe('2.5 GB');
    expect(formatValue(512, 'decbytes')).toBe('512 B');
    expect(formatValue(2048, 'bits')).toBe('2.0 Kib');
    expect(formatValue(12_500_000, 'bps')).toBe('12.5 Mb/s');
    expect(formatValue(800, 'Bps')).toBe('800 B/s');
    expect(formatValue(3e6, 'Bps')).toBe('3.0 MB/s');
    expect(formatValue(250, 'ns')).toBe('250 ns');
    expect(formatValue(1500, 'ns')).toBe('1.5 µs');
    expect(formatValue(2500, 'us')).toBe('2.5 ms');
    expect(formatValue(1234, 'ops')).toBe('1.2k ops/s');
    expect(formatValue(41.26, 'celsius', 1)).toBe('41.3°C');
  });
});
