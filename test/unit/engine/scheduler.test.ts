import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, MAX_BACKOFF_FACTOR, nextDelay } from '../../../src/main/engine/scheduler';
import type { Batch } from '../../../src/shared/model';
import { emptyBatch } from '../../../src/shared/model';
import type { PollContext, Source } from '../../../src/main/engine/sources/source';
import { boardSchema } from '../../../src/shared/config-schema';
import { MAX_REASON_CHARS } from '../../../src/main/engine/sources/untrusted-text';

const board = boardSchema.parse({ pages: [{ id: 'p', title: 'P', panels: [{ id: 't', type: 'text', text: 'x' }] }] });

function fakeSource(poll: (ctx: PollContext) => Promise<Batch>, intervalMs = 1000, timeoutMs = 500): Source {
  return { id: 's', kind: 'prometheus', intervalMs, timeoutMs, poll };
}

function context(_s: Source, signal: AbortSignal): PollContext {
  return { signal, now: Date.now(), board, lastSampleAt: () => undefined };
}

describe('nextDelay', () => {
  it('subtracts the time the poll took from the interval', () => {
    expect(nextDelay(15_000, 2_000, 0, 0.5)).toBe(13_000);
  });
  it('adds at most ±10 % jitter', () => {
    expect(nextDelay(10_000, 0, 0, 0)).toBe(9_000);
    expect(nextDelay(10_000, 0, 0, 0.999999)).toBeCloseTo(11_000, -1);
  });
  it('backs off exponentially on consecutive failures, capped at 8× the interval', () => {
    expect(nextDelay(1000, 0, 1, 0.5)).toBe(2000);
    expect(nextDelay(1000, 0, 2, 0.5)).toBe(4000);
    expect(nextDelay(1000, 0, 3, 0.5)).toBe(8000);
    expect(nextDelay(1000, 0, 10, 0.5)).toBe(1000 * MAX_BACKOFF_FACTOR);
  });
  it('never returns a negative delay when a poll overran its interval', () => {
    expect(nextDelay(1000, 5000, 0, 0.5)).toBe(0);
  });
});

describe('scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls at once, then every interval, and delivers each batch', async () => {
    const batches: Batch[] = [];
    const source = fakeSource(async () => emptyBatch('s', 'prometheus', Date.now()));
    const sched = createScheduler({ sources: [source], context, onBatch: (b) => batches.push(b), random: () => 0.5 });
    sched.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(batches).toHaveLength(4);
    await sched.stop();
  });

  it('hands on error reasons from a server as one bounded line with bidi controls made visible', async () => {
    const batches: Batch[] = [];
    const hostile = 'HTTP 502: <script>alert(1)</script>\u202Egnp.exe\n\u001b[31mFAKE LOG LINE ' + 'x'.repeat(100_000);
    const source = fakeSource(async () => ({
      ...emptyBatch('s', 'prometheus', Date.now()),
      status: { ok: false, reason: hostile },
      queries: [{ source: 's', query: 'up', outcome: { ok: false, reason: hostile } }, { source: 's', query: 'ok', outcome: { ok: true } }],
    }));
    const sched = createScheduler({ sources: [source], context, onBatch: (b) => batches.push(b), random: () => 0.5 });
    sched.start();
    await vi.advanceTimersByTimeAsync(0);
    await sched.stop();
    const b = batches[0]!;
    const reasons = [b.status.ok ? '' : b.status.reason, ...b.queries.map((q) => (q.outcome.ok ? '' : q.outcome.reason))];
    expect(reasons[0]).toBe(reasons[1]);
    expect(reasons[0]).toMatch(/^HTTP 502: <script>alert\(1\)<\/script>\[U\+202E\]gnp\.exe \[31mFAKE LOG LINE x+…$/);
    expect(reasons[0]!.length).toBe(MAX_REASON_CHARS);
    expect(b.queries[1]!.outcome).toEqual({ ok: true });
  });

  it('never runs two polls of one source at once, even when a poll outlasts the interval', async () => {
    let active = 0;
    let maxActive = 0;
    const source = fakeSource(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 2500));
      active--;
      return emptyBatch('s', 'prometheus', Date.now());
    }, 1000, 10_000);
    const sched = createScheduler({ sources: [source], context, onBatch: () => undefined, random: () => 0.5 });
    sched.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(maxActive).toBe(1);
    const stopped = sched.stop(); // why: this poll ignores its signal, so let its 2.5 s elapse
    await vi.advanceTimersByTimeAsync(3000);
    await stopped;
  });

  it('aborts a poll at its timeout through the AbortSignal', async () => {
    const reasons: string[] = [];
    const source = fakeSource(
      (ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () =>
            resolve({ ...emptyBatch('s', 'prometheus', 0), status: { ok: false, reason: String((ctx.signal.reason as Error).message) } }),
          );
        }),
      1000,
      300,
    );
    const sched = createScheduler({ sources: [source], context, onBatch: (b) => reasons.push(b.status.ok ? 'ok' : b.status.reason), random: () => 0.5 });
    sched.start();
    await vi.advanceTimersByTimeAsync(301);
    expect(reasons).toEqual(['timed out after 0.3s']);
    await sched.stop();
  });

  it('backs off after failures and recovers to the interval after a success', async () => {
    const times: number[] = [];
    let fail = true;
    const source = fakeSource(async () => {
      times.push(Date.now());
      const b = emptyBatch('s', 'prometheus', Date.now());
      return fail ? { ...b, status: { ok: false, reason: 'down' } } : b;
    });
    const sched = createScheduler({ sources: [source], context, onBatch: () => undefined, random: () => 0.5 });
    const t0 = Date.now();
    sched.start();
    await vi.advanceTimersByTimeAsync(2000 + 4000 + 8000 + 8000 + 1);
    expect(times.map((t) => t - t0)).toEqual([0, 2000, 6000, 14000, 22000]);
    expect(sched.failures('s')).toBe(5);
    fail = false;
    await vi.advanceTimersByTimeAsync(8000);
    expect(sched.failures('s')).toBe(0);
    await sched.stop();
  });

  it('survives a source that throws and reports it as an error batch', async () => {
    const reasons: string[] = [];
    const source = fakeSource(async () => {
      throw new Error('boom');
    });
    const sched = createScheduler({ sources: [source], context, onBatch: (b) => reasons.push(b.status.ok ? 'ok' : b.status.reason), random: () => 0.5 });
    sched.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons).toEqual(['internal error: boom']);
    await sched.stop();
  });

  it('stops cleanly: aborts the poll in flight and schedules nothing more', async () => {
    let polls = 0;
    let aborted = false;
    const source = fakeSource((ctx) => {
      polls++;
      return new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
          resolve(emptyBatch('s', 'prometheus', 0));
        });
      });
    }, 1000, 60_000);
    const delivered: Batch[] = [];
    const sched = createScheduler({ sources: [source], context, onBatch: (b) => delivered.push(b), random: () => 0.5 });
    sched.start();
    await vi.advanceTimersByTimeAsync(10);
    await sched.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(aborted).toBe(true);
    expect(polls).toBe(1);
    expect(delivered).toHaveLength(0);
  });
});
