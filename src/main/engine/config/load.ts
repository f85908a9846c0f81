// Load a board file: YAML with source positions → ${env:X} and ${keychain:X} substitution → zod validation.
// Every problem comes back as a value with file:line:col, never as a throw.
import { readFileSync, statSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { boardSchema, type Board } from '../../../shared/config-schema';
import { boardReferenceIssues } from '../../../shared/board-checks';
import { KEYCHAIN_RE, noKeychain, type KeychainLookup } from './keychain';
import { BOARD_LIMIT_ENV, boardLimits, expandedSize, firstAliasOffset, sizeProblem } from './size-limits';

export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type LoadResult = { ok: true; board: Board; file: string } | { ok: false; file: string; problems: ConfigProblem[] };

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

const ENV_RE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function loadBoardFile(file: string, env: NodeJS.ProcessEnv = process.env, keychain: KeychainLookup = noKeychain): LoadResult {
  let text: string;
  try {
    // why: a huge file is refused before it is read into memory
    const tooBig = sizeProblem(statSync(file).size, boardLimits(env));
    if (tooBig) return { ok: false, file, problems: [{ file, line: 1, col: 1, message: tooBig }] };
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    return { ok: false, file, problems: [{ file, line: 1, col: 1, message: `cannot read board file: ${reason}` }] };
  }
  return parseBoardText(text, file, env, keychain);
}

export function parseBoardText(text: string, file: string, env: NodeJS.ProcessEnv = process.env, keychain: KeychainLookup = noKeychain): LoadResult {
  const limits = boardLimits(env);
  const tooBig = sizeProblem(Buffer.byteLength(text), limits);
  if (tooBig) return { ok: false, file, problems: [{ file, line: 1, col: 1, message: tooBig }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line: number; col: number } =>
    offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);

  const problems: ConfigProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    file,
    ...at(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  if (problems.length) return { ok: false, file, problems };

  substituteSecrets(doc, env, keychain, (offset, message) => problems.push({ file, ...at(offset), message }));
  if (problems.length) return { ok: false, file, problems };

  let raw: unknown;
  try {
    // why: aliases share one JS object here (no copy), so this is linear; the expanded size is bounded next
    raw = doc.toJS({ maxAliasCount: -1 }) ?? {};
  } catch (err) {
    return { ok: false, file, problems: [{ file, ...at(firstAliasOffset(doc)), message: (err as Error).message }] };
  }
  if (expandedSize(raw, limits.maxValues) > limits.maxValues) {
    const message = `board expands to more than ${limits.maxValues} values through aliases (an alias bomb?); set ${BOARD_LIMIT_ENV.maxValues} to raise the limit`;
    return { ok: false, file, problems: [{ file, ...at(firstAliasOffset(doc)), message }] };
  }
  const parsed = boardSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      problems.push({ file, ...at(offsetOf(doc, path)), message: `${describePath(path)}${issue.message}` });
    }
    return { ok: false, file, problems };
  }
  for (const issue of boardReferenceIssues(parsed.data)) {
    problems.push({ file, ...at(offsetOf(doc, issue.path)), message: `${describePath(issue.path)}${issue.message}` });
  }
  if (problems.length) return { ok: false, file, problems };
  return { ok: true, board: parsed.data, file };
}

/** Replaces ${env:NAME} and ${keychain:NAME} in every scalar; a missing one is an error naming it, at its position. */
function substituteSecrets(doc: Document, env: NodeJS.ProcessEnv, keychain: KeychainLookup, report: (offset: number | undefined, message: string) => void): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      node.value = node.value
        .replace(ENV_RE, (_m, name: string) => {
          const value = env[name];
          if (value === undefined) {
            report(node.range?.[0], `environment variable ${name} is not set (referenced as \${env:${name}}); set it or remove the reference`);
            return '';
          }
          return value;
        })
        .replace(KEYCHAIN_RE, (_m, name: string) => {
          const found = keychain(name);
          if (!found.ok) report(node.range?.[0], found.reason);
          return found.ok ? found.value : '';
        });
    },
  });
}

/** Offset of the deepest node on `path` that exists (a missing key points at its parent). */
function offsetOf(doc: Document, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node) {
      const range = (node as { range?: [number, number, number] | null }).range;
      if (range) return range[0];
    }
    if (isScalar(node) && node.range) return node.range[0];
  }
  return undefined;
}

function describePath(path: (string | number)[]): string {
  if (!path.length) return '';
  return `${path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')}: `;
}
