// Untrusted text from a server (alert labels and annotations, silence comments, health service
// names, failure reasons) enters the engine model only through here: cut to a bound and with the
// Unicode bidi controls that can re-order what an operator reads made visible. Error reasons of
// every source pass withUntrustedReasons in the scheduler, the one place a poll's result enters.
import type { Batch } from '../../../shared/model';

/**
 * Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). With them "\u202Egnp.exe"
 * displays as "exe.png". The marks U+200E/U+200F/U+061C only nudge neutral characters and cannot
 * re-order a word, so they are left alone (they occur in honest right-to-left text).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * why a bracketed code point and not removal or U+FFFD: removing the control would silently show a
 * clean-looking "gnp.exe" that is not what the server sent, and U+FFFD says "broken encoding", not
 * "someone put a direction override here". "[U+202E]" tells the operator exactly what was there.
 */
const marker = (c: string): string => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;

/** `s` with every bidi embedding/override/isolate replaced by a visible marker, at most `max` characters. */
export function untrustedText(s: string, max: number): string {
  // why: cut before and after so a string of controls (each one grows to 8 characters) stays bounded
  const head = s.length > max ? s.slice(0, max) : s;
  const shown = head.replace(BIDI_CONTROLS, marker);
  return shown.length > max ? shown.slice(0, max) : shown;
}

/** Every key and value of a label/annotation map through `untrustedText`. */
export function untrustedRecord(r: Record<string, string>, max: number): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [untrustedText(k, max), untrustedText(v, max)]));
}

/** Characters of an error reason (a source's status, a query's outcome): room for a Prometheus parse
 *  error with its position, too few for an HTML error page to flood the status line. */
export const MAX_REASON_CHARS = 512;

// C0 and C1 controls and line breaks: a reason is one line on the wall and in the log, and an ESC or
// a newline from a server could forge terminal colours or whole log lines
const CONTROLS_AND_SPACE = /[\s\u0000-\u001F\u007F-\u009F]+/g;

/** An error reason that may quote a server (error bodies, messages): one line, bidi controls made
 *  visible, at most MAX_REASON_CHARS characters (an ellipsis says it was cut). */
export function untrustedReason(s: string): string {
  const flat = untrustedText(s.replace(CONTROLS_AND_SPACE, ' ').trim(), MAX_REASON_CHARS + 1);
  return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS - 1)}…` : flat;
}

/** The batch with its status reason and every query outcome's reason through untrustedReason. */
export function withUntrustedReasons(batch: Batch): Batch {
  const status = batch.status.ok ? batch.status : { ok: false as const, reason: untrustedReason(batch.status.reason) };
  const queries = batch.queries.map((q) => (q.outcome.ok ? q : { ...q, outcome: { ok: false as const, reason: untrustedReason(q.outcome.reason) } }));
  return { ...batch, status, queries };
}
