/**
 * What one live update costs a wall, without the network or the machine's other walls: serve (the
 * built CLI, the 40-panel bench board polled every 5 s) is recorded once (its board, a wall's first
 * read, UPDATES consecutive update events as the bytes of their `data`), then stopped; WALLS walls
 * (the real store and startSync, window 1 h, 480 points) load from the recording and take each
 * update as the HTTP client does (JSON.parse of the event's data, then the listeners). Reports the
 * event's bytes by part and the CPU per update per wall (process.cpuUsage, median of ROUNDS rounds
 * of fresh walls). undici's EventSource parsing is not in it (~5 % of a wall's update in a profile).
 *
 *   node --import tsx test/bench/walls-apply.ts     (APPLY_WALLS=200 APPLY_UPDATES=6 APPLY_ROUNDS=5)
 */
import { EventSource } from 'undici';
import type { BoardView, EngineEvents, EngineRequests, EventName, QueryResult, RequestName, UpdateEvent } from '../../src/shared/api';
import type { WallboardClient } from '../../src/renderer/api/client';
import { createWallboardStore } from '../../src/renderer/store/index';
import { startSync } from '../../src/renderer/store/sync';
import { seriesPanelIds, visiblePanels } from '../../src/shared/view/visible';
import { startWallboard } from '../e2e/serve';
import { benchBoardYaml } from './renderer-bench';

const WALLS = Number(process.env.APPLY_WALLS ?? 200);
const UPDATES = Number(process.env.APPLY_UPDATES ?? 6);
const ROUNDS = Number(process.env.APPLY_ROUNDS ?? 5);
const WINDOW_MS = 3_600_000;
const POINTS = 480;

interface Recording {
  board: BoardView;
  first: QueryResult;
  /** each update event's data, as sent */
  events: string[];
}

async function record(): Promise<Recording> {
  const wb = await startWallboard({ boardYaml: benchBoardYaml().replace('interval: 15s', 'interval: 5s'), waitHealthy: true });
  try {
    const board = (await (await fetch(`${wb.url}/api/board`)).json()) as BoardView;
    const es = new EventSource(`${wb.url}/api/events`);
    const events: string[] = [];
    let first: QueryResult | undefined;
    await new Promise<void>((done) => {
      es.addEventListener('update', (e) => {
        const data = String((e as MessageEvent).data);
        if (first === undefined) {
          // the wall's first read ends at the first update: the later ones extend it
          const at = (JSON.parse(data) as UpdateEvent).snapshot?.at ?? Date.now();
          const panels = seriesPanelIds(visiblePanels(board, 0, null)).join(',');
          const q = `${wb.url}/api/query?panels=${panels}&from=${at - WINDOW_MS}&to=${at}&maxPoints=${POINTS}`;
          first = {} as QueryResult;
          void fetch(q).then(async (r) => {
            first = (await r.json()) as QueryResult;
          });
          events.push(data);
          return;
        }
        events.push(data);
        if (events.length > UPDATES) done();
      });
    });
    es.close();
    return { board, first: first as QueryResult, events };
  } finally {
    await wb.stop();
  }
}

let requests = 0; // made by the walls while updates were measured (each a read the update did not save)

/** A client answering from the recording; `emit` hands an event's data to its listeners as the HTTP client does. */
function recordedClient(rec: Recording) {
  const listeners = new Map<EventName, ((p: unknown) => void)[]>();
  const first = JSON.parse(rec.events[0] as string) as UpdateEvent;
  const client: WallboardClient = {
    async request<K extends RequestName>(name: K): Promise<EngineRequests[K]['result']> {
      requests++;
      if (name === 'board') return rec.board as EngineRequests[K]['result'];
      if (name === 'snapshot') return first.snapshot as EngineRequests[K]['result'];
      if (name === 'query') return structuredClone(rec.first) as EngineRequests[K]['result'];
      throw new Error(`not recorded: ${name}`);
    },
    on<E extends EventName>(event: E, l: (p: EngineEvents[E]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l as (p: unknown) => void]);
      return () => undefined;
    },
    onConnection: () => () => undefined,
    close: () => undefined,
  };
  const emit = (data: string): void => {
    const payload: unknown = JSON.parse(data); // why here: the HTTP client parses each event per wall
    for (const l of listeners.get('update') ?? []) l(payload);
  };
  return { client, emit };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function round(rec: Recording): Promise<{ usPerWallUpdate: number; current: boolean; requests: number }> {
  const walls = Array.from({ length: WALLS }, () => {
    const c = recordedClient(rec);
    const store = createWallboardStore();
    const stop = startSync(c.client, store, { windowMs: WINDOW_MS, maxPoints: POINTS, nextFrame: (f) => f() });
    return { ...c, store, stop };
  });
  await settle();
  for (const w of walls) w.emit(rec.events[0] as string);
  await settle();
  requests = 0;
  const cpu0 = process.cpuUsage();
  for (const data of rec.events.slice(1)) {
    for (const w of walls) w.emit(data);
    await settle();
  }
  const cpu = process.cpuUsage(cpu0);
  const last = JSON.parse(rec.events.at(-1) as string) as UpdateEvent;
  // every wall holds the last update's snapshot and window: the work measured is the real apply
  const current = walls.every((w) => w.store.getState().snapshot?.at === last.snapshot?.at && w.store.getState().range.to === last.snapshot?.at);
  for (const w of walls) w.stop();
  return { usPerWallUpdate: (cpu.user + cpu.system) / (WALLS * (rec.events.length - 1)), current, requests };
}

const rec = await record();
const u = JSON.parse(rec.events.at(-1) as string) as UpdateEvent;
const bytes = (x: unknown): number => Buffer.byteLength(JSON.stringify(x ?? null));
const s = u.snapshot;
process.stdout.write(
  `update event ${Buffer.byteLength(rec.events.at(-1) as string)} B: snapshot.panels ${bytes(s?.panels)}, health ${bytes(s?.health)}, alerts ${bytes(s?.alerts)}, ` +
    `incidents ${bytes(s?.incidents)}, silences ${bytes(s?.silences)}, sources ${bytes(s?.sources)}, tail ${bytes(u.tail)}\n`,
);
const rounds = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await round(rec));
process.stdout.write(
  `${WALLS} walls, ${rec.events.length - 1} updates, ${ROUNDS} rounds: CPU per update per wall median ${(median(rounds.map((r) => r.usPerWallUpdate)) / 1000).toFixed(3)} ms ` +
    `(rounds ${rounds.map((r) => (r.usPerWallUpdate / 1000).toFixed(3)).join(' ')}); every wall current: ${rounds.every((r) => r.current)}, requests while measured: ${rounds.map((r) => r.requests).join(' ')}\n`,
);
process.exit(0);
