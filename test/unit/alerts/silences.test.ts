import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchersFor } from '../../../src/main/engine/alerts/alertmanager-silences';
import { createIncidentTracker } from '../../../src/main/engine/alerts/tracker';
import type { IncidentTracker } from '../../../src/main/engine/alerts/types';
import type { Store } from '../../../src/main/engine/store/index';
import { startStub, type Stub, type StubHandler } from '../sources/stub-server';
import { alert, source, tempStore, testBoard } from './helpers';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

let store: Store;
let cleanup: () => void;
let am1: Stub;
let am2: Stub;
let tracker: IncidentTracker;
let replies: Record<string, StubHandler>;

function silenceApi(name: string): StubHandler {
  let n = 0;
  return (req) => {
    if (req.method === 'POST' && req.path === '/api/v2/silences') return { body: JSON.stringify({ silenceID: `${name}-s${++n}` }) };
    if (req.method === 'DELETE' && req.path.startsWith('/api/v2/silence/')) return { status: 200, body: '' };
    return { status: 404, body: 'not found' };
  };
}

beforeEach(async () => {
  ({ store, cleanup } = tempStore());
  replies = { am1: silenceApi('am1'), am2: silenceApi('am2') };
  am1 = await startStub((r) => (replies.am1 as StubHandler)(r));
  am2 = await startStub((r) => (replies.am2 as StubHandler)(r));
  const board = testBoard({
    sources: {
      alertmanager: [
        { id: 'am1', url: am1.url, author: 'noc-wall' },
        { id: 'am2', url: am2.url },
      ],
    },
  });
  tracker = createIncidentTracker({ db: store.db, board, now: () => T0 });
});
afterEach(async () => {
  await Promise.all([am1.close(), am2.close()]);
  cleanup();
});

describe('matchersFor', () => {
  it('matches every label exactly, leaving out internal and empty labels', () => {
    expect(matchersFor({ b: '2', a: '1', __name__: 'ALERTS', empty: '' })).toEqual([
      { name: 'a', value: '1', isRegex: false, isEqual: true },
      { name: 'b', value: '2', isRegex: false, isEqual: true },
    ]);
  });
});

describe('silence', () => {
  it('creates a silence on the Alertmanager that reports the alert, from its labels and the configured author', async () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1', { source: 'am1' })] })[0]!.incident;
    const r = await tracker.silence(inc.id, 2 * HOUR, 'deploying');
    expect(r.ok).toBe(true);
    expect(am2.requests).toHaveLength(0);
    expect(am1.requests).toHaveLength(1);
    const body = JSON.parse(am1.requests[0]!.body) as Record<string, unknown>;
    expect(body).toEqual({
      matchers: matchersFor(inc.labels),
      startsAt: new Date(T0).toISOString(),
      endsAt: new Date(T0 + 2 * HOUR).toISOString(),
      createdBy: 'noc-wall',
      comment: 'deploying',
    });
    // why: silenced is Alertmanager's word, read on the next poll; here only the id is known
    expect(r.ok && r.incident).toMatchObject({ silenceIds: ['am1-s1'], silenced: false });
    expect(tracker.get(inc.id)?.silenceIds).toEqual(['am1-s1']);
  });

  it('silences on every Alertmanager when no Alertmanager reported the alert, and succeeds with a warning when one fails', async () => {
    replies.am2 = () => ({ status: 500, body: 'boom' });
    const inc = tracker.observe({ at: T0, alerts: [alert('a1', { source: 'prom-alerts' })] })[0]!.incident;
    const r = await tracker.silence(inc.id, HOUR, 'noisy');
    expect(am1.requests).toHaveLength(1);
    expect(am2.requests).toHaveLength(1);
    expect(r).toMatchObject({ ok: true, incident: { silenceIds: ['am1-s1'] }, warnings: ['am2: HTTP 500: boom'] });
  });

  it('fails with 502 when no Alertmanager accepts the silence, and with 400 for a non-alert incident', async () => {
    replies.am1 = () => 'destroy';
    const inc = tracker.observe({ at: T0, alerts: [alert('a1')] })[0]!.incident;
    const r = await tracker.silence(inc.id, HOUR, 'x');
    expect(r).toMatchObject({ ok: false, status: 502 });
    expect(tracker.get(inc.id)?.silenceIds).toEqual([]);

    const pipe = tracker.observe({ at: T0, sources: [source('prom', 'down')] })[0]!.incident;
    expect(await tracker.silence(pipe.id, HOUR, 'x')).toMatchObject({ ok: false, status: 400 });
  });

  it('unsilence expires each silence it created, treating an already gone one as expired', async () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1', { source: 'am1' }), alert('a1', { source: 'am2' })] })[0]!.incident;
    await tracker.silence(inc.id, HOUR, 'x');
    expect(tracker.get(inc.id)?.silenceIds.sort()).toEqual(['am1-s1', 'am2-s1']);
    replies.am2 = () => ({ status: 404, body: 'silence not found' });
    const r = await tracker.unsilence(inc.id);
    expect(r).toMatchObject({ ok: true, incident: { silenceIds: [] } });
    expect(am1.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/v2/silence/am1-s1' });
    expect(am2.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/v2/silence/am2-s1' });
  });

  it('keeps the silence id when its Alertmanager cannot be reached to expire it', async () => {
    const inc = tracker.observe({ at: T0, alerts: [alert('a1', { source: 'am1' })] })[0]!.incident;
    await tracker.silence(inc.id, HOUR, 'x');
    replies.am1 = () => 'destroy';
    expect(await tracker.unsilence(inc.id)).toMatchObject({ ok: false, status: 502 });
    expect(tracker.get(inc.id)?.silenceIds).toEqual(['am1-s1']);
  });
});
