import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDetectCommand } from '../../../src/main/cli/detect';
import { seasonalNoise } from './synthetic';

const dir = mkdtempSync(join(tmpdir(), 'wallboard-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function csv(name: string, rows: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, ['timestamp,value', ...rows].join('\n') + '\n');
  return file;
}

async function run(file: string, opts: { method?: string; sensitivity?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDetectCommand(file, opts, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

describe('wallboard detect', () => {
  const { t, v } = seasonalNoise(2000, 5);
  v[1500] = (v[1500] as number) + 40;
  const rows = t.map((ti, i) => `${stamp(ti)},${(v[i] as number).toFixed(4)}`);
  const good = csv('good.csv', rows);

  it('writes one row per input row, in order, with the input text and a score in [0, 1]', async () => {
    const { code, out, err } = await run(good);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1); // written once
    const lines = (out[0] as string).trimEnd().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(rows.length + 1);
    for (let i = 0; i < rows.length; i++) {
      const line = lines[i + 1] as string;
      expect(line.startsWith(`${rows[i] as string},`)).toBe(true);
      const score = line.slice((rows[i] as string).length + 1);
      expect(score).toMatch(/^[01]\.\d{6}$/);
      expect(Number(score)).toBeLessThanOrEqual(1);
    }
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores.indexOf(Math.max(...scores))).toBe(1500);
  });

  it('honours --method and --sensitivity, and refuses unknown ones', async () => {
    const a = await run(good, { method: 'seasonal', sensitivity: 'high' });
    const b = await run(good, { method: 'seasonal', sensitivity: 'low' });
    expect(a.code).toBe(0);
    expect(a.out[0]).not.toBe(b.out[0]);
    const bad = await run(good, { method: 'magic' });
    expect(bad.code).not.toBe(0);
    expect(bad.out).toEqual([]);
    expect(bad.err.join('')).toMatch(/--method/);
  });

  it('reports a malformed row by file and line and prints nothing else', async () => {
    const broken = [...rows.slice(0, 1200), `${stamp(t[1200] as number)},12,7`, ...rows.slice(1201)];
    const file = csv('broken.csv', broken);
    const { code, out, err } = await run(file);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    // header is line 1, so data row 1200 (0-based) is line 1202
    expect(err.join('')).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1202: `));
  });

  it('rejects bad timestamps, bad numbers and a wrong header with their line numbers', async () => {
    const cases: [string[], number, RegExp][] = [
      [['2024-01-01 00:00:00,1', '2024-13-01 00:00:00,2'], 3, /timestamp/],
      [['2024-01-01 00:00:00,1', '2024-01-01 00:05:00,abc'], 3, /value/],
      [['2024-01-01 00:05:00,1', '2024-01-01 00:00:00,2'], 3, /earlier/],
    ];
    for (const [body, line, what] of cases) {
      const { code, out, err } = await run(csv(`case-${line}-${String(what)}.csv`.replace(/\W/g, '_'), body));
      expect(code).toBe(1);
      expect(out).toEqual([]);
      expect(err.join('')).toMatch(new RegExp(`:${line}: .*${what.source}`));
    }
    const headerless = join(dir, 'headerless.csv');
    writeFileSync(headerless, 'time,val\n2024-01-01 00:00:00,1\n');
    const h = await run(headerless);
    expect(h.code).toBe(1);
    expect(h.err.join('')).toMatch(/:1: expected header/);
  });

  it('reports a file it cannot read', async () => {
    const { code, err } = await run(join(dir, 'missing.csv'));
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/missing\.csv: cannot read: ENOENT/);
  });
});
