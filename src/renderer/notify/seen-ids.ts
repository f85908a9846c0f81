// Notification ids already delivered by this browser, so an id is never shown twice: not after an
// SSE reconnect that resumes from Last-Event-ID, and not after a page reload.

export interface SeenIds {
  has(id: string): boolean;
  add(id: string): void;
}

/** The subset of the Web Storage API this needs (localStorage in the browser). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'wallboard.notified';
/** Ids kept; far more than the policy lets through in a day (rate limit per minute). */
const MAX_IDS = 2_000;

export function createSeenIds(storage?: KeyValueStorage, max = MAX_IDS): SeenIds {
  const ids = new Set<string>();
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) for (const v of parsed) if (typeof v === 'string') ids.add(v);
  } catch {
    // unreadable or blocked storage: dedupe within this page only
  }
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (ids.has(id)) return;
      ids.add(id);
      // why: a Set iterates in insertion order, so the first ids are the oldest
      while (ids.size > max) {
        const oldest = ids.values().next().value;
        if (oldest === undefined) break;
        ids.delete(oldest);
      }
      try {
        storage?.setItem(KEY, JSON.stringify([...ids]));
      } catch {
        // storage full or blocked: the in-memory set still dedupes
      }
    },
  };
}
