// Severity order, shared by the engine (incidents, notify policy) and the renderer (sorting).
// Kept apart from config-schema.ts (type imports only) so the renderer does not pull zod in.
import type { Severity } from './config-schema';

const RANK: Record<Severity, number> = { critical: 3, high: 2, warning: 1, info: 0 };

/** critical 3 > high 2 > warning 1 > info 0 */
export function severityRank(s: Severity): number {
  return RANK[s];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Most severe first; typed through RANK so a new severity fails to compile until it is ranked. */
export const SEVERITIES_BY_RANK: readonly Severity[] = (Object.keys(RANK) as Severity[]).sort((a, b) => RANK[b] - RANK[a]);
