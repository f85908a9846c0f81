/**
 * `table[key]` for a key read from a dashboard, own entries only: a unit or panel type called
 * `valueOf` or `constructor` must not find Object.prototype's function (the import fuzz did).
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
