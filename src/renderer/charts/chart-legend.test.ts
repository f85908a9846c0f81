// The legend value box: wide enough for the text it shows, so a fixed-size box never clips.
import { describe, expect, it } from 'vitest';
import { legendValueCh } from './chart-legend';

describe('legend value box width', () => {
  it('holds every digit at 1 ch plus a margin, and more for wide unit glyphs', () => {
    expect(legendValueCh('123')).toBeGreaterThanOrEqual(3);
    expect(legendValueCh('12.5')).toBeLessThan(legendValueCh('12.5 ms'));
    // a wide glyph counts more than a digit, a narrow one less
    expect(legendValueCh('1%')).toBeGreaterThan(legendValueCh('11'));
    expect(legendValueCh('1.1.1.1')).toBeLessThan(legendValueCh('1111111'));
  });

  it('grows with the text, so longer values get wider boxes', () => {
    const texts = ['1', '12', '12.3', '12.34 k', '1.23 GiB/s'];
    const widths = texts.map(legendValueCh);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1] as number);
  });
});
