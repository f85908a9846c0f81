/**
 * Bytes of state an object holds: typed arrays by their buffers, numbers 8, strings 2 per char,
 * arrays, maps, sets and plain objects walked (each reached once). Not V8's exact heap layout,
 * but it grows whenever the state does, which is what a bounded-state test needs.
 */
export function stateBytes(root: unknown): number {
  const seen = new Set<unknown>();
  const walk = (x: unknown): number => {
    if (typeof x === 'number' || typeof x === 'boolean') return 8;
    if (typeof x === 'string') return 2 * x.length;
    if (x === null || typeof x !== 'object' || seen.has(x)) return 0;
    seen.add(x);
    if (ArrayBuffer.isView(x)) return x.buffer instanceof ArrayBuffer && !seen.has(x.buffer) ? (seen.add(x.buffer), x.buffer.byteLength) : 0;
    if (x instanceof Map) return [...x].reduce((s, [k, v]) => s + walk(k) + walk(v), 0);
    if (x instanceof Set || Array.isArray(x)) return [...(x as Iterable<unknown>)].reduce<number>((s, v) => s + 8 + walk(v), 0);
    return Object.values(x as Record<string, unknown>).reduce<number>((s, v) => s + walk(v), 0);
  };
  return walk(root);
}
