/** Parsing of `timestamp,value` CSV files (the Numenta Anomaly Benchmark layout). */

export interface SeriesCsv {
  /** unix ms, one per data row, in file order (not necessarily increasing: see the counts) */
  t: Float64Array;
  v: Float64Array;
  /** The raw `timestamp,value` text of each data row, echoed unchanged to the output. */
  lines: string[];
  /** data rows whose timestamp is earlier than the row before's (a clock stepped back) */
  backward: number;
  /** data rows whose timestamp equals the row before's */
  repeated: number;
  /** data rows not later than the latest timestamp before them (what a live engine would skip) */
  late: number;
  /** empty or whitespace-only lines after the header, skipped */
  blank: number;
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
 * `timestamp,value` row per line (CRLF or LF; blank lines skipped). Rows whose timestamp steps back
 * or repeats are kept in file order and counted: real monitoring data has clock corrections and
 * duplicate scrapes, and refusing the file for them helps nobody. `line` in an error is 1-based,
 * counting the header.
 */
export function parseSeriesCsv(text: string): ParseResult {
  const raw = text.split('\n');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const header = (raw[0] ?? '').replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (header.trim() !== 'timestamp,value') {
    return { ok: false, line: 1, reason: `expected header "timestamp,value", found "${header.slice(0, 60)}"` };
  }
  const cap = Math.max(0, raw.length - 1);
  const t = new Float64Array(cap);
  const v = new Float64Array(cap);
  const lines: string[] = [];
  let prev = NaN;
  let latest = -Infinity;
  let backward = 0;
  let repeated = 0;
  let late = 0;
  let blank = 0;
  for (let i = 1; i < raw.length; i++) {
    const lineNo = i + 1;
    let row = raw[i] as string;
    if (row.endsWith('\r')) row = row.slice(0, -1);
    if (row.trim() === '') {
      blank++;
      continue;
    }
    const comma = row.indexOf(',');
    if (comma < 0 || row.indexOf(',', comma + 1) >= 0) return { ok: false, line: lineNo, reason: 'expected 2 fields: timestamp,value' };
    const ts = row.slice(0, comma).trim();
    const vs = row.slice(comma + 1).trim();
    const ms = parseTimestamp(ts);
    if (ms !== ms) return { ok: false, line: lineNo, reason: `bad timestamp "${ts}" (want YYYY-MM-DD HH:MM:SS)` };
    if (!NUM.test(vs)) return { ok: false, line: lineNo, reason: `bad value "${vs}" (want a number)` };
    const x = Number(vs);
    if (!Number.isFinite(x)) return { ok: false, line: lineNo, reason: `value "${vs}" is out of range` };
    if (ms < prev) backward++;
    else if (ms === prev) repeated++;
    if (ms <= latest) late++;
    else latest = ms;
    prev = ms;
    const k = lines.length;
    t[k] = ms;
    v[k] = x;
    lines.push(row);
  }
  const n = lines.length;
  return { ok: true, series: { t: t.subarray(0, n), v: v.subarray(0, n), lines, backward, repeated, late, blank } };
}

/** One line for stderr on what was unusual but scored (or '' when nothing was). */
export function irregularities(s: SeriesCsv): string {
  const parts: string[] = [];
  if (s.backward) parts.push(`${s.backward} row${s.backward === 1 ? '' : 's'} stepped back in time`);
  if (s.repeated) parts.push(`${s.repeated} row${s.repeated === 1 ? '' : 's'} repeated the timestamp before`);
  if (s.late) parts.push(`${s.late} row${s.late === 1 ? ' was' : 's were'} not after the latest timestamp before (scored in file order)`);
  if (s.blank) parts.push(`${s.blank} blank line${s.blank === 1 ? '' : 's'} skipped`);
  return parts.join('; ');
}
