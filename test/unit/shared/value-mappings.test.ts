import { describe, expect, it } from 'vitest';
import { mapValue, type ValueMapping } from '../../../src/shared/value-mappings';

describe('value mappings', () => {
  const upDown: ValueMapping[] = [
    { value: 1, text: 'UP', color: '#73bf69' },
    { value: 0, text: 'DOWN', color: '#f2495c' },
  ];

  it('shows an exact value as its text and colour, and leaves other values alone', () => {
    expect(mapValue(upDown, 1)).toEqual({ text: 'UP', color: '#73bf69' });
    expect(mapValue(upDown, 0)).toEqual({ text: 'DOWN', color: '#f2495c' });
    expect(mapValue(upDown, 0.5)).toBeUndefined();
    expect(mapValue(upDown, null)).toBeUndefined();
    expect(mapValue(undefined, 1)).toBeUndefined();
  });

  it('matches ranges with both ends included and open ends, first match winning', () => {
    const ranges: ValueMapping[] = [
      { from: 0, to: 10, text: 'low' },
      { from: 10, text: 'high' },
      { to: 0, color: '#ff0000' },
    ];
    expect(mapValue(ranges, 10)).toEqual({ text: 'low' });
    expect(mapValue(ranges, 10.1)).toEqual({ text: 'high' });
    expect(mapValue(ranges, -3)).toEqual({ color: '#ff0000' });
    expect(mapValue(ranges, Number.NaN)).toBeUndefined();
  });

  it('matches a bare regex against the whole value text (as Grafana), a /regex/ anywhere, with groups in the text', () => {
    expect(mapValue([{ regex: '4..', text: 'client error' }], 404)).toEqual({ text: 'client error' });
    expect(mapValue([{ regex: '4..', text: 'client error' }], 4040)).toBeUndefined();
    expect(mapValue([{ regex: '/^(\\d)\\d*$/', text: 'starts with $1' }], 512)).toEqual({ text: 'starts with 5' });
  });

  it('maps no value and NaN through special mappings', () => {
    expect(mapValue([{ special: 'null', text: 'N/A' }], null)).toEqual({ text: 'N/A' });
    expect(mapValue([{ special: 'null', text: 'N/A' }], undefined)).toEqual({ text: 'N/A' });
    expect(mapValue([{ special: 'null', text: 'N/A' }], Number.NaN)).toBeUndefined();
    expect(mapValue([{ special: 'nan', text: 'bad' }], Number.NaN)).toEqual({ text: 'bad' });
    expect(mapValue([{ special: 'null+nan', text: '?' }], Number.NaN)).toEqual({ text: '?' });
    expect(mapValue([{ special: 'null+nan', text: '?' }], 0)).toBeUndefined();
  });
});
