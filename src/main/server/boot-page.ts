// The wall's index.html with the first board and snapshot inlined (BootData, src/shared/api.ts):
// a browser then paints after HTML → JS → first query, without the board and snapshot round trips.
// The data sits in a `<script type="application/json">`, which the CSP's script-src 'self' does
// not execute; labels from servers are untrusted text, so every `<`, `>` and `&` is escaped as a
// JSON \u escape and no `</script>` or `<!--` can end the element early.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BOOT_ELEMENT_ID, type BootData } from '../../shared/boot-data';

/** JSON that is inert inside a script element: the same value after JSON.parse, no markup characters. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `html` with the boot data's element just before `</head>`; `html` unchanged when it has none. */
export function withBootData(html: string, boot: BootData): string {
  const at = html.indexOf('</head>');
  if (at < 0) return html;
  return `${html.slice(0, at)}<script type="application/json" id="${BOOT_ELEMENT_ID}">${inertJson(boot)}</script>${html.slice(at)}`;
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
