import { describe, expect, it } from 'vitest';
import { sourceGaps } from '../../../src/main/engine/timeline';

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
