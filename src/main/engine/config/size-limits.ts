// Bounds on a board file, so a hostile or broken file (an alias bomb, a huge paste) is an error with
// a line, never a stall or a crash. Aliases themselves are fine (101 panels sharing `thresholds: *th`
// is a normal board): what is bounded is the size of the document once aliases are expanded.
import { visit, type Document } from 'yaml';

export interface BoardLimits {
  /** bytes of the board file */
  maxBytes: number;
  /** values (maps, lists, scalars) once every alias is expanded */
  maxValues: number;
}

export const BOARD_LIMIT_ENV: Record<keyof BoardLimits, string> = {
  maxBytes: 'WALLBOARD_MAX_BOARD_BYTES',
  maxValues: 'WALLBOARD_MAX_BOARD_VALUES',
};

const DEFAULTS: BoardLimits = { maxBytes: 4 * 1024 * 1024, maxValues: 1_000_000 };

export function boardLimits(env: NodeJS.ProcessEnv): BoardLimits {
  const out = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof BoardLimits)[]) {
    const n = Number(env[BOARD_LIMIT_ENV[key]]);
    if (Number.isSafeInteger(n) && n > 0) out[key] = n;
  }
  return out;
}

export function sizeProblem(bytes: number, limits: BoardLimits): string | undefined {
  if (bytes <= limits.maxBytes) return undefined;
  return `board file is ${bytes} bytes, over the limit of ${limits.maxBytes} (set ${BOARD_LIMIT_ENV.maxBytes} to raise it)`;
}

/**
 * Values in `root` with every shared reference counted each time it is reached (what zod and the
 * renderer would walk). Memoised per object, so a billion-laughs document costs linear time here.
 * Stops counting at `cap + 1`.
 */
export function expandedSize(root: unknown, cap: number): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, cap + 1); // why: a cycle (an alias inside its own anchor) counts as over the limit
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > cap) break;
    }
    n = Math.min(n, cap + 1);
    memo.set(v, n);
    return n;
  };
  return size(root);
}

/** Offset of the first alias (`*name`) in the document, where an expansion error is reported. */
export function firstAliasOffset(doc: Document): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_k, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}
