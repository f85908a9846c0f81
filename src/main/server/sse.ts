// Server-Sent Events for the Engine API's events. Every event gets a sequence id and is kept in a
// bounded ring, so a client that reconnects with Last-Event-ID receives what it missed.
import type { ServerResponse } from 'node:http';
import { EVENT_NAMES, type EngineApi, type EngineEvents, type EventName } from '../../shared/api';
import { DEFAULT_LIMITS, type ServerLimits } from './limits';
import { metricFamily, metricsText } from '../engine/metrics-text';

const RING = 2048; // events kept for resume; at one update per poll tick that is minutes of history
// bytes kept for resume: an update carries the live snapshot and tails (~15-30 KB on the demo), so
// the count alone could hold ~60 MB; 8 MiB is still minutes of updates for a wall that reconnects
const RING_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 15_000; // ms: keeps proxies and the browser from timing the stream out

interface Sent {
  id: number;
  /** the event's bytes, encoded once and written as they are to every stream */
  bytes: Buffer;
}

const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');

export class SseHub {
  private seq = 0;
  private readonly ring: Sent[] = [];
  private ringBytes = 0;
  private readonly clients = new Set<ServerResponse>();
  private readonly unsubscribe: (() => void)[];
  private readonly heartbeat: NodeJS.Timeout;

  /** Clients dropped because they did not read (slow network, frozen tab). */
  dropped = 0;
  /** Events sent, their bytes, and the s spent encoding them and writing them to every stream. */
  private readonly sent = { events: 0, bytes: 0, fanoutSeconds: 0, lastFanoutSeconds: 0, updates: 0, updateSeconds: 0 };

  constructor(engine: EngineApi, private readonly limits: Pick<ServerLimits, 'maxSseBufferBytes'> = DEFAULT_LIMITS) {
    this.unsubscribe = EVENT_NAMES.map((name) => engine.on(name, (payload) => this.publish(name, payload)));
    this.heartbeat = setInterval(() => this.broadcast(KEEP_ALIVE), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** The id of the last event sent (0 before the first): a stream opened with it as Last-Event-ID gets every later one. */
  get lastEventId(): number {
    return this.seq;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  attach(res: ServerResponse, lastEventId: string | undefined): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const last = lastEventId === undefined ? NaN : Number(lastEventId);
    if (Number.isFinite(last)) {
      const oldest = this.ring[0]?.id ?? this.seq + 1;
      // why: if the gap fell out of the ring, tell the client to refetch everything rather than pretend
      if (last < oldest - 1) res.write(`event: resync\ndata: {}\n\n`);
      for (const e of this.ring) if (e.id > last) res.write(e.bytes);
    }
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish<E extends EventName>(name: E, payload: EngineEvents[E]): void {
    const id = ++this.seq;
    const t0 = performance.now();
    // why a Buffer: a string is encoded to UTF-8 again on every write, once per wall
    const bytes = Buffer.from(`id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    this.ring.push({ id, bytes });
    this.ringBytes += bytes.length;
    while (this.ring.length > RING || (this.ringBytes > RING_BYTES && this.ring.length > 1)) this.ringBytes -= this.ring.shift()?.bytes.length ?? 0;
    this.broadcast(bytes);
    const s = (performance.now() - t0) / 1000;
    this.sent.events++;
    this.sent.bytes += bytes.length;
    this.sent.fanoutSeconds += s;
    this.sent.lastFanoutSeconds = s;
    // why: an update's snapshot.at is the engine's clock when it read what the update carries, so
    // this is serve's whole share of "update → wall current": read, encode, write to every stream
    const at = name === 'update' ? (payload as EngineEvents['update']).snapshot?.at : undefined;
    if (at !== undefined) {
      this.sent.updates++;
      this.sent.updateSeconds += Math.max(0, Date.now() - at) / 1000;
    }
  }

  /** Prometheus text for /metrics: streams open and dropped, and what the fan-out of events costs. */
  metricsText(): string {
    const m = this.sent;
    return metricsText([
      metricFamily('wallboard_sse_clients', 'gauge', 'Open event streams (walls and tabs).', [['', this.clients.size]]),
      metricFamily('wallboard_sse_dropped_total', 'counter', 'Event streams closed because the client stopped reading.', [['', this.dropped]]),
      metricFamily('wallboard_sse_event_bytes_total', 'counter', 'Bytes of events encoded (once each, whatever the number of streams).', [['', m.bytes]]),
      metricFamily('wallboard_sse_fanout_seconds', 'summary', 'Time to encode each event and write it to every open stream.', [['_sum', m.fanoutSeconds], ['_count', m.events]]),
      metricFamily('wallboard_sse_fanout_last_seconds', 'gauge', 'The fan-out time of the newest event.', [['', m.lastFanoutSeconds]]),
      metricFamily('wallboard_sse_update_seconds', 'summary', 'Time from the engine reading a live update to its bytes written to every stream.', [['_sum', m.updateSeconds], ['_count', m.updates]]),
    ]);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const u of this.unsubscribe) u();
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private broadcast(bytes: Buffer): void {
    for (const c of this.clients) {
      // why: a client that stops reading would otherwise buffer every event in this process for ever;
      // dropped, its browser reconnects with Last-Event-ID and resumes (or resyncs) from the ring
      if (c.writableLength + bytes.length > this.limits.maxSseBufferBytes) {
        this.clients.delete(c);
        this.dropped++;
        c.destroy();
        continue;
      }
      c.write(bytes);
    }
  }
}
