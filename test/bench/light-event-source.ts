/**
 * A minimal EventSource for the walls bench (the wire mode's readers, and walls with `WALLS_ES=light`), standing in for a browser's native
 * one: the stream read with node:http, split into events and handed to the listeners of their type
 * as { data, lastEventId }. undici's EventSource, the bench's default, parses in JavaScript through
 * web streams and EventTarget, ~0.8 ms of a simulated wall's ~2.3 ms per update here; a browser
 * does that part natively. Only what the client uses (http-client.ts) is here: onopen, onerror,
 * readyState, addEventListener, close. On any error or end it closes for good (the spec's "fail the
 * connection" path), and the client reconnects with its own backoff.
 */
import { get, type ClientRequest, type IncomingMessage } from 'node:http';

type Listener = (ev: { data: string; lastEventId: string }) => void;

export class LightEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly req: ClientRequest;
  private res: IncomingMessage | undefined;
  private lastEventId = '';

  constructor(url: string) {
    this.req = get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      this.res = res;
      if (res.statusCode !== 200) return this.fail();
      this.readyState = this.OPEN;
      this.onopen?.();
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
          this.event(buf.slice(0, end));
          buf = buf.slice(end + 2);
        }
      });
      res.on('end', () => this.fail());
      res.on('error', () => this.fail());
    });
    this.req.on('error', () => this.fail());
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = this.CLOSED;
    this.res?.destroy();
    this.req.destroy();
  }

  /** One event block: its `id`, `event` and `data` lines (serve writes one data line per event). */
  private event(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue; // a comment (keep-alive) or a line without a field
      const field = line.slice(0, colon);
      const value = line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
      if (field === 'id') this.lastEventId = value;
      else if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    const ev = { data: data.join('\n'), lastEventId: this.lastEventId };
    for (const l of this.listeners.get(type) ?? []) l(ev);
  }

  private fail(): void {
    if (this.readyState === this.CLOSED) return;
    this.close();
    this.onerror?.();
  }
}
