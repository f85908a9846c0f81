// A small, safe markdown subset parsed to a tree of plain strings. The tree is rendered as React
// elements, so nothing in the input can ever become HTML: `<script>` stays the text "<script>".
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'code'; v: string }
  /** Links are shown as their label, never followed: the wall is not a browser. */
  | { t: 'link'; c: Inline[]; href: string };

export type Block =
  | { t: 'h'; level: 1 | 2 | 3 | 4 | 5 | 6; c: Inline[] }
  | { t: 'p'; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; items: Inline[][] }
  | { t: 'pre'; v: string };

// Earliest match wins; order breaks ties (`**` before `*`).
const INLINE_RULES: { re: RegExp; make: (m: RegExpExecArray) => Inline }[] = [
  { re: /`([^`]+)`/, make: (m) => ({ t: 'code', v: m[1] ?? '' }) },
  { re: /\*\*(.+?)\*\*/, make: (m) => ({ t: 'strong', c: parseInline(m[1] ?? '') }) },
  { re: /__(.+?)__/, make: (m) => ({ t: 'strong', c: parseInline(m[1] ?? '') }) },
  { re: /\*([^*\s](?:[^*]*[^*\s])?)\*/, make: (m) => ({ t: 'em', c: parseInline(m[1] ?? '') }) },
  { re: /\b_([^_\s](?:[^_]*[^_\s])?)_\b/, make: (m) => ({ t: 'em', c: parseInline(m[1] ?? '') }) },
  { re: /\[([^\]]+)\]\(([^)\s]*)\)/, make: (m) => ({ t: 'link', c: parseInline(m[1] ?? ''), href: m[2] ?? '' }) },
];

/** Parses inline markup (code, bold, italic, links); everything else is text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { index: number; m: RegExpExecArray; make: (m: RegExpExecArray) => Inline } | undefined;
    for (const rule of INLINE_RULES) {
      const m = rule.re.exec(rest);
      if (m && (best === undefined || m.index < best.index)) best = { index: m.index, m, make: rule.make };
    }
    if (!best) {
      out.push({ t: 'text', v: rest });
      break;
    }
    if (best.index > 0) out.push({ t: 'text', v: rest.slice(0, best.index) });
    out.push(best.make(best.m));
    rest = rest.slice(best.index + best.m[0].length);
  }
  return out;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*```/;

/** Parses blocks: headings, bullet and numbered lists, fenced code, paragraphs. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      flush();
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      blocks.push({ t: 'pre', v: body.join('\n') });
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flush();
      blocks.push({ t: 'h', level: (h[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6, c: parseInline(h[2] ?? '') });
      continue;
    }
    const kind = BULLET.test(line) ? 'ul' : ORDERED.test(line) ? 'ol' : undefined;
    if (kind) {
      flush();
      const re = kind === 'ul' ? BULLET : ORDERED;
      const items: Inline[][] = [];
      while (i < lines.length && re.test(lines[i] ?? '')) {
        items.push(parseInline(re.exec(lines[i] ?? '')?.[1] ?? ''));
        i++;
      }
      i--;
      blocks.push({ t: kind, items });
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line.trim());
  }
  flush();
  return blocks;
}
