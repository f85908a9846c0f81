import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMaintenance } from '../../../src/main/engine/maintenance';
import type { Store } from '../../../src/main/engine/store/types';

function fakeStore(sealBacklog: number[], retainMore: boolean[]): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const store = {
    seal: (before: number) => {
      calls.push(`seal<${before}`);
      return sealBacklog.shift() ?? 0;
    },
    retain: (before: number) => {
      calls.push(`retain<${before}`);
      return { deletedChunks: 1, more: retainMore.shift() ?? false };
    },
  } as unknown as Store;
  return { store, calls };
}

describe('buffer upkeep', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('seals in bounded steps until the backlog is gone, then drops what is past the retention', async () => {
    const { store, calls } = fakeStore([20_000, 20_000, 500], [true, false]);
    const now = 100_000_000;
    const stop = startMaintenance(store, () => 86_400_000, () => now, () => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(1); // the steps yield with setImmediate
    const sealBefore = now - 600_000;
    const retainBefore = now - 86_400_000;
    expect(calls).toEqual([`seal<${sealBefore}`, `seal<${sealBefore}`, `seal<${sealBefore}`, `seal<${sealBefore}`, `retain<${retainBefore}`, `retain<${retainBefore}`]);
    stop();
  });

  it('logs a failure and tries again on the next round', async () => {
    const lines: string[] = [];
    let fail = true;
    const store = {
      seal: () => {
        if (fail) throw new Error('disk I/O error');
        return 0;
      },
      retain: () => ({ deletedChunks: 0, more: false }),
    } as unknown as Store;
    const stop = startMaintenance(store, () => 1000, () => 0, (l) => lines.push(l));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lines).toEqual(['buffer upkeep failed (will retry): disk I/O error']);
    fail = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lines).toHaveLength(1);
    stop();
  });
});
