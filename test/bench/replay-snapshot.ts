// snapshot(at) through the engine on a data dir holding the bench day, in a process of its own (as
// `serve --replay` or a restarted wall opens it: nothing else in its heap). The first call after
// opening is timed apart (statements prepared, code not yet optimised, SQLite's page cache empty);
// then PASSES passes over T_COUNT instants spread evenly from the first to the newest sample of the
// day, each pass in its own shuffled order, so every T is read once with its pages not yet in
// SQLite's cache (pass 1) and again warm. Prints one JSON line (SnapshotFigures).
// `node --import tsx test/bench/replay-snapshot.ts DIR FROM_MS TO_MS` (the board is DIR/board.yaml).
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../../src/main/engine/index';

export const T_COUNT = 96;
export const PASSES = 5;

/** [median, p95, max] in ms. */
export type Spread = [number, number, number];

export interface SnapshotFigures {
  /** The first call after opening: wall and CPU ms. */
  first: { wallMs: number; cpuMs: number };
  /** Pass 1: every T once, SQLite's page cache cold for it. */
  cold: { wallMs: Spread; cpuMs: Spread };
  /** All PASSES × T_COUNT calls after the first one. */
  all: { calls: number; wallMs: Spread; cpuMs: Spread };
  /** Each T's median over the passes, then median / p95 / max over the T: the cost at T with
   *  one-off pauses (a collection, the machine's other jobs) taken out. */
  perT: { wallMs: Spread; cpuMs: Spread; worstT: number };
  /** Garbage collections that started during a timed call, and the longest one (ms). */
  gc: { inCalls: number; maxMs: number };
  notOk: number;
}

export const spread = (xs: readonly number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
  return [at(0.5), at(0.95), s[s.length - 1] as number];
};

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  const r = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export async function measureSnapshots(dir: string, from: number, to: number): Promise<SnapshotFigures> {
  const engine = createEngine({ configFile: join(dir, 'board.yaml'), dataDir: dir, watch: false, now: () => to });
  const ms = (): number => performance.now();
  const gcs: { start: number; duration: number }[] = [];
  const obs = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) gcs.push({ start: e.startTime, duration: e.duration });
  });
  obs.observe({ entryTypes: ['gc'] });
  const windows: [number, number][] = [];
  let notOk = 0;
  const timed = async (at: number): Promise<{ wallMs: number; cpuMs: number }> => {
    const c0 = process.cpuUsage();
    const t0 = ms();
    const s = await engine.request('snapshot', { at });
    const t1 = ms();
    const c = process.cpuUsage(c0);
    windows.push([t0, t1]);
    if (Object.values(s.panels).some((p) => p.state !== 'ok')) notOk++;
    return { wallMs: t1 - t0, cpuMs: (c.user + c.system) / 1000 };
  };
  try {
    const ts = Array.from({ length: T_COUNT }, (_, i) => from + Math.round(((to - from) * i) / (T_COUNT - 1)));
    const first = await timed(ts[T_COUNT >> 1] as number);
    const calls: { at: number; wallMs: number; cpuMs: number; pass: number }[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      for (const at of shuffled(ts, pass + 1)) calls.push({ at, pass, ...(await timed(at)) });
    }
    await new Promise((r) => setTimeout(r, 10)); // the observer reports on a later tick
    const inCalls = gcs.filter((g) => windows.slice(1).some(([a, b]) => g.start >= a && g.start <= b));
    const cold = calls.filter((c) => c.pass === 0);
    const perT = ts.map((at) => {
      const mine = calls.filter((c) => c.at === at);
      return { at, wallMs: spread(mine.map((c) => c.wallMs))[0], cpuMs: spread(mine.map((c) => c.cpuMs))[0] };
    });
    const worst = perT.reduce((w, c) => (c.cpuMs > w.cpuMs ? c : w));
    if (process.env['BENCH_DEBUG']) {
      for (const [i, c] of calls.map((c, i) => [i, c] as const).sort((a, b) => b[1].cpuMs - a[1].cpuMs).slice(0, 8)) {
        const [a, b] = windows[i + 1] as [number, number];
        const g = gcs.filter((x) => x.start >= a && x.start <= b).map((x) => x.duration.toFixed(1));
        console.error(`pass ${c.pass} T+${((c.at - from) / 3.6e6).toFixed(2)} h: cpu ${c.cpuMs.toFixed(2)} wall ${c.wallMs.toFixed(2)} gc [${g.join(', ')}]`);
      }
    }
    return {
      first,
      cold: { wallMs: spread(cold.map((c) => c.wallMs)), cpuMs: spread(cold.map((c) => c.cpuMs)) },
      all: { calls: calls.length, wallMs: spread(calls.map((c) => c.wallMs)), cpuMs: spread(calls.map((c) => c.cpuMs)) },
      perT: { wallMs: spread(perT.map((c) => c.wallMs)), cpuMs: spread(perT.map((c) => c.cpuMs)), worstT: worst.at },
      gc: { inCalls: inCalls.length, maxMs: Math.max(0, ...inCalls.map((g) => g.duration)) },
      notOk,
    };
  } finally {
    obs.disconnect();
    await engine.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, from, to] = process.argv.slice(2);
  if (!dir || !from || !to) throw new Error('usage: replay-snapshot.ts DIR FROM_MS TO_MS');
  measureSnapshots(dir, Number(from), Number(to)).then(
    (f) => console.log(JSON.stringify(f)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
