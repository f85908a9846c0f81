import { describe, expect, it } from 'vitest';
import { panelQueryList, seriesStyles } from '../../../../src/renderer/charts/series-style';

const series = [
  { name: 'eth0 - Receive', query: 'rx' },
  { name: 'eth0 - Transmit', query: 'tx' },
  { name: 'RAM Total', query: 'total' },
];
const colors = ['#111111', '#222222', '#333333'];

describe('series styles from a panel and its overrides', () => {
  it('keeps the defaults where no override matches', () => {
    const s = seriesStyles(series, colors, { queries: ['rx', 'tx', 'total'], unit: 'bytes', stack: true });
    expect(s.map((x) => [x.name, x.color, x.stacked, x.negate, x.hide, x.unit])).toEqual([
      ['eth0 - Receive', '#111111', true, false, false, 'bytes'],
      ['eth0 - Transmit', '#222222', true, false, false, 'bytes'],
      ['RAM Total', '#333333', true, false, false, 'bytes'],
    ]);
  });

  it('matches by exact name, /regex/ and query index; a later override wins', () => {
    const s = seriesStyles(series, colors, {
      queries: panelQueryList({ query: 'rx', queries: [{ query: 'tx' }, { query: 'total' }] }),
      unit: 'bytes',
      stack: 'percent',
      decimals: 1,
      overrides: [
        { match: '/trans/i', negate: true, color: '#ff0000' },
        { match: 'RAM Total', stack: false, name: 'Total', unit: 'decbytes', decimals: 0 },
        { query: 0, color: '#00ff00', hide: true },
        { match: '/Receive/', hide: false },
        { match: 'eth0', color: '#0000ff' }, // exact name only: matches nothing
      ],
    });
    expect(s[0]).toEqual({ name: 'eth0 - Receive', color: '#00ff00', hide: false, negate: false, stacked: true, unit: 'bytes', decimals: 1, right: false, bars: false, points: false });
    expect(s[1]).toEqual({ name: 'eth0 - Transmit', color: '#ff0000', hide: false, negate: true, stacked: true, unit: 'bytes', decimals: 1, right: false, bars: false, points: false });
    expect(s[2]).toEqual({ name: 'Total', color: '#333333', hide: false, negate: false, stacked: false, unit: 'decbytes', decimals: 0, right: false, bars: false, points: false });
  });

  it('a hidden series leaves the stack; stack: true cannot stack an unstacked panel', () => {
    const s = seriesStyles(series, colors, { queries: ['rx', 'tx', 'total'], unit: 'short', overrides: [{ query: 1, hide: true }, { query: 2, stack: true }] });
    expect(s.map((x) => [x.hide, x.stacked])).toEqual([[false, false], [true, false], [false, false]]);
  });

  it('bars and the right axis: the panel draws bars unless an override says line; right-axis series read in its unit', () => {
    const s = seriesStyles(series, colors, {
      queries: ['rx', 'tx', 'total'],
      unit: 'bytes',
      draw: 'bars',
      rightAxis: { unit: 'percent', decimals: 1 },
      overrides: [
        { query: 1, axis: 'right' },
        { query: 2, axis: 'right', unit: 'short', draw: 'line' },
      ],
    });
    expect(s.map((x) => [x.bars, x.right, x.unit, x.decimals])).toEqual([
      [true, false, 'bytes', undefined],
      [true, true, 'percent', 1],
      [false, true, 'short', 1],
    ]);
  });

  it('points: the panel draws points unless an override says line or bars', () => {
    const s = seriesStyles(series, colors, { queries: ['rx', 'tx', 'total'], unit: 'short', draw: 'points', overrides: [{ query: 1, draw: 'line' }, { query: 2, draw: 'bars' }] });
    expect(s.map((x) => [x.points, x.bars])).toEqual([[true, false], [false, false], [false, true]]);
  });
});
