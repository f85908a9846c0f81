// What a decimated chart shows after the sync replaces its rows: a full read that changes values at
// rows the wall held (one query's nulls backfilled, same x, same row count) must reach the picture,
// while replay scrubs and live tails keep reusing the decimation's buckets (their purpose).
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import type { SeriesData } from '../../../../src/shared/model';
import { LiveView } from '../../../../src/renderer/charts/live-window';
import { olderRowsChanged } from '../../../../src/renderer/store/series-merge';
import { emptySnapshot, settle, syncHarness } from './scripted-engine';

const WINDOW_MS = 2_000_000; // 2,000 rows 1 s apart: decimated to 100 buckets at 200 px
const WIDTH = 200; // CSS px
const FILLED = 9; // query b's backfilled value

const { loaded } = syncHarness();

/** Two queries per panel, a sample every second over [from, to]; `b` only nulls until backfilled. */
function answer(panelId: string, from: number, to: number, bFilled: boolean): SeriesData {
  const x: number[] = [];
  for (let t = Math.ceil(from / 1000); t <= Math.floor(to / 1000); t++) x.push(t);
  const mid = x[x.length >> 1] as number;
  return {
    panelId,
    x,
    series: ['a', 'b'].map((k) => ({ key: k, query: k, labels: {}, name: k })),
    y: [x.map((t) => t % 7), x.map((t) => (bFilled && t === mid ? FILLED : null))],
    errors: [],
  };
}

/** A scripted engine whose buffer is `answer`, and a chart of panel 'a' doing what timeseries-chart.ts does. */
async function wall() {
  const script: { bFilled: boolean; hold?: Promise<void> } = { bFilled: false };
  const { engine, store } = await loaded({ windowMs: WINDOW_MS, nextFrame: (show) => show() });
  const ask = engine.client.request.bind(engine.client);
  engine.client.request = async (name, args) => {
    const r = await ask(name, args);
    if (name !== 'query') return r;
    const q = args as { panels: string[]; from: number; to: number };
    const panels = q.panels.map((id) => answer(id, q.from, q.to, script.bFilled)); // the buffer when asked
    await script.hold;
    return { ...(r as object), panels } as typeof r;
  };
  // the loaded wall's first read had the harness' one-point rows: read it again with the script's
  engine.connection({ state: 'open', since: 0, attempt: 0 });
  engine.connection({ state: 'lost', since: 0, attempt: 1 });
  engine.connection({ state: 'open', since: 1, attempt: 0 });
  await settle();
  engine.take();
  const view = new LiveView(() => store.getState().range);
  const chart = { drawn: [] as uPlot.AlignedData, reused: 0, rewritten: 0 };
  const draw = (sd: SeriesData | undefined): void => {
    if (!sd) return;
    if (olderRowsChanged(sd)) {
      view.reset();
      chart.rewritten++;
    }
    chart.drawn = view.prepare([sd.x, ...sd.y], WIDTH);
    chart.reused = view.reusedBuckets();
  };
  draw(store.getState().series['a']);
  store.subscribe((s) => s.series['a'], draw);
  return { engine, store, script, chart };
}

const column = (d: uPlot.AlignedData, i: number): (number | null)[] => [...((d[i] ?? []) as (number | null)[])];

describe('a decimated chart and the reads that replace its rows', () => {
  it('shows query b’s backfilled value after a live full re-read that keeps the rows’ layout', async () => {
    const { engine, script, chart } = await wall();
    expect(chart.drawn[0].length).toBeLessThan(WINDOW_MS / 1000); // decimated
    expect(column(chart.drawn, 2).every((v) => v === null)).toBe(true);
    // the engine backfilled b's gap at x the panel already had; the wall re-reads after a lost connection
    script.bFilled = true;
    engine.connection({ state: 'lost', since: 2, attempt: 1 });
    engine.connection({ state: 'open', since: 3, attempt: 0 });
    await settle();
    expect(engine.take()).toContain('query a,b');
    expect(column(chart.drawn, 2)).toContain(FILLED);
  });

  it('keeps reusing buckets over live tails and replay scrubs', async () => {
    const { engine, store, chart } = await wall();
    const rewrittenBefore = chart.rewritten;
    const x0 = store.getState().series['a']?.x.at(-1) as number; // s
    // live: five 1 s updates, each carrying its new row
    for (let k = 1; k <= 5; k++) {
      const at = (x0 + k) * 1000;
      const tail = { from: at, to: at, panels: [answer('a', at, at, false)] };
      engine.emit('update', { at, panels: ['a'], health: false, alerts: false, incidents: false, snapshot: emptySnapshot(at), tail });
      await settle();
      expect(store.getState().series['a']?.x.at(-1)).toBe(x0 + k);
      // 100 buckets over the window: the tail rescans the last one
      expect(chart.reused).toBeGreaterThanOrEqual(98);
    }
    // replay: the bar scrubbed back a minute at a time; every frame is a full read of an unchanged buffer
    for (let k = 1; k <= 5; k++) {
      store.getState().setReplayAt((x0 - 60 * k) * 1000);
      await settle();
      expect(store.getState().series['a']?.x.at(-1)).toBe(x0 - 60 * k);
      // a minute is 3 buckets of 20 s: the rest are where they were
      expect(chart.reused).toBeGreaterThanOrEqual(95);
    }
    expect(chart.rewritten).toBe(rewrittenBefore);
  });

  it('shows a value backfilled while the wall replays on the next frame', async () => {
    const { engine, store, script, chart } = await wall();
    const x0 = store.getState().series['a']?.x.at(-1) as number; // s
    store.getState().setReplayAt((x0 - 60) * 1000);
    await settle();
    engine.take();
    expect(column(chart.drawn, 2).every((v) => v === null)).toBe(true);
    script.bFilled = true;
    const at = (x0 + 1) * 1000;
    const backfill = { from: (x0 - 1_000) * 1000, to: at, panels: ['a'] };
    engine.emit('update', { at, panels: ['a'], health: false, alerts: false, incidents: false, backfill });
    await settle();
    expect(engine.take()).toEqual([]); // a replaying wall reads nothing for an update
    store.getState().setReplayAt((x0 - 59) * 1000);
    await settle();
    expect(column(chart.drawn, 2)).toContain(FILLED);
    // the frame after it reuses again
    store.getState().setReplayAt((x0 - 120) * 1000);
    await settle();
    expect(chart.reused).toBeGreaterThanOrEqual(95);
  });

  it('shows a value backfilled while a live read was in flight on the replay frame read after it', async () => {
    const { engine, store, script, chart } = await wall();
    const x0 = store.getState().series['a']?.x.at(-1) as number; // s
    let release = (): void => undefined;
    script.hold = new Promise<void>((r) => (release = r));
    // a live re-read is asked from the buffer before the backfill...
    engine.connection({ state: 'lost', since: 2, attempt: 1 });
    engine.connection({ state: 'open', since: 3, attempt: 0 });
    await settle();
    // ...which lands meanwhile; its update waits for the read, and the wall goes into replay
    script.bFilled = true;
    const at = (x0 + 1) * 1000;
    const backfill = { from: (x0 - 1_000) * 1000, to: at, panels: ['a'] };
    engine.emit('update', { at, panels: ['a'], health: false, alerts: false, incidents: false, snapshot: emptySnapshot(at), backfill });
    store.getState().setReplayAt((x0 - 60) * 1000);
    release();
    for (let i = 0; i < 5; i++) await settle();
    expect(store.getState().series['a']?.x.at(-1)).toBe(x0 - 60);
    expect(column(chart.drawn, 2)).toContain(FILLED);
  });
});
