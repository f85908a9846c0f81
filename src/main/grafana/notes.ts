// What the import did, for the summary it prints: panels imported as they are, approximated (and
// how), skipped (and why). Collected as values while mapping, printed once at the end.

export interface Note {
  /** What it is about: `panel "CPU busy"`, `variable $node`. */
  subject: string;
  detail: string;
}

export class Notes {
  readonly imported: string[] = [];
  readonly approximations: Note[] = [];
  readonly skips: Note[] = [];

  approximated(subject: string, detail: string): void {
    if (!this.approximations.some((n) => n.subject === subject && n.detail === detail)) this.approximations.push({ subject, detail });
  }

  skipped(subject: string, detail: string): void {
    this.skips.push({ subject, detail });
  }

  /** The summary lines the command prints; `source` (the file) starts each approximated and skipped line. */
  summary(source?: string): string[] {
    const from = source !== undefined ? `${source}: ` : '';
    const approxSubjects = new Set(this.approximations.map((n) => n.subject));
    const exact = this.imported.filter((s) => !approxSubjects.has(s)).length;
    const lines = [`imported ${this.imported.length} panels (${exact} as they are, ${this.imported.length - exact} approximated), skipped ${this.skips.length}`];
    for (const n of this.approximations) lines.push(`  approximated: ${from}${n.subject}: ${n.detail}`);
    for (const n of this.skips) lines.push(`  skipped: ${from}${n.subject}: ${n.detail}`);
    return lines;
  }
}
