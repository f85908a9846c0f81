// The wall's index.html with the board, the live snapshot and the first query's answer inlined
// (BootData, src/shared/boot-data.ts): a browser then paints after HTML → JS, with no round trip.
// The data sits in a `<script type="application/json">`, which the CSP's script-src 'self' does
// not execute; labels from servers are untrusted text, so every `<`, `>` and `&` is escaped as a
// JSON \u escape and no `</script>` or `<!--` can end the element early.
import { readFileSync, statSync } from 'node:fs';
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

/** `html` with the boot data's element just before `</head>`; `html` unchanged when it has none. */
export function withBootData(html: string, bootJson: string): string {
  const at = html.indexOf('</head>');
  if (at < 0) return html;
  return `${html.slice(0, at)}<script type="application/json" id="${BOOT_ELEMENT_ID}">${bootJson}</script>${html.slice(at)}`;
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
