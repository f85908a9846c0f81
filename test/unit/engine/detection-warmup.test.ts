// A restarted wall's detectors warm up from the buffer (a real SQLite file, closed and reopened):
// after the restart they score exactly as if the wall had never stopped, so a fault right after a
// restart is flagged at once, where a wall with an empty buffer is still warming up.
import { afterEach, describe, expect, it } from 'vitest';
import { Detection } from '../../../src/main/engine/detection';
import { boardSchema } from '../../../src/shared/config-schema';
import { metricBatch, series, tempStore, T0, type TempStore } from '../store/temp-store';

const STEP = 15_000; // ms
const board = boardSchema.parse({
  sources: { prometheus: [{ id: 'p', url: 'http://127.0.0.1:9090', interval: '15s' }] },
  detect: { method: 'auto', sensitivity: 'medium' },
  pages: [{ id: 'x', title: 'X', panels: [{ id: 'q', type: 'timeseries', query: 'queue_depth' }] }],
});

/** 8 h of 15 s samples before T0 and 100 after: noise around 50, seeded. */
function samples(): { ts: number[]; values: number[] } {
  let x = 17;
  const ts: number[] = [];
  const values: number[] = [];
  for (let t = T0 - 8 * 3_600_000; t < T0 + 100 * STEP; t += STEP) {
    x = (x * 16807) % 2147483647;
    ts.push(t);
    // why: 4 significant digits, so the buffer (5 by default) gives back exactly what was scored live
    values.push(Number((50 + 10 * Math.sin(t / 3_600_000) + (x / 2147483647 - 0.5) * 4).toPrecision(4)));
  }
  return { ts, values };
}

/** Feeds samples poll by poll (4 at a time, as a live wall would) and writes them with their scores. */
function run(t: TempStore, d: Detection, ts: number[], values: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ts.length; i += 4) {
    const batch = metricBatch('p', ts[Math.min(i + 3, ts.length - 1)] as number, [series('p', 'queue_depth', {}, ts.slice(i, i + 4), values.slice(i, i + 4))]);
    const { scores } = d.score(batch.samples);
    for (const s of scores) out.push(...s.values);
    t.store.writeBatch({ ...batch, samples: [...batch.samples, ...scores] });
  }
  return out;
}

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

describe('detection across a restart', () => {
  it('scores after a restart exactly as a wall that never stopped, and flags a fault at once', () => {
    const { ts, values } = samples();
    const cut = ts.findIndex((x) => x >= T0);
    values[cut + 2] = (values[cut + 2] as number) + 60; // a fault two samples after the restart

    // the wall that never stopped
    t = tempStore();
    const never = new Detection(t.store);
    never.setBoard(board, ts[0] as number);
    const continuous = run(t, never, ts, values);
    t.cleanup();

    // the wall that stops at T0 and starts again from its buffer file
    t = tempStore();
    const before = new Detection(t.store);
    before.setBoard(board, ts[0] as number);
    run(t, before, ts.slice(0, cut), values.slice(0, cut));
    const store = t.reopen();
    const after = new Detection(store);
    after.setBoard(board, T0);
    const restarted = run(t, after, ts.slice(cut), values.slice(cut));
    expect(restarted).toEqual(continuous.slice(cut));
    expect(restarted[2]).toBeGreaterThanOrEqual(0.5);

    // a wall with nothing buffered is still warming up when the same fault comes
    t.cleanup();
    t = tempStore();
    const fresh = new Detection(t.store);
    fresh.setBoard(board, T0);
    const cold = run(t, fresh, ts.slice(cut), values.slice(cut));
    expect(cold[2] ?? 0).toBeLessThan(0.5);
  });
});
