// The board and snapshot `wallboard serve` inlined into the page (BootData, src/shared/api.ts), read
// once at start; undefined when absent (a token wall, the desktop app, a dev server) or unreadable.
import { BOOT_ELEMENT_ID, type BootData } from '../../shared/boot-data';

export function readBootData(doc: Document): BootData | undefined {
  const el = doc.getElementById(BOOT_ELEMENT_ID);
  if (!el || el.getAttribute('type') !== 'application/json') return undefined;
  try {
    const v = JSON.parse(el.textContent ?? '') as Partial<BootData> | null;
    // why this shallow check: serve wrote it from the same engine answers the API gives; a page
    // without a well-formed one falls back to asking
    if (!v || typeof v.board !== 'object' || !v.board || typeof v.snapshot !== 'object' || !v.snapshot) return undefined;
    const q = v.query;
    const queryOk = q !== undefined && Array.isArray(q.args?.panels) && Array.isArray(q.result?.panels) && [q.args.from, q.args.to, q.args.maxPoints].every(Number.isFinite);
    const { query: _query, eventId, ...rest } = v as BootData;
    return { ...rest, ...(queryOk ? { query: q } : {}), ...(Number.isInteger(eventId) ? { eventId } : {}) };
  } catch {
    return undefined;
  } finally {
    el.remove(); // why: read once; a later board must not meet a stale copy
  }
}
