// Health conditions as written in the board file: "[STATUS] == 200", "[RESPONSE_TIME] < 800",
// "[BODY].status == healthy", "[CERTIFICATE_EXPIRATION] > 48h". Parsed once, evaluated per check.
import { formatDuration, parseDuration } from '../../../../shared/duration';

import { type Condition, type Operator } from '../../../../shared/health-condition';

export { parseCondition, parseJsonPath, type Condition, type Operator, type Placeholder } from '../../../../shared/health-condition';

/** What one check saw, for the conditions to judge. */
export interface Observation {
  status?: number;
  /** ms */
  responseTimeMs?: number;
  /** unix ms */
  certExpiresAt?: number;
  /** unix ms */
  now: number;
  body?: string;
}

function compare(a: number | string, op: Operator, b: number | string): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** A duration like 48h or a bare number of ms. */
function expectedMs(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return parseDuration(text);
}

/** Value at a JSON path; `found: false` when any step is missing. */
export function valueAt(data: unknown, path: (string | number)[]): { found: true; value: unknown } | { found: false } {
  let cur: unknown = data;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length) return { found: false };
      cur = cur[seg];
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, seg)) return { found: false };
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return { found: true, value: cur };
}

const SEEN_CHARS = 100;
const short = (s: string): string => (s.length > SEEN_CHARS ? `${s.slice(0, SEEN_CHARS)}…` : s);

/** Parses a body as JSON once per check; undefined when not JSON. */
export function bodyJson(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** null when the condition holds, else what was seen ("got 503"). */
export function evaluateCondition(c: Condition, o: Observation, json: unknown = bodyJson(o.body)): string | null {
  switch (c.placeholder) {
    case 'STATUS': {
      if (o.status === undefined) return 'got no response';
      if (c.match) return matches(String(o.status), c) ? null : `got ${o.status}`;
      const want = Number(c.expected);
      if (!Number.isFinite(want)) return `"${short(c.expected)}" is not a number`;
      return compare(o.status, c.op, want) ? null : `got ${o.status}`;
    }
    case 'RESPONSE_TIME': {
      if (o.responseTimeMs === undefined) return 'got no response';
      const want = expectedMs(c.expected);
      if (want === undefined) return `"${short(c.expected)}" is not a duration`;
      return compare(o.responseTimeMs, c.op, want) ? null : `got ${Math.round(o.responseTimeMs)}ms`;
    }
    case 'CERTIFICATE_EXPIRATION': {
      if (o.certExpiresAt === undefined) return o.status === undefined ? 'got no response' : 'got no certificate';
      const want = expectedMs(c.expected);
      if (want === undefined) return `"${short(c.expected)}" is not a duration`;
      const left = o.certExpiresAt - o.now;
      return compare(left, c.op, want) ? null : `got ${formatDuration(left)}`;
    }
    case 'BODY': {
      if (o.body === undefined) return 'got no response';
      let seen: string;
      if (c.path.length === 0 && c.fn !== 'has') seen = c.fn === 'len' ? String(lengthOf(o.body)) : o.body;
      else {
        if (json === undefined) return 'body is not JSON';
        const v = valueAt(json, c.path);
        if (c.fn === 'has') seen = String(v.found);
        else if (!v.found) return 'no such field';
        else seen = c.fn === 'len' ? String(lengthOf(v.value)) : typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
      }
      if (c.match) return matches(seen, c) ? null : `got ${short(seen)}`;
      const a = Number(seen);
      const b = Number(c.expected);
      const numeric = seen.trim() !== '' && c.expected.trim() !== '' && Number.isFinite(a) && Number.isFinite(b);
      if (!numeric && c.op !== '==' && c.op !== '!=') return `got ${short(seen)}, not a number`;
      const holds = numeric ? compare(a, c.op, b) : compare(seen, c.op, c.expected);
      return holds ? null : `got ${short(seen)}`;
    }
  }
}

/** Gatus's len(): an array's length, else the length of the value as (minified JSON) text. */
function lengthOf(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  return (typeof v === 'string' ? v : JSON.stringify(v) ?? '').length;
}

/** any(…) and pat(…): numbers compare as numbers (`any(200, 201)`), anything else as text. */
function matches(seen: string, c: Condition): boolean {
  let hit: boolean;
  if (c.match?.kind === 'pat') hit = c.match.re.test(seen);
  else hit = (c.match?.values ?? []).some((v) => v === seen || (v.trim() !== '' && seen.trim() !== '' && Number(v) === Number(seen)));
  return c.op === '==' ? hit : !hit;
}

/** Every condition that failed, as written, with what was seen: "[STATUS] == 200 (got 503)". */
export function failedConditions(conditions: Condition[], o: Observation): string[] {
  const json = bodyJson(o.body);
  const out: string[] = [];
  for (const c of conditions) {
    const seen = evaluateCondition(c, o, json);
    if (seen !== null) out.push(`${c.text} (${seen})`);
  }
  return out;
}
