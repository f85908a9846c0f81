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
    return v && typeof v.board === 'object' && v.board && typeof v.snapshot === 'object' && v.snapshot ? (v as BootData) : undefined;
  } catch {
    return undefined;
  } finally {
    el.remove(); // why: read once; a later board must not meet a stale copy
  }
}
