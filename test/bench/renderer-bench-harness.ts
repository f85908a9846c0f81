/**
 * Source of the renderer bench's harness page, written to a temp dir and built with Vite at run
 * time. It mounts the real PanelFrame (so the real TimeseriesPanel, StatPanel and Sparkline) on
 * the real store and drives live updates as src/renderer/store/sync.ts does: a new snapshot
 * (every panel's newest value changes, so React re-renders what depends on it), then
 * mergeTail → setSeries (with the range, one store update). `src` is the path from the temp dir to the repo's src/.
 */

export function harnessHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>renderer bench</title>
<style>
  :root { --bg:#111217; --panel-bg:#181b1f; --fg:#d8d9da; --muted:#8e8e8e; --grid:rgba(255,255,255,.12);
          --ok:#73bf69; --warning:#fade2a; --high:#ff9830; --critical:#f2495c; --info:#5794f2;
          font-size: clamp(12px, 0.9vw, 40px); }
  html, body { margin:0; height:100%; background:var(--bg); color:var(--fg); font-family: system-ui, sans-serif; overflow:hidden; }
  #root { display:grid; grid-template-columns:repeat(8, 1fr); grid-template-rows:repeat(5, 1fr); gap:6px; padding:6px; box-sizing:border-box; height:100vh; }
</style></head>
<body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>
`;
}

export function harnessMain(src: string): string {
  return `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { panel as panelSchema } from '${src}/shared/config-schema';
import type { SeriesData, AnomalyPoint } from '${src}/shared/model';
import type { BoardView, PanelSnapshot, Snapshot } from '${src}/shared/api';
import { useWallboard } from '${src}/renderer/store';
import { mergeTail } from '${src}/renderer/store/series-merge';
import { PanelFrame } from '${src}/renderer/panels/PanelFrame';

// why a glob: the same harness runs on a build from before the live draw scheduler (paired runs);
// there the charts draw in the update's microtasks and nothing is left to wait for
const schedulers = import.meta.glob('${src}/renderer/charts/draw-scheduler.ts', { eager: true }) as Record<string, { liveDraws?: { idle(): Promise<void> } }>;
const liveDraws = Object.values(schedulers)[0]?.liveDraws;
/** Resolves when every chart has drawn the updates so far. */
const drawn = (): Promise<void> => liveDraws?.idle() ?? Promise.resolve();

const params = new URLSearchParams(location.search);
const N = Number(params.get('panels') ?? 40);
const POINTS = Number(params.get('points') ?? 5760);
const STEP = 15; // s
const COLORS = ['#e4572e', '#17becf', '#9467bd', '#2ca02c', '#4c78a8'];
let now = Math.floor(Date.UTC(2026, 0, 1) / 1000); // s, the simulated clock

// Deterministic values: a daily wave, a fast wobble and hashed noise.
function value(p: number, s: number, t: number): number | null {
  // every 10th panel has a 20-minute hole in its first series each 6 h, drawn as a gap
  if (p % 10 === 0 && s === 0 && (t % 21600) < 1200) return null;
  const n = Math.sin((t * 12.9898 + p * 78.233 + s * 37.719) % 1e5) * 43758.5453;
  return 50 + 25 * Math.sin((t / 86400) * 2 * Math.PI + p) + 5 * Math.sin(t / 600 + s) + 4 * (n - Math.floor(n));
}

const seriesCount = (p: number): number => (p % 4 === 3 ? 1 : 1 + (p % 3)); // 1–3 series per chart
const isStat = (p: number): boolean => p % 4 === 3;

function initial(p: number): SeriesData {
  const k = seriesCount(p);
  const x: number[] = [];
  const y: (number | null)[][] = Array.from({ length: k }, () => []);
  for (let i = POINTS - 1; i >= 0; i--) {
    const t = now - i * STEP;
    x.push(t);
    for (let s = 0; s < k; s++) (y[s] as (number | null)[]).push(value(p, s, t));
  }
  return {
    panelId: 'p' + p,
    x,
    y,
    series: Array.from({ length: k }, (_, s) => ({ key: 'demo|m' + p + '|host="h' + s + '"', query: 'm' + p, labels: { host: 'h' + s }, name: 'host h' + s })),
    errors: [],
  };
}

function tail(p: number, prev: SeriesData): SeriesData {
  return { ...prev, x: [now], y: prev.y.map((_, s) => [value(p, s, now)]) };
}

const anomalies: Record<string, AnomalyPoint[]> = {};
for (let p = 0; p < N; p += 5) {
  const pts: AnomalyPoint[] = [];
  for (let i = 0; i < 8; i++) pts.push({ t: (now - 3600 * (p % 7 + 1) + i * STEP) * 1000, score: 0.9, ...(i === 3 ? { explanation: 'level shift' } : {}) });
  anomalies['demo|m' + p + '|host="h0"'] = pts;
}
const panels = Array.from({ length: N }, (_, p) =>
  panelSchema.parse({
    id: 'p' + p,
    type: isStat(p) ? 'stat' : 'timeseries',
    title: 'panel ' + p,
    query: 'm' + p,
    unit: 'short',
    brand: 'b' + (p % COLORS.length),
    thresholds: p % 2 === 0 ? [{ value: 80, severity: 'warning' }, { value: 95, severity: 'critical' }] : [],
  }),
);
const board: BoardView = {
  title: 'bench',
  theme: 'dark',
  retentionMs: 86_400_000,
  brands: COLORS.map((color, i) => ({ id: 'b' + i, name: 'Brand ' + i, color })),
  pages: [{ id: 'bench', title: 'bench', dwell: 3_600_000, panels }],
  // why a source: a wall's charts shade their source's data gaps (none here), as on a real board
  sources: [{ id: 'demo', kind: 'demo', intervalMs: STEP * 1000 }],
  healthTargets: [],
  version: 1,
};

/** The engine's snapshot at the simulated clock: each panel's newest values, as /api/snapshot has them. */
function snapshot(series: Record<string, SeriesData>): Snapshot {
  const out: Record<string, PanelSnapshot> = {};
  for (let p = 0; p < N; p++) {
    const sd = series['p' + p]!;
    const t = sd.x[sd.x.length - 1]! * 1000;
    out['p' + p] = { panelId: 'p' + p, state: 'ok', dataAgeMs: 0, values: sd.series.map((s, i) => ({ key: s.key, name: s.name, value: sd.y[i]![sd.y[i]!.length - 1] ?? null, t })) };
  }
  return { at: now * 1000, live: true, panels: out, health: [], alerts: [], silences: [], incidents: [], sources: [] };
}

const data = Array.from({ length: N }, (_, p) => initial(p));
performance.mark('bench:data');
useWallboard.getState().setBoard(board);
useWallboard.getState().setSeries(data, anomalies);
useWallboard.getState().setSnapshot(snapshot(useWallboard.getState().series));
useWallboard.getState().setRange({ from: (now - POINTS * STEP) * 1000, to: now * 1000 });

createRoot(document.getElementById('root')!).render(panels.map((panel) => h(PanelFrame, { key: panel.id, panel, pageId: 'bench' })));

/** ms spent in the last tick: snapshot (store + React), mergeTail (store), setSeries/setRange (charts' setData), uPlot draws. */
const last = { snapshot: 0, merge: 0, setData: 0, draw: 0 };

/**
 * Resolves after the microtasks queued so far and a few levels of those they queue (the host's
 * flush, then uPlot's commit). Microtasks cannot be interleaved with rendering, so this times the
 * JS work of an update alone; rendering is counted by the TaskDuration figure.
 */
async function afterMicrotasks(): Promise<void> {
  for (let i = 0; i < 6; i++) await Promise.resolve();
}

/**
 * One live update of every panel, as series-reads.ts's readTail does, with \`samples\` new samples per
 * series (1 = a 15 s tick; more = catching up); resolves with ms of JS work.
 */
async function tick(samples = 1): Promise<number> {
  const state = useWallboard.getState();
  const tails = new Map<number, SeriesData>();
  for (let k = 0; k < samples; k++) {
    now += STEP;
    for (let p = 0; p < N; p++) {
      const t = tail(p, state.series['p' + p]!);
      const acc = tails.get(p);
      tails.set(p, acc ? { ...acc, x: acc.x.concat(t.x), y: acc.y.map((c, s) => c.concat(t.y[s]!)) } : t);
    }
  }
  // Timed from here: the tails above stand in for the network (sync.ts receives them parsed).
  const ts = performance.now();
  // why: sync.ts reads the snapshot first, then the tails; the values are the tails' newest
  const newest: Record<string, SeriesData> = {};
  for (let p = 0; p < N; p++) {
    const t = tails.get(p)!;
    newest['p' + p] = t;
  }
  state.setSnapshot(snapshot(newest));
  // why: React renders what the snapshot changed in a microtask (sync lane); count it here
  await afterMicrotasks();
  const t0 = performance.now();
  const from = (now - POINTS * STEP) * 1000;
  const merged: SeriesData[] = [];
  for (let p = 0; p < N; p++) {
    const prev = state.series['p' + p]!;
    const m = mergeTail(prev, tails.get(p)!, from / 1000);
    if (m && m !== prev) merged.push(m);
  }
  const t1 = performance.now();
  state.setSeries(merged, undefined, { from, to: now * 1000 });
  const t2 = performance.now();
  // why: charts draw in microtasks queued by setData (and by those); wait for all of them
  await afterMicrotasks();
  const t3 = performance.now();
  last.snapshot = t0 - ts;
  last.merge = t1 - t0;
  last.setData = t2 - t1;
  last.draw = t3 - t2;
  return t3 - ts;
}

/**
 * \`updates\` live updates, each started in a task (as an event stream message is) after \`gap\` quiet
 * frames, while every animation frame leaves a 'bench:frame' mark; 'bench:update' and 'bench:drawn'
 * marks bound each update (started → every chart drawn). Resolves with each update's ms from start to
 * drawn. The marks are read from a trace (renderer-bench-frames.ts).
 */
async function liveFrames(updates: number, gap: number): Promise<number[]> {
  let on = true;
  const loop = (): void => {
    if (!on) return;
    performance.mark('bench:frame');
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const frames = (n: number): Promise<void> => new Promise((r) => { const f = (k: number): void => void (k ? requestAnimationFrame(() => f(k - 1)) : setTimeout(r, 0)); f(n); });
  const out: number[] = [];
  try {
    for (let i = 0; i < updates; i++) {
      await frames(gap);
      performance.mark('bench:update');
      const t0 = performance.now();
      await tick();
      await drawn();
      out.push(performance.now() - t0);
      performance.mark('bench:drawn');
    }
    await frames(gap);
  } finally {
    on = false;
  }
  return out;
}

(window as unknown as { __bench: unknown }).__bench = {
  ready: () => performance.getEntriesByName('wallboard:chart-drawn').length >= N,
  tick,
  last: () => ({ ...last }),
  // why: one update per frame, like the live path; lets the frame (paint) run between ticks. After
  // the charts drew: with the live draw scheduler their draws run over the next frames
  frame: () => drawn().then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))),
  drawn,
  frames: liveFrames,
  heapMB: () => ((performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize) / 1048576,
  points: () => Object.values(useWallboard.getState().series).reduce((s, d) => s + d.x.length * d.y.length, 0),
};
`;
}
