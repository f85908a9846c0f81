// Server-Sent Events for the Engine API's events. Every event gets a sequence id and is kept in a
// bounded ring, so a client that reconnects with Last-Event-ID receives what it missed.
import type { ServerResponse } from 'node:http';
import { EVENT_NAMES, type EngineApi, type EngineEvents, type EventName } from '../../shared/api';
import { DEFAULT_LIMITS, type ServerLimits } from './limits';

const RING = 2048; // events kept for resume; at one update per poll tick that is minutes of history
// bytes kept for resume: an update carries the live snapshot and tails (~15-30 KB on the demo), so
// the count alone could hold ~60 MB; 8 MiB is still minutes of updates for a wall that reconnects
const RING_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 15_000; // ms: keeps proxies and the browser from timing the stream out

interface Sent {
  id: number;
  text: string;
}

export class SseHub {
  private seq = 0;
  private readonly ring: Sent[] = [];
  private ringBytes = 0;
  private readonly clients = new Set<ServerResponse>();
  private readonly unsubscribe: (() => void)[];
  private readonly heartbeat: NodeJS.Timeout;

  /** Clients dropped because they did not read (slow network, frozen tab). */
  dropped = 0;

  constructor(engine: EngineApi, private readonly limits: Pick<ServerLimits, 'maxSseBufferBytes'> = DEFAULT_LIMITS) {
    this.unsubscribe = EVENT_NAMES.map((name) => engine.on(name, (payload) => this.publish(name, payload)));
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
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
      for (const e of this.ring) if (e.id > last) res.write(e.text);
    }
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish<E extends EventName>(name: E, payload: EngineEvents[E]): void {
    const id = ++this.seq;
    const text = `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    this.ring.push({ id, text });
    this.ringBytes += text.length;
    while (this.ring.length > RING || (this.ringBytes > RING_BYTES && this.ring.length > 1)) this.ringBytes -= this.ring.shift()?.text.length ?? 0;
    this.broadcast(text);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const u of this.unsubscribe) u();
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private broadcast(text: string): void {
    for (const c of this.clients) {
      // why: a client that stops reading would otherwise buffer every event in this process for ever;
      // dropped, its browser reconnects with Last-Event-ID and resumes (or resyncs) from the ring
      if (c.writableLength + text.length > this.limits.maxSseBufferBytes) {
        this.clients.delete(c);
        this.dropped++;
        c.destroy();
        continue;
      }
      c.write(text);
    }
  }
}
