/**
 * One process of the walls bench's "wire" mode: N bare event-stream readers on a `wallboard serve`,
 * each timing when an update's last byte reached its socket. They stand in for walls that run on
 * their own machines: a reader costs this machine almost nothing (no JSON parse, no store), so what it
 * times is serve's fan-out and the stream, not 200 simulated walls queueing for 2 cores. Started by
 * walls-bench.ts with an IPC channel (bench-child.ts), as walls-child.ts is:
 *
 *   node --import tsx test/bench/walls-wire.ts URL N
 *
 * Only the first reader parses an update (for the server timestamp its snapshot carries, by event
 * id); the others keep (id, arrival) and are joined to it in the report.
 */
import { runAsBenchChild, type BenchClients } from './bench-child';
import { LightEventSource } from './light-event-source';

export interface WireReport {
  /** ms, one per reader per update: server timestamp → the update's last byte read from the socket */
  arrived: number[];
  /** CPU seconds this process used while measuring (user + system) */
  cpuSeconds: number;
}

interface Reader {
  /** update event id → ms (Date.now()) when its last byte was read */
  arrivals: Map<number, number>;
  close(): void;
}

/** One stream (light-event-source.ts, the reader WALLS_ES=light walls use); `onUpdate` also gets each update's data. */
function openReader(url: string, onUpdate?: (id: number, data: string) => void): Reader {
  const arrivals = new Map<number, number>();
  const es = new LightEventSource(`${url}/api/events`);
  es.addEventListener('update', (ev) => {
    const id = Number(ev.lastEventId);
    arrivals.set(id, Date.now());
    onUpdate?.(id, ev.data);
  });
  return { arrivals, close: () => es.close() };
}

export function startReaders(url: string, n: number): BenchClients<WireReport> {
  const serverTs = new Map<number, number>(); // event id → the update's snapshot.at (server clock)
  const readers: Reader[] = [];
  for (let i = 0; i < n; i++) {
    const stamp = (id: number, data: string): void => {
      const at = (JSON.parse(data) as { snapshot?: { at?: number } }).snapshot?.at;
      if (at !== undefined) serverTs.set(id, at);
    };
    readers.push(openReader(url, i === 0 ? stamp : undefined));
  }
  let from = 0; // event ids below this were before 'start'
  let cpu0 = process.cpuUsage();
  const updateIds = (): number[] => [...serverTs.keys()].filter((id) => id >= from);
  return {
    ready: () => serverTs.size > 0 && readers.every((r) => r.arrivals.size > 0),
    reset() {
      from = Math.max(0, ...serverTs.keys()) + 1;
      cpu0 = process.cpuUsage();
    },
    report(until = Infinity) {
      const cpu = process.cpuUsage(cpu0);
      const arrived: number[] = [];
      for (const id of updateIds()) {
        const ts = serverTs.get(id) as number;
        if (ts > until) continue;
        for (const r of readers) {
          const t = r.arrivals.get(id);
          if (t !== undefined) arrived.push(t - ts);
        }
      }
      return { arrived, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    },
    stop() {
      for (const r of readers) r.close();
    },
  };
}

// ---- as a child process of walls-bench.ts ----
if (process.send && process.argv[2]) {
  const [url, n] = process.argv.slice(2) as [string, string];
  runAsBenchChild(startReaders(url, Number(n)));
}
