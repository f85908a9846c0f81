/**
 * One process of the walls bench's "wire" mode: N bare event-stream readers on a `wallboard serve`,
 * each timing when an update's last byte reached its socket. They stand in for walls that run on
 * their own machines: a reader costs this machine almost nothing (no parse, no store), so what it
 * times is serve's fan-out and the stream, not 200 simulated walls queueing for 2 cores. Started by
 * walls-bench.ts with an IPC channel (bench-child.ts), as walls-child.ts is:
 *
 *   node --import tsx test/bench/walls-wire.ts URL N
 *
 * Only the first reader parses an update (for the server timestamp its snapshot carries, by event
 * id); the others keep (id, arrival) and are joined to it in the report.
 */
import { get, type IncomingMessage } from 'node:http';
import { runAsBenchChild, type BenchClients } from './bench-child';

export interface WireReport {
  /** ms, one per reader per update: server timestamp → the update's last byte read from the socket */
  arrived: number[];
  /** CPU seconds this process used while measuring (user + system) */
  cpuSeconds: number;
}

interface Reader {
  /** event id → ms (Date.now()) when its terminating blank line arrived */
  arrivals: Map<number, number>;
  close(): void;
}

/** Calls `onEvent(id, name, data, arrivedMs)` for every complete event on the stream. */
function openReader(url: string, parseData: boolean, onEvent: (id: number, name: string, data: string | undefined) => void): Reader {
  const arrivals = new Map<number, number>();
  let res: IncomingMessage | undefined;
  const req = get(`${url}/api/events`, (r) => {
    res = r;
    r.setEncoding('utf8');
    let buf = '';
    r.on('data', (chunk: string) => {
      const now = Date.now();
      buf += chunk;
      for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const name = /^event: (\S+)$/m.exec(block)?.[1];
        if (id === undefined || name === undefined) continue; // retry line, keep-alive comment
        arrivals.set(Number(id), now);
        onEvent(Number(id), name, parseData ? /^data: (.*)$/m.exec(block)?.[1] : undefined);
      }
    });
  });
  req.on('error', () => {}); // why: the parent ends serve while readers are open
  return {
    arrivals,
    close() {
      res?.destroy();
      req.destroy();
    },
  };
}

export function startReaders(url: string, n: number): BenchClients<WireReport> {
  const serverTs = new Map<number, number>(); // event id → the update's snapshot.at (server clock)
  const readers: Reader[] = [];
  for (let i = 0; i < n; i++) {
    readers.push(
      openReader(url, i === 0, (id, name, data) => {
        if (name !== 'update' || data === undefined) return;
        const at = (JSON.parse(data) as { snapshot?: { at?: number } }).snapshot?.at;
        if (at !== undefined) serverTs.set(id, at);
      }),
    );
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
