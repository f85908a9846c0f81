// Structural sharing between consecutive snapshots: unchanged parts keep their old object identity,
// so components selecting them do not re-render. This is what makes a live tick cheap.
import type { PanelSnapshot, Snapshot } from '../../shared/api';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function keep<T>(prev: T | undefined, next: T): T {
  return prev !== undefined && deepEqual(prev, next) ? prev : next;
}

/** `next`, with every part equal to the same part of `prev` replaced by prev's object. */
export function shareSnapshot(prev: Snapshot | null, next: Snapshot): Snapshot {
  if (!prev) return next;
  const panels: Record<string, PanelSnapshot> = {};
  for (const [id, p] of Object.entries(next.panels)) panels[id] = keep(prev.panels[id], p);
  return {
    ...next,
    panels,
    health: keep(prev.health, next.health),
    alerts: keep(prev.alerts, next.alerts),
    silences: keep(prev.silences, next.silences),
    incidents: keep(prev.incidents, next.incidents),
    sources: keep(prev.sources, next.sources),
  };
}
