// `wallboard import-grafana DASHBOARD.json`: a board from a Grafana export, with a summary of what
// was imported, approximated and skipped. Bad input is one line and exit 1, and -o is not written.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DEFAULT_PROMETHEUS_URL, importDashboard } from '../grafana/import';
import { prometheusVariableClient } from '../grafana/prometheus-client';

export interface ImportGrafanaArgs {
  output?: string;
  prometheus?: string;
  brandLabel?: string;
  var: string[];
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `file:line:col: not JSON: …` from V8's "at position N" (or line/column) message. */
function jsonError(file: string, text: string, err: Error): string {
  const msg = err.message;
  let line = 1;
  let col = 1;
  const pos = /at position (\d+)/.exec(msg);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) {
    line = Number(lc[1]);
    col = Number(lc[2]);
  } else if (pos) {
    const before = text.slice(0, Number(pos[1]));
    line = before.split('\n').length;
    col = Number(pos[1]) - before.lastIndexOf('\n');
  }
  return `${file}:${line}:${col}: not JSON: ${msg.replace(/\s*\(line \d+ column \d+\)|\s*at position \d+.*$/, '')}`;
}

function parseVars(list: string[]): Map<string, string[]> | string {
  const out = new Map<string, string[]>();
  for (const v of list) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(v);
    if (!m) return `--var ${v}: write NAME=VALUE (repeat --var NAME=VALUE for several values)`;
    const name = m[1] as string;
    out.set(name, [...(out.get(name) ?? []), m[2] as string]);
  }
  return out;
}

export async function importGrafanaCommand(file: string, args: ImportGrafanaArgs, io: Io): Promise<number> {
  const fail = (line: string): number => {
    io.stderr(`${line}\n`);
    return 1;
  };
  const vars = parseVars(args.var);
  if (typeof vars === 'string') return fail(vars);
  if (args.prometheus !== undefined && !/^https?:\/\/[^\s/]+/.test(args.prometheus)) return fail(`--prometheus ${args.prometheus}: expected an http:// or https:// URL`);
  if (args.brandLabel !== undefined && !/^[A-Za-z_]\w*$/.test(args.brandLabel)) return fail(`--brand-label ${args.brandLabel}: a Prometheus label name is letters, digits and _`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`${file}: cannot read: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'a directory, not a file' : (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail(jsonError(file, text, err as Error));
  }
  if (args.prometheus !== undefined) io.stderr(`resolving variables against ${args.prometheus}\n`);
  const r = await importDashboard(json, {
    prometheusUrl: args.prometheus ?? DEFAULT_PROMETHEUS_URL,
    ...(args.prometheus !== undefined ? { client: prometheusVariableClient(args.prometheus) } : {}),
    ...(args.brandLabel !== undefined ? { brandLabel: args.brandLabel } : {}),
    vars,
  });
  if (!r.ok) return fail(`${file}: ${r.reason}`);
  if (args.output !== undefined) {
    // why: a half-written board must never replace a good one; rename is atomic on one filesystem
    const tmp = `${args.output}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, r.yaml);
      renameSync(tmp, args.output);
    } catch (err) {
      return fail(`${args.output}: cannot write: ${(err as Error).message}`);
    }
  } else {
    io.stdout(r.yaml);
  }
  const pages = r.board.pages.length;
  const panels = r.board.pages.reduce((n, p) => n + p.panels.length, 0);
  const lines = r.notes.summary(file);
  lines.push(`${args.output ?? 'stdout'}: ${pages} page${pages === 1 ? '' : 's'}, ${panels} panels${args.prometheus === undefined ? ` (Prometheus at ${DEFAULT_PROMETHEUS_URL}; set it with --prometheus)` : ''}`);
  io.stderr(lines.join('\n') + '\n');
  return 0;
}
