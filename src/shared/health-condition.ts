// The syntax of a health condition, shared by the board schema (check-config refuses what cannot be
// evaluated) and the health source (which evaluates it). Gatus's forms:
//   [STATUS] == 200 · [RESPONSE_TIME] < 800 · [BODY].a.b[0] == ok · [CERTIFICATE_EXPIRATION] > 48h
//   [STATUS] == any(200, 201) · [BODY].name == pat(john*) · len([BODY].items) < 5 · has([BODY].errors) == false
// any() and pat() work with == and != only; len() and has() with [BODY] only, as in Gatus.

export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type Placeholder = 'STATUS' | 'RESPONSE_TIME' | 'CERTIFICATE_EXPIRATION' | 'BODY';

export interface Condition {
  text: string;
  placeholder: Placeholder;
  /** For BODY: path segments after [BODY], e.g. ["services", "db", "status"] or ["items", 0]. */
  path: (string | number)[];
  op: Operator;
  expected: string;
  /** len([BODY]…): the array's length, or the length of the value as text; has([BODY]…): "true" or "false". */
  fn?: 'len' | 'has';
  /** == any(a, b) or == pat(glob) on the right-hand side. */
  match?: { kind: 'any'; values: string[] } | { kind: 'pat'; re: RegExp };
}

const CONDITION_RE =
  /^\s*(?:(len|has)\(\s*)?\[(STATUS|RESPONSE_TIME|CERTIFICATE_EXPIRATION|BODY)\]((?:\.[^\s.[\]=!<>()]+|\[\d+\])*)\s*(\))?\s*(==|!=|<=|>=|<|>)\s*(.*?)\s*$/;

/** `.a.b[0].c` → ["a", "b", 0, "c"]; undefined when malformed. */
export function parseJsonPath(text: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const re = /\.([^\s.[\]]+)|\[(\d+)\]/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    out.push(m[1] !== undefined ? m[1] : Number(m[2]));
    pos = re.lastIndex;
  }
  return out;
}

const unquote = (s: string): string => (s.length >= 2 && /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s);

/** Gatus's pattern: `*` is any run of characters, everything else is literal; the whole value must match. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

export function parseCondition(text: string): { ok: true; condition: Condition } | { ok: false; reason: string } {
  const shown = text.slice(0, 200);
  const m = CONDITION_RE.exec(text);
  if (!m) return { ok: false, reason: `not a condition: "${shown}"` };
  const fn = m[1] as 'len' | 'has' | undefined;
  if ((fn !== undefined) !== (m[4] !== undefined)) return { ok: false, reason: `unbalanced parentheses in "${shown}"` };
  const placeholder = m[2] as Placeholder;
  const path = parseJsonPath(m[3] ?? '');
  if (!path) return { ok: false, reason: `bad path in "${shown}"` };
  if (path.length > 0 && placeholder !== 'BODY') return { ok: false, reason: `only [BODY] takes a path: "${shown}"` };
  if (fn && placeholder !== 'BODY') return { ok: false, reason: `${fn}() works with [BODY] only: "${shown}"` };
  const op = m[5] as Operator;
  const raw = m[6] ?? '';
  if (raw === '') return { ok: false, reason: `missing value in "${shown}"` };
  const condition: Condition = { text: text.trim(), placeholder, path, op, expected: unquote(raw), ...(fn ? { fn } : {}) };
  const call = /^(any|pat)\((.*)\)$/s.exec(raw);
  if (call) {
    if (op !== '==' && op !== '!=') return { ok: false, reason: `${call[1]}() works with == and != only: "${shown}"` };
    if (placeholder === 'RESPONSE_TIME' || placeholder === 'CERTIFICATE_EXPIRATION') {
      return { ok: false, reason: `${call[1]}() works with [STATUS] and [BODY]; compare [${placeholder}] with < or >: "${shown}"` };
    }
    const arg = call[2] ?? '';
    if (call[1] === 'any') {
      const values = arg.split(',').map((v) => unquote(v.trim()));
      if (values.some((v) => v === '')) return { ok: false, reason: `any() needs values separated by commas: "${shown}"` };
      condition.match = { kind: 'any', values };
    } else {
      if (arg.trim() === '') return { ok: false, reason: `pat() needs a pattern: "${shown}"` };
      condition.match = { kind: 'pat', re: globToRegExp(unquote(arg.trim())) };
    }
  }
  if (fn === 'has' && !condition.match && !['true', 'false'].includes(condition.expected)) {
    return { ok: false, reason: `has() is compared with true or false: "${shown}"` };
  }
  if (fn === 'has' && op !== '==' && op !== '!=') return { ok: false, reason: `has() works with == and != only: "${shown}"` };
  return { ok: true, condition };
}
