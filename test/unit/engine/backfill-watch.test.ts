// Which batches reach back before what their source already wrote (update.backfill), and how the
// update coalescer merges that news.
import { describe, expect, it, vi } from 'vitest';
import { BackfillWatch } from '../../../src/main/engine/backfill-watch';
import { UpdateCoalescer, type UpdateNews } from '../../../src/main/engine/update-coalescer';

const T = 1_700_000_000_000; // ms, on a 15 s grid
const at = (k: number): number => T + k * 15_000;

describe('BackfillWatch', () => {
  it('says nothing for a first batch (a fresh start backfills into an empty wall) or for polls that move forward', () => {
    const w = new BackfillWatch();
    expect(w.written('p', [{ ts: [at(-120), at(-1), at(0)] }])).toEqual({ from: at(-120), backfill: undefined });
    expect(w.written('p', [{ ts: [at(1)] }, { ts: [at(1)] }])).toEqual({ from: at(1), backfill: undefined });
    // the same slot polled again (e.g. after a reload) is not older
    expect(w.written('p', [{ ts: [at(1)] }]).backfill).toBeUndefined();
    expect(w.written('p', []).from).toBeUndefined();
  });

  it('flags one query gap backfilled while another query of the source went on, up to the newest sample before', () => {
    const w = new BackfillWatch();
    w.written('p', [{ ts: [at(0)] }, { ts: [at(0)] }]);
    w.written('p', [{ ts: [at(1)] }]); // the second query failed this poll
    w.written('p', [{ ts: [at(2)] }]);
    // it answers again: its gap (slots 1..4) is backfilled, then its instant value at 5
    expect(w.written('p', [{ ts: [at(5)] }, { ts: [at(1), at(2), at(3), at(4), at(5)] }])).toEqual({ from: at(1), backfill: { from: at(1), to: at(2) } });
  });

  it('keeps sources apart: one source behind another is not a backfill', () => {
    const w = new BackfillWatch();
    w.written('a', [{ ts: [at(10)] }]);
    expect(w.written('b', [{ ts: [at(0)] }]).backfill).toBeUndefined();
    expect(w.written('b', [{ ts: [at(1)] }]).backfill).toBeUndefined();
  });
});

describe('UpdateCoalescer', () => {
  const news = (over: Partial<UpdateNews>): UpdateNews => ({ at: T, panels: [], health: false, alerts: false, incidents: false, ...over });

  it('merges the backfill of updates sent in one tick: the widest span, every panel', () => {
    vi.useFakeTimers();
    try {
      const sent: [UpdateNews, number | undefined][] = [];
      const c = new UpdateCoalescer((u, from) => sent.push([u, from]));
      c.add(news({ panels: ['x'] }), at(3));
      c.add(news({ panels: ['a', 'b'], backfill: { from: at(1), to: at(2), panels: ['a', 'b'] } }), at(1));
      c.add(news({ panels: ['c'], backfill: { from: at(0), to: at(1), panels: ['c'] } }), at(0));
      vi.advanceTimersByTime(200);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.[0].backfill).toEqual({ from: at(0), to: at(2), panels: ['a', 'b', 'c'] });
      expect(sent[0]?.[1]).toBe(at(0));
      c.add(news({ panels: ['x'] }), at(4));
      c.flush();
      expect(sent[1]?.[0].backfill).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
