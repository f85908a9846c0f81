import { describe, expect, it } from 'vitest';
import { parseUrlOptions } from '../../../src/shared/view/url-options';

describe('wall URL options', () => {
  it('reads the chart window in minutes or hours', () => {
    expect(parseUrlOptions('?window=24h').windowMs).toBe(86_400_000);
    expect(parseUrlOptions('?window=15m').windowMs).toBe(900_000);
    expect(parseUrlOptions('?window=1h30m').windowMs).toBe(5_400_000); // any board-file duration
    expect(parseUrlOptions('?window=2d').windowMs).toBe(172_800_000);
  });
  it('ignores a window that is malformed, zero or longer than a week', () => {
    expect(parseUrlOptions('?window=abc').windowMs).toBeUndefined();
    expect(parseUrlOptions('?window=0h').windowMs).toBeUndefined();
    expect(parseUrlOptions('?window=200h').windowMs).toBeUndefined();
  });
  it('keeps rotation and burn-in protection on unless turned off', () => {
    expect(parseUrlOptions('')).toMatchObject({ rotate: true, burnIn: true });
    expect(parseUrlOptions('?rotate=0&burnin=0')).toMatchObject({ rotate: false, burnIn: false });
    expect(parseUrlOptions('').seconds).toBe(false);
    expect(parseUrlOptions('?seconds=1').seconds).toBe(true);
  });
});

describe('the token in the wall address', () => {
  it('is removed from the address, keeping every other option and the fragment', async () => {
    const { addressWithoutToken } = await import('../../../src/shared/view/url-options');
    expect(addressWithoutToken('http://127.0.0.1:8080/?token=s3cret&page=ops&rotate=0#x')).toBe('/?page=ops&rotate=0#x');
    expect(addressWithoutToken('http://127.0.0.1:8080/?token=s3cret')).toBe('/');
    expect(addressWithoutToken('http://127.0.0.1:8080/?page=ops')).toBeUndefined();
  });
});
