/**
 * One process of the walls bench: N walls running the real client's code (http-client.ts over
 * undici's EventSource + fetch, the real store and startSync: window 1 h, 480 points) against a
 * `wallboard serve`. Started by walls-bench.ts with an IPC channel (bench-child.ts):
 *
 *   node --import tsx test/bench/walls-child.ts URL N delta|re-ask
 *
 * Latency is taken against the server's clock (same machine, same clock): an update's snapshot.at is
 * the engine's Date.now() when it read the snapshot it sends, so `Date.now() here − snapshot.at` is
 * serve's encoding and fan-out, the stream, and this wall's own parse and store update.
 * "delivered" stops when the client hands the parsed event on; "current" when the wall's store holds
 * the snapshot and every chart's window at that time.
 */
import { EventSource as UndiciEventSource } from 'undici';
import type { UpdateEvent } from '../../src/shared/api';
import { createHttpClient } from '../../src/renderer/api/http-client';
import { createWallboardStore } from '../../src/renderer/store/index';
import { startSync } from '../../src/renderer/store/sync';
import { runAsBenchChild } from './bench-child';
import { LightEventSource } from './light-event-source';

export interface WallsChildReport {
  /** ms, one per wall per update: server timestamp → wall holds the new data */
  current: number[];
  /** ms, one per wall per update: server timestamp → the parsed event reaches the client's listeners */
  delivered: number[];
  /** server timestamps of the updates seen */
  updates: number[];
  /** HTTP requests the walls made while measuring */
  requests: number;
  /** (wall, update) pairs not current 2 s after the run */
  missed: number;
  /** CPU seconds this process used while measuring (user + system) */
  cpuSeconds: number;
}

export type WallsMode = 'delta' | 're-ask';

/** Server timestamp of each update, by its `at` (for re-ask walls, whose events lose the snapshot). */
const serverTs = new Map<number, number>();

function stamp(u: UpdateEvent): number {
  const ts = u.snapshot?.at ?? serverTs.get(u.at) ?? u.at;
  serverTs.set(u.at, ts);
  return ts;
}

/** An EventSource whose update events lose the data they carry: the client then reads as before. */
function reAskingEventSource(): typeof EventSource {
  class ReAsking extends UndiciEventSource {
    override addEventListener(type: string, listener: unknown): void {
      const l = listener as (ev: Event) => void;
      if (type !== 'update') return super.addEventListener(type, l);
      super.addEventListener(type, (ev: Event) => {
        const m = ev as MessageEvent;
        const u = JSON.parse(String(m.data)) as UpdateEvent;
        stamp(u);
        const bare = { at: u.at, panels: u.panels, health: u.health, alerts: u.alerts, incidents: u.incidents };
        l(new MessageEvent('update', { data: JSON.stringify(bare), lastEventId: m.lastEventId }));
      });
    }
  }
  return ReAsking as unknown as typeof EventSource;
}

export interface Walls {
  /** Every wall has taken an update and holds its data (so it knows updates carry the snapshot). */
  loaded(): boolean;
  reset(): void;
  report(until?: number): WallsChildReport;
  stop(): void;
}

export function startWalls(url: string, n: number, mode: WallsMode): Walls {
  let requests = 0;
  const fetchImpl: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const current: [ts: number, ms: number][] = [];
  const delivered: [ts: number, ms: number][] = [];
  const seen = new Set<number>();
  const stops: (() => void)[] = [];
  const pending: Set<number>[] = [];
  // why a choice: WALLS_ES=light parses the stream with a minimal reader, nearer a browser's native EventSource
  const delta = process.env.WALLS_ES === 'light' ? LightEventSource : UndiciEventSource;
  const ES = mode === 'delta' ? (delta as unknown as typeof EventSource) : reAskingEventSource();
  for (let i = 0; i < n; i++) {
    const client = createHttpClient({ baseUrl: url, fetchImpl, eventSourceImpl: ES });
    const store = createWallboardStore();
    const waiting = new Set<number>(); // server timestamps of updates this wall does not hold yet
    pending.push(waiting);
    const check = (): void => {
      if (waiting.size === 0) return;
      const s = store.getState();
      const at = Math.min(s.snapshot?.at ?? 0, s.range.to);
      for (const ts of waiting) {
        if (at >= ts) {
          current.push([ts, Date.now() - ts]);
          waiting.delete(ts);
        }
      }
    };
    stops.push(store.subscribe(check));
    stops.push(
      client.on('update', (u) => {
        const ts = stamp(u);
        seen.add(ts);
        delivered.push([ts, Date.now() - ts]);
        waiting.add(ts);
        queueMicrotask(check);
      }),
    );
    stops.push(startSync(client, store, { windowMs: 3_600_000, maxPoints: 480 }));
    stops.push(() => client.close());
  }
  let cpu0 = process.cpuUsage();
  return {
    loaded: () => seen.size > 0 && pending.every((w) => w.size === 0) && current.length >= n,
    reset() {
      current.length = 0;
      delivered.length = 0;
      seen.clear();
      for (const w of pending) w.clear();
      requests = 0;
      cpu0 = process.cpuUsage();
    },
    /** What was measured since reset(), counting only updates stamped up to `until` (ms, server clock). */
    report(until = Infinity) {
      const cpu = process.cpuUsage(cpu0);
      const upTo = (xs: [number, number][]): number[] => xs.filter(([ts]) => ts <= until).map(([, ms]) => ms);
      return {
        current: upTo(current),
        delivered: upTo(delivered),
        updates: [...seen].filter((ts) => ts <= until),
        requests,
        missed: pending.reduce((m, w) => m + [...w].filter((ts) => ts <= until).length, 0),
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      };
    },
    stop() {
      for (const s of stops) s();
    },
  };
}

// ---- as a child process of walls-bench.ts ----
if (process.send && process.argv[2]) {
  const [url, n, mode] = process.argv.slice(2) as [string, string, WallsMode];
  const walls = startWalls(url, Number(n), mode);
  // why loaded: every wall loads the board and its first window, and takes one update, before measuring
  runAsBenchChild({ ready: walls.loaded, reset: walls.reset, report: walls.report, stop: walls.stop });
}
