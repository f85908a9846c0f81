// The wall's index.html with the board, the live snapshot and the first query's answer inlined
// (BootData, src/shared/boot-data.ts): a browser then paints after HTML → JS, with no round trip.
// The data sits in a `<script type="application/json">`, which the CSP's script-src 'self' does
// not execute; labels from servers are untrusted text, so every `<`, `>` and `&` is escaped as a
// JSON \u escape and no `</script>` or `<!--` can end the element early.
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { EngineApi } from '../../shared/api';
import { BOOT_ELEMENT_ID, type BootData } from '../../shared/boot-data';
import { firstRead } from '../../shared/view/first-read';
import type { ServerLimits } from './limits';

/** JSON that is inert inside a script element: the same value after JSON.parse, no markup characters. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The boot data for a page opened at `search` (its address's `?…`): the board, the live snapshot and
 * the first read of the page it shows, ending at the snapshot's time. `eventId` is read first, so
 * an update written while these are read is sent again to the wall (which skips what it holds).
 * The query is left out where the API would refuse it (too many panels, too big an answer).
 */
export async function readBootData(engine: EngineApi, search: string, eventId: number, limits: Pick<ServerLimits, 'maxQueryPanels' | 'maxResponseBytes'>): Promise<string> {
  const [board, snapshot] = await Promise.all([engine.request('board', {}), engine.request('snapshot', {})]);
  const base: BootData = { board, snapshot, eventId };
  const args = firstRead(board, search, snapshot.at);
  if (!args || args.panels.length > limits.maxQueryPanels) return inertJson(base);
  const text = inertJson({ ...base, query: { args, result: await engine.request('query', args) } });
  return Buffer.byteLength(text) > limits.maxResponseBytes ? inertJson(base) : text;
}

/**
 * Boot data per page address, kept until the next event: walls loading the same address between
 * two events (a NOC's walls after a restart, a kiosk reloading) share one engine read instead of
 * one each (the first query of a 40-panel wall is the largest read serve makes). An event means
 * the engine moved on, so the next page reads again. A failed read is not kept.
 */
export class BootCache {
  private readonly kept = new Map<string, Promise<string | undefined>>();
  private eventId = -1;
  constructor(private readonly maxAddresses = 16) {}

  get(search: string, eventId: number, read: () => Promise<string | undefined>): Promise<string | undefined> {
    if (eventId !== this.eventId) {
      this.kept.clear();
      this.eventId = eventId;
    }
    const hit = this.kept.get(search);
    if (hit) return hit;
    if (this.kept.size >= this.maxAddresses) this.kept.delete(this.kept.keys().next().value as string);
    const p = read().catch(() => undefined);
    this.kept.set(search, p);
    void p.then((v) => v === undefined && this.kept.get(search) === p && this.kept.delete(search));
    return p;
  }
}

/** `html` with the boot data's element just before `</head>`; `html` unchanged when it has none or there is no boot data. */
export function withBootData(html: string, bootJson: string | undefined): string {
  const at = html.indexOf('</head>');
  if (at < 0 || bootJson === undefined) return html;
  return `${html.slice(0, at)}${bootElement(bootJson)}${html.slice(at)}`;
}

function bootElement(bootJson: string): string {
  return `<script type="application/json" id="${BOOT_ELEMENT_ID}">${bootJson}</script>`;
}

/**
 * Sends the page uncompressed with its head first: the browser fetches and compiles the bundle
 * (a module script, run only once the document is whole) while the engine reads the boot data,
 * which follows with the rest of the page; without boot data (a failed read) the page alone.
 */
export async function streamPage(req: IncomingMessage, res: ServerResponse, html: string, bootJson: Promise<string | undefined>, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, headers);
  const at = html.indexOf('</head>');
  if (req.method === 'HEAD' || at < 0) {
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  res.write(html.slice(0, at));
  const json = await bootJson;
  res.end(`${json !== undefined ? bootElement(json) : ''}${html.slice(at)}`);
}

/** The built index.html, read again only when the file changes (a rebuild under a running serve). */
export class IndexHtml {
  private cached: { key: string; text: string } | undefined;
  constructor(private readonly rendererDir: string) {}
  text(): string | undefined {
    const file = join(this.rendererDir, 'index.html');
    try {
      const st = statSync(file);
      const key = `${st.size}:${st.mtimeMs}`;
      if (this.cached?.key !== key) this.cached = { key, text: readFileSync(file, 'utf8') };
      return this.cached.text;
    } catch {
      return undefined;
    }
  }
}
