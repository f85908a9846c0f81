import { describe, expect, it } from 'vitest';
import { installBevelJoins } from './bevel-joins';

/** The part of a 2D context this touches: a lineJoin accessor on the prototype, as in a browser. */
class Context {
  private join: CanvasLineJoin = 'miter';
  get lineJoin(): CanvasLineJoin {
    return this.join;
  }
  set lineJoin(v: CanvasLineJoin) {
    this.join = v;
  }
}

const drawn = (ctx: Context): CanvasLineJoin => Object.getOwnPropertyDescriptor(Context.prototype, 'lineJoin')?.get?.call(ctx) as CanvasLineJoin;

describe('installBevelJoins', () => {
  it('draws round joins as bevels and reads back what was set', () => {
    const ctx = new Context();
    installBevelJoins(ctx as unknown as CanvasRenderingContext2D);
    ctx.lineJoin = 'round';
    expect(drawn(ctx)).toBe('bevel');
    expect(ctx.lineJoin).toBe('round');
    ctx.lineJoin = 'miter';
    expect(drawn(ctx)).toBe('miter');
    expect(ctx.lineJoin).toBe('miter');
  });

  it('leaves other contexts alone', () => {
    const a = new Context();
    const b = new Context();
    installBevelJoins(a as unknown as CanvasRenderingContext2D);
    b.lineJoin = 'round';
    expect(drawn(b)).toBe('round');
  });
});
