import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBenchDoc, renderBenchDoc } from '../../bench/bench-doc';

const HEADER = '# Benchmarks\n\nMachine: test\n\n';
const doc = (...parts: string[]): string => HEADER + parts.join('\n\n') + '\n';
const section = (name: string, body: string): string => `<!-- bench:${name} -->\n${body}\n<!-- /bench:${name} -->`;

describe('BENCHMARKS.md sections and hand-written text', () => {
  it('keeps the text written after any section, not only after the last, when one section is re-run', () => {
    const before = doc(section('a', 'A old'), 'Paired runs of a (by hand).', section('b', 'B old'), 'Fault suite notes.');
    const parsed = parseBenchDoc(before);
    parsed.sections.set('a', 'A new\n');
    const after = renderBenchDoc(HEADER, parsed, ['a', 'b']);
    expect(after).toContain('A new');
    expect(after).not.toContain('A old');
    expect(after.indexOf('Paired runs of a')).toBeGreaterThan(after.indexOf('A new'));
    expect(after.indexOf('Paired runs of a')).toBeLessThan(after.indexOf('B old'));
    expect(after).toContain('Fault suite notes.');
  });

  it('keeps text that followed a section no longer listed', () => {
    const parsed = parseBenchDoc(doc(section('gone', 'G'), 'Notes on gone.', section('b', 'B')));
    expect(renderBenchDoc(HEADER, parsed, ['b'])).toContain('Notes on gone.');
  });

  it('reads the repository’s BENCHMARKS.md and writes back every section and every hand-written line', () => {
    const text = readFileSync('BENCHMARKS.md', 'utf8');
    const parsed = parseBenchDoc(text);
    const order = [...parsed.sections.keys()];
    const out = renderBenchDoc('', parsed, order);
    const start = text.indexOf('<!-- bench:');
    const lines = (s: string): string[] => s.split('\n').filter((l) => l.trim() !== '');
    expect(lines(out)).toEqual(lines(text.slice(start)));
  });
});
