import { describe, expect, it } from 'vitest';
import { timedPoll, type PollContext } from '../../../src/main/engine/sources/source';
import { makeBoard } from './board';

const ctx: PollContext = { signal: new AbortController().signal, now: 1_700_000_000_000, board: makeBoard({ sources: {} }), lastSampleAt: () => undefined };
const source = { id: 'am', kind: 'alertmanager' as const };

describe('timedPoll', () => {
  it('hands an empty batch of the source at ctx.now to fill and stamps how long the poll took', async () => {
    const batch = await timedPoll(source, ctx, async (b) => {
      expect(b).toMatchObject({ source: 'am', kind: 'alertmanager', at: ctx.now, status: { ok: true }, samples: [], queries: [], health: [] });
      await new Promise((r) => setTimeout(r, 30));
      b.alerts = [];
    });
    expect(batch.status).toEqual({ ok: true });
    expect(batch.alerts).toEqual([]);
    expect(batch.durationMs).toBeGreaterThanOrEqual(25); // ms; timers may fire a little early
  });

  it('turns a throw into an error status and drops an alert list cut short, never rejecting', async () => {
    const batch = await timedPoll(source, ctx, (b) => {
      b.alerts = [];
      return Promise.reject(new Error('boom'));
    });
    expect(batch.status).toEqual({ ok: false, reason: 'internal error: boom' });
    expect(batch.alerts).toBeUndefined();
  });
});
