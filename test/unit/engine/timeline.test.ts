import { describe, expect, it } from 'vitest';
import { sourceGaps, timelineOf } from '../../../src/main/engine/timeline';
import { emptyBatch } from '../../../src/shared/model';
import { T0, tempStore } from '../store/temp-store';

const S = 15_000; // ms: poll interval
const noData = (): boolean => false;

describe('replay timeline gaps', () => {
  it('shows a span without polls as the wall not running, and failed polls as the source down with the reason', () => {
    const runs = [
      { source: 'prom', at: 100 * S, lastAt: 200 * S, ok: true },
      { source: 'prom', at: 201 * S, lastAt: 210 * S, ok: false, reason: 'connect ECONNREFUSED' },
      { source: 'prom', at: 211 * S, lastAt: 300 * S, ok: true },
      // the wall was stopped from poll 300 to 400
      { source: 'prom', at: 400 * S, lastAt: 500 * S, ok: true },
    ];
    expect(sourceGaps('prom', runs, 0, 500 * S, S, noData)).toEqual([
      { sourceId: 'prom', kind: 'not-running', reason: 'wall not running', from: 0, to: 100 * S },
      { sourceId: 'prom', kind: 'down', reason: 'source down: connect ECONNREFUSED', from: 201 * S, to: 211 * S },
      { sourceId: 'prom', kind: 'not-running', reason: 'wall not running', from: 300 * S, to: 400 * S },
    ]);
  });

  it('does not call a missed poll or two a gap, nor a span whose data was backfilled', () => {
    const runs = [
      { source: 'demo', at: 100 * S, lastAt: 200 * S, ok: true },
      { source: 'demo', at: 202 * S, lastAt: 300 * S, ok: true },
    ];
    expect(sourceGaps('demo', runs, 0, 300 * S, S, () => true)).toEqual([]);
    expect(sourceGaps('demo', runs, 0, 300 * S, S, noData)).toHaveLength(1);
  });

  it('merges back-to-back failures with changing reasons into one outage', () => {
    const runs = [
      { source: 'am', at: 0, lastAt: 10 * S, ok: false, reason: 'timeout' },
      { source: 'am', at: 11 * S, lastAt: 20 * S, ok: false, reason: 'HTTP 502' },
    ];
    expect(sourceGaps('am', runs, 0, 21 * S, S, noData)).toEqual([{ sourceId: 'am', kind: 'down', reason: 'source down: timeout', from: 0, to: 21 * S }]);
  });
});

describe('replay timeline across a restart of the wall', () => {
  it('shows the time the wall was stopped as not running, for a source that was down and one that was fine, and a poll after a start opens a new run', () => {
    const t = tempStore();
    try {
      const poll = (at: number, ok: boolean): void => {
        t.store.writeBatch({ ...emptyBatch('prom', 'prometheus', at), status: ok ? { ok: true } : { ok: false, reason: 'connect ECONNREFUSED' } });
        t.store.writeBatch({ ...emptyBatch('health', 'health', at), status: { ok: true } });
      };
      for (let i = 0; i <= 20; i++) poll(T0 + i * S, false);
      // stopped from poll 20 to poll 100, then started again on the same buffer
      t.reopen();
      for (let i = 100; i <= 120; i++) poll(T0 + i * S, false);
      expect(t.store.statusRuns(T0, T0 + 120 * S).filter((r) => r.source === 'prom')).toHaveLength(2);
      const { gaps } = timelineOf(t.store, [], T0, T0 + 120 * S, new Map([['prom', S], ['health', S]]), ['prom', 'health']);
      const stopped = { kind: 'not-running', reason: 'wall not running', from: T0 + 20 * S, to: T0 + 100 * S };
      expect(gaps.filter((g) => g.sourceId === 'health')).toEqual([{ sourceId: 'health', ...stopped }]);
      expect(gaps.filter((g) => g.sourceId === 'prom').map(({ kind, from, to }) => ({ kind, from, to }))).toEqual([
        { kind: 'down', from: T0, to: T0 + 21 * S },
        { kind: stopped.kind, from: T0 + 21 * S, to: stopped.to },
        { kind: 'down', from: T0 + 100 * S, to: T0 + 120 * S },
      ]);
    } finally {
      t.cleanup();
    }
  });
});

describe('replay timeline while the scheduler backs off', () => {
  it('keeps the waits between retries of a down source down, up to the longest retry wait, not "wall not running"', () => {
    const runs = [
      { source: 'prom', at: 0, lastAt: 100 * S, ok: true },
      // failed polls 1, 2, 4, 8, 8 intervals apart (backoff), then back
      { source: 'prom', at: 101 * S, lastAt: 123 * S, ok: false, reason: 'connect ECONNREFUSED' },
      { source: 'prom', at: 131 * S, lastAt: 200 * S, ok: true },
    ];
    expect(sourceGaps('prom', runs, 0, 200 * S, S, noData)).toEqual([
      { sourceId: 'prom', kind: 'down', reason: 'source down: connect ECONNREFUSED', from: 101 * S, to: 131 * S },
    ]);
    // still down now, waiting for the next retry: down to the end of the range
    expect(sourceGaps('prom', runs.slice(0, 2), 0, 130 * S, S, noData)).toEqual([
      { sourceId: 'prom', kind: 'down', reason: 'source down: connect ECONNREFUSED', from: 101 * S, to: 130 * S },
    ]);
  });

  it('still shows a pause longer than any retry wait, or one ended by a restart (same reason, new run), as not running', () => {
    const long = [
      { source: 'prom', at: 101 * S, lastAt: 123 * S, ok: false, reason: 'timeout' },
      { source: 'prom', at: 150 * S, lastAt: 200 * S, ok: true },
    ];
    expect(sourceGaps('prom', long, 101 * S, 200 * S, S, noData).map((g) => [g.kind, g.from / S, g.to / S])).toEqual([
      ['down', 101, 124],
      ['not-running', 124, 150],
    ]);
    const restarted = [
      { source: 'prom', at: 101 * S, lastAt: 123 * S, ok: false, reason: 'timeout' },
      { source: 'prom', at: 130 * S, lastAt: 200 * S, ok: false, reason: 'timeout' },
    ];
    expect(sourceGaps('prom', restarted, 101 * S, 200 * S, S, noData).map((g) => [g.kind, g.from / S, g.to / S])).toEqual([
      ['down', 101, 124],
      ['not-running', 124, 130],
      ['down', 130, 200],
    ]);
  });
});
