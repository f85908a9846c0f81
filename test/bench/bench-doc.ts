// BENCHMARKS.md as sections written by `npm run bench` (between `<!-- bench:NAME -->` markers) and
// hand-written text (paired comparisons, figures with their protocol) that follows a section. A run
// replaces the sections it ran and keeps everything else where it was.

export interface BenchDoc {
  /** each bench's section body, by name */
  sections: Map<string, string>;
  /** hand-written text after each section (up to the next section), by the section's name */
  after: Map<string, string>;
}

export function parseBenchDoc(text: string): BenchDoc {
  const sections = new Map<string, string>();
  const after = new Map<string, string>();
  const re = /<!-- bench:(\w+) -->\n([\s\S]*?)<!-- \/bench:\1 -->\n?([\s\S]*?)(?=<!-- bench:\w+ -->|$)/g;
  for (const m of text.matchAll(re)) {
    const name = m[1] as string;
    sections.set(name, m[2] as string);
    const extra = (m[3] as string).trim();
    if (extra) after.set(name, extra);
  }
  return { sections, after };
}

/** The sections in `order` (those known), each followed by its hand-written text. */
export function renderBenchDoc(header: string, doc: BenchDoc, order: readonly string[]): string {
  const known = order.filter((n) => doc.sections.has(n));
  // why: text that followed a section no longer run or listed stays, at the end
  const orphans = [...doc.after.keys()].filter((n) => !known.includes(n)).map((n) => doc.after.get(n) as string);
  const body = known.map((n) => {
    const extra = doc.after.get(n);
    return `<!-- bench:${n} -->\n${doc.sections.get(n)}<!-- /bench:${n} -->${extra ? `\n\n${extra}` : ''}`;
  });
  return `${header}${[...body, ...orphans].join('\n\n')}\n`;
}
