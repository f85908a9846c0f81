// Value mappings (Grafana's): a value, a range, a /regex/ on the value's text or a special value
// (no value, NaN) shown as a text and/or a colour instead of the formatted number. First match
// wins. Zod-free so the renderer can import it; the schema is in config-schema.ts.

export interface ValueMapping {
  /** Exactly this value. */
  value?: number | undefined;
  /** A range, both ends included; a missing end is open. */
  from?: number | undefined;
  to?: number | undefined;
  /** `/re/flags`, or a bare pattern matched against the whole value text (Grafana's rule). */
  regex?: string | undefined;
  /** `null`: no value; `nan`: not a number; `null+nan`: either. */
  special?: 'null' | 'nan' | 'null+nan' | undefined;
  /** Shown instead of the number; `$1` … in a regex mapping's text are its groups. Plain text. */
  text?: string | undefined;
  /** #rrggbb the value is shown in (else the threshold colour). */
  color?: string | undefined;
}

export interface MappedValue {
  /** Undefined when the mapping sets only a colour: the number is shown formatted. */
  text?: string;
  color?: string;
}

/** A mapping's regex (throws on an invalid one; check-config refuses those). */
export function mappingRegex(pattern: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  return m ? new RegExp(m[1] as string, (m[2] as string).replace('g', '')) : new RegExp(`^(?:${pattern})$`);
}

/** pattern → its regex, compiled once: stat panels and legends match on every render and update */
const compiled = new Map<string, RegExp>();

function cachedRegex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = mappingRegex(pattern)));
  // why: a sticky (`y`) pattern keeps where it last matched; each value is matched from its start
  re.lastIndex = 0;
  return re;
}

function hit(m: ValueMapping, v: number | null | undefined): string | undefined | false {
  const none = v === null || v === undefined;
  if (m.special !== undefined) {
    const nan = !none && Number.isNaN(v);
    return (m.special === 'null' ? none : m.special === 'nan' ? nan : none || nan) ? m.text : false;
  }
  if (none || Number.isNaN(v)) return false;
  if (m.value !== undefined) return v === m.value ? m.text : false;
  if (m.regex !== undefined) {
    const re = cachedRegex(m.regex);
    const s = String(v);
    if (!re.test(s)) return false;
    return m.text !== undefined ? s.replace(re, m.text) : undefined;
  }
  if (m.from === undefined && m.to === undefined) return false;
  return v >= (m.from ?? -Infinity) && v <= (m.to ?? Infinity) ? m.text : false;
}

/** What the first matching mapping shows for `v`, or undefined when none matches. */
export function mapValue(mappings: readonly ValueMapping[] | undefined, v: number | null | undefined): MappedValue | undefined {
  for (const m of mappings ?? []) {
    const r = hit(m, v);
    if (r === false) continue;
    return { ...(r !== undefined ? { text: r } : {}), ...(m.color !== undefined ? { color: m.color } : {}) };
  }
  return undefined;
}
