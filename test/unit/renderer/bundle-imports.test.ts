import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every module the renderer's bundle evaluates, from its entry: imports that are not `import type`
// (a bundler keeps those, side effects and all), and re-exports.
const IMPORT = /^\s*(?:import(?!\s+type\s)[^'"]*?from\s*|import\s*|export\s*(?:\*|\{[^}]*\})\s*from\s*)['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return ['.ts', '.tsx', '/index.ts', ''].map((ext) => base + ext).find((p) => existsSync(p) && /\.tsx?$/.test(p));
}

function graph(entry: string): { modules: Set<string>; packages: Map<string, string> } {
  const modules = new Set<string>();
  const packages = new Map<string, string>(); // package → first module importing it
  const todo = [resolve(entry)];
  while (todo.length) {
    const f = todo.pop() as string;
    if (modules.has(f)) continue;
    modules.add(f);
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) {
        const p = resolveLocal(f, spec);
        if (p) todo.push(p);
      } else if (!packages.has(spec)) packages.set(spec, f);
    }
  }
  return { modules, packages };
}

describe("the renderer's bundle", () => {
  it('does not pull zod (the board file schemas) into the page', () => {
    // why: zod and the schemas were ~100 KB of the 480 KB bundle, compiled and run before the first paint
    const { modules, packages } = graph(join('src/renderer/main.tsx'));
    expect(modules.size).toBeGreaterThan(50);
    expect(packages.has('react')).toBe(true);
    expect([...packages].filter(([p]) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  });
});
