// The policy's state in SQLite (table notify_state, migration 002), so dedupe, held bursts and
// flapping survive a restart. A row that does not parse starts fresh rather than crashing.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { SEVERITIES } from '../../../shared/config-schema';
import { initialPolicyState, type PolicyState } from './policy-types';

const heldItem = z.object({
  seq: z.number(),
  incidentId: z.string(),
  key: z.string(),
  kind: z.enum(['alert', 'health', 'threshold', 'anomaly', 'pipeline']),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  brand: z.string().optional(),
  at: z.number(),
  flapping: z.number().optional(),
});

const stateSchema = z.object({
  version: z.literal(1),
  seen: z.array(z.number()),
  floorSeq: z.number(),
  nextId: z.number(),
  recentOpens: z.array(z.number()),
  held: z.array(heldItem),
  heldOverflow: z.number(),
  heldSince: z.number().nullable(),
  sent: z.array(z.number()),
  flaps: z.record(
    z.string(),
    z.object({
      opens: z.array(z.number()),
      flapping: z.boolean(),
      lastChange: z.number(),
      open: heldItem.nullable(),
      openSilenced: z.boolean(),
    }),
  ),
  announced: z.record(z.string(), z.number()),
});

export interface PolicyStore {
  load(): PolicyState;
  save(state: PolicyState, now: number): void;
}

export function createPolicyStore(db: Database.Database): PolicyStore {
  const get = db.prepare(`SELECT state FROM notify_state WHERE id = 1`);
  const put = db.prepare(`INSERT OR REPLACE INTO notify_state (id, state, updated_at) VALUES (1, ?, ?)`);
  return {
    load() {
      const row = get.get() as { state: string } | undefined;
      if (!row) return initialPolicyState();
      try {
        const parsed = stateSchema.safeParse(JSON.parse(row.state));
        // why: zod's optional output is `T | undefined`; JSON never holds undefined, so the shapes agree
        return parsed.success ? (parsed.data as PolicyState) : initialPolicyState();
      } catch {
        return initialPolicyState();
      }
    },
    save(state, now) {
      put.run(JSON.stringify(state), now);
    },
  };
}
