// Grafana value mappings → the board's `mappings`: new-style `fieldConfig.defaults.mappings`
// (`{type: value|range|regex|special, options}`), Grafana 7's (`{type: 1|2, value|from/to, text}`)
// and old singlestat `valueMaps` / `rangeMaps` / `mappingType`. What cannot match a Prometheus
// number (text keys, true/false/empty) is left out and said.
import type { ValueMappingEntry } from '../../shared/config-schema';
import { mappingRegex } from '../../shared/value-mappings';
import type { GrafanaPanel } from './dashboard';
import { grafanaColor } from './colors';
import { record } from './panel-caveats';

export interface MappingsResult {
  mappings: ValueMappingEntry[];
  /** What was left out, and why. */
  notes: string[];
}

type Result = { text?: string; color?: string };

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

function resultOf(raw: unknown, notes: string[]): Result {
  const r = record(raw);
  const out: Result = {};
  if (typeof r?.['text'] === 'string' && r['text'] !== '') out.text = r['text'];
  if (typeof r?.['color'] === 'string' && r['color'] !== '') {
    const hex = grafanaColor(r['color']);
    if (hex) out.color = hex;
    else notes.push(`mapping colour ${r['color']} has no fixed value: the threshold colour is used`);
  }
  return out;
}

type Entry = Omit<ValueMappingEntry, 'text' | 'color'>;

/** One mapping (or none: nothing to show) from a match and its result; a string match is why it is left out. */
function entry(match: Entry | string, res: Result, out: ValueMappingEntry[], notes: string[]): void {
  if (typeof match === 'string') {
    notes.push(match);
    return;
  }
  if (res.text === undefined && res.color === undefined) return;
  out.push({ ...match, ...(res.text !== undefined ? { text: res.text } : {}), ...(res.color !== undefined ? { color: res.color } : {}) });
}

function valueMatch(key: string): Entry | string {
  if (key === 'null') return { special: 'null' };
  const n = numberOf(key);
  return n !== undefined ? { value: n } : `value mapping "${key}" left out: a Prometheus value is a number`;
}

function rangeMatch(from: unknown, to: unknown): Entry | string {
  const f = numberOf(from);
  const t = numberOf(to);
  if (f === undefined && t === undefined) return from === 'null' && to === 'null' ? { special: 'null' } : 'range mapping without bounds left out';
  if (f !== undefined && t !== undefined && f > t) return `range mapping ${f}..${t} left out: it matches nothing`;
  return { ...(f !== undefined ? { from: f } : {}), ...(t !== undefined ? { to: t } : {}) };
}

const SPECIAL: Record<string, Entry['special']> = { null: 'null', nan: 'nan', 'null+nan': 'null+nan' };

/** A new-style (Grafana 8+) mapping, or Grafana 7's `{type: 1|2}`. */
function readMapping(raw: unknown, out: ValueMappingEntry[], notes: string[]): void {
  const m = record(raw);
  const type = m?.['type'];
  const opts = record(m?.['options']);
  if (type === 'value' && opts) {
    for (const [key, res] of Object.entries(opts)) entry(valueMatch(key), resultOf(res, notes), out, notes);
  } else if (type === 'range' && opts) {
    entry(rangeMatch(opts['from'], opts['to']), resultOf(opts['result'], notes), out, notes);
  } else if (type === 'regex' && opts) {
    const pattern = opts['pattern'];
    let match: Entry | string = 'regex mapping without a pattern left out';
    if (typeof pattern === 'string' && pattern !== '') {
      try {
        mappingRegex(pattern);
        match = { regex: pattern };
      } catch {
        match = `regex mapping ${JSON.stringify(pattern)} left out: not a valid regular expression`;
      }
    }
    entry(match, resultOf(opts['result'], notes), out, notes);
  } else if (type === 'special' && opts) {
    const what = typeof opts['match'] === 'string' ? opts['match'] : '?';
    const special = Object.hasOwn(SPECIAL, what) ? SPECIAL[what] : undefined;
    entry(special ? { special } : `special mapping "${what}" left out: a Prometheus value is never ${what}`, resultOf(opts['result'], notes), out, notes);
  } else if ((type === 1 || type === 2) && m) {
    // Grafana 7: {type: 1, value: "1", text} or {type: 2, from, to, text}
    const res = resultOf({ text: m['text'] }, notes);
    entry(type === 1 ? valueMatch(String(m['value'] ?? '')) : rangeMatch(m['from'], m['to']), res, out, notes);
  } else {
    notes.push(`mapping of type ${JSON.stringify(type ?? '?')} has no counterpart`);
  }
}

/** A list of Grafana mappings (field defaults, or an override's `mappings` property). */
export function readMappings(list: unknown): MappingsResult {
  const out: ValueMappingEntry[] = [];
  const notes: string[] = [];
  if (Array.isArray(list)) list.forEach((m) => readMapping(m, out, notes));
  return { mappings: out, notes };
}

/** The panel's value mappings in the order Grafana tries them. */
export function mapValueMappings(p: GrafanaPanel): MappingsResult {
  const list = p.fieldConfig?.defaults?.mappings;
  if (Array.isArray(list) && list.length > 0) return readMappings(list);
  const out: ValueMappingEntry[] = [];
  const notes: string[] = [];
  if (p.type === 'singlestat' || p.valueMaps !== undefined || p.rangeMaps !== undefined) {
    // why: Grafana's own migration reads the list `mappingType` names (1 values, 2 ranges), else the non-empty one
    const values = p.valueMaps ?? [];
    const ranges = p.rangeMaps ?? [];
    const kind = p.mappingType === 1 || p.mappingType === 2 ? p.mappingType : values.length > 0 ? 1 : ranges.length > 0 ? 2 : 0;
    if (kind === 1) values.forEach((m) => readMapping({ ...record(m), type: 1 }, out, notes));
    if (kind === 2) ranges.forEach((m) => readMapping({ ...record(m), type: 2 }, out, notes));
  }
  // why: Grafana tries the mappings in list order (`index` only orders its editor)
  return { mappings: out, notes };
}
