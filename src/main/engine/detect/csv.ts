/** Parsing of `timestamp,value` CSV files (the Numenta Anomaly Benchmark layout). */

export interface SeriesCsv {
  /** unix ms, one per data row */
  t: Float64Array;
  v: Float64Array;
  /** The raw `timestamp,value` text of each data row, echoed unchanged to the output. */
  lines: string[];
}

export type ParseResult = { ok: true; series: SeriesCsv } | { ok: false; line: number; reason: string };

const TS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;
const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` as UTC → unix ms, or NaN when not a real date and time. */
export function parseTimestamp(s: string): number {
  const m = TS.exec(s);
  if (!m) return NaN;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return NaN;
  const ms = Date.UTC(y, mo - 1, d, h, mi, se) + (m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  // why: Date.UTC rolls 2014-02-30 over to March instead of refusing it
  if (new Date(ms).getUTCDate() !== d) return NaN;
  return ms;
}

/**
 * Validate the whole text before anything is returned: header `timestamp,value`, then one
 * `timestamp,value` row per line, timestamps not going backwards. A trailing newline is allowed;
 * `line` in an error is 1-based, counting the header.
 */
export function parseSeriesCsv(text: string): ParseResult {
  const raw = text.split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const header = (raw[0] ?? '').replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (header.trim() !== 'timestamp,value') {
    return { ok: false, line: 1, reason: `expected header "timestamp,value", found "${header.slice(0, 60)}"` };
  }
  const n = raw.length - 1;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  const lines: string[] = new Array<string>(n);
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const lineNo = i + 2;
    let row = raw[i + 1] as string;
    if (row.endsWith('\r')) row = row.slice(0, -1);
    const comma = row.indexOf(',');
    if (comma < 0 || row.indexOf(',', comma + 1) >= 0) {
      return { ok: false, line: lineNo, reason: row === '' ? 'empty row' : 'expected 2 fields: timestamp,value' };
    }
    const ts = row.slice(0, comma).trim();
    const vs = row.slice(comma + 1).trim();
    const ms = parseTimestamp(ts);
    if (ms !== ms) return { ok: false, line: lineNo, reason: `bad timestamp "${ts}" (want YYYY-MM-DD HH:MM:SS)` };
    if (ms < prev) return { ok: false, line: lineNo, reason: `timestamp ${ts} is earlier than the row before` };
    if (!NUM.test(vs)) return { ok: false, line: lineNo, reason: `bad value "${vs}" (want a number)` };
    const x = Number(vs);
    if (!Number.isFinite(x)) return { ok: false, line: lineNo, reason: `value "${vs}" is out of range` };
    prev = ms;
    t[i] = ms;
    v[i] = x;
    lines[i] = row;
  }
  return { ok: true, series: { t, v, lines } };
}
