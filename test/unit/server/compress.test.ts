// Accept-Encoding negotiation: brotli first, then gzip; q=0 refuses; `*` stands for the rest.
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../../src/main/server/compress';

describe('negotiate', () => {
  it('prefers brotli, then gzip, and answers plain when neither is accepted', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip;q=0.5')).toBe('gzip');
    expect(negotiate('deflate')).toBeUndefined();
    expect(negotiate(undefined)).toBeUndefined();
    expect(negotiate('')).toBeUndefined();
  });

  it('honours q=0 and the wildcard', () => {
    expect(negotiate('br;q=0, gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0')).toBeUndefined();
    expect(negotiate('*')).toBe('br');
    expect(negotiate('br;q=0, *')).toBe('gzip');
    expect(negotiate('*;q=0')).toBeUndefined();
    expect(negotiate('BR ; Q=1')).toBe('br');
  });
});
