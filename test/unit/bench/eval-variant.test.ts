import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/main/engine/detect/index';
import { parseOverride, withOverride } from '../../bench/eval-variant';

describe('eval:variant overrides', () => {
  it('changes only what the override names, down into the likelihood', () => {
    const p = withOverride(DEFAULT_PARAMS, parseOverride('{"flagAt": 6, "likelihood": {"warmup": 50}}'));
    expect(p.contextual.flagAt).toBe(6);
    expect(p.contextual.likelihood).toEqual({ ...DEFAULT_PARAMS.contextual.likelihood, warmup: 50 });
    expect({ ...p.contextual, flagAt: DEFAULT_PARAMS.contextual.flagAt, likelihood: DEFAULT_PARAMS.contextual.likelihood }).toEqual(DEFAULT_PARAMS.contextual);
    expect(p.rarity).toBe(DEFAULT_PARAMS.rarity);
    expect(withOverride(DEFAULT_PARAMS, parseOverride('{}'))).toEqual(DEFAULT_PARAMS);
  });

  it('refuses what is not JSON, an unknown setting and a setting of the wrong kind, naming it', () => {
    expect(() => parseOverride('{flagAt: 6}')).toThrow(/not JSON/);
    expect(() => parseOverride('{"flagat": 6}')).toThrow(/flagat/);
    expect(() => parseOverride('{"likelihood": {"warmup": -1}}')).toThrow(/likelihood\.warmup|warmup/);
    expect(() => parseOverride('{"warmup": "600"}')).toThrow(/warmup/);
  });
});
